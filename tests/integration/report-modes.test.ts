/**
 * Reports in two modes (issue 20): the final score and the score before critical items, worked by hand on three
 * evaluations, through the real core (SQLite file, dispatcher with its zod contracts); deductions by root cause
 * (原因分类) with their shares and labels; the xlsx export's by-cause sheet read back; and an upgraded database,
 * whose report rows migration 017 has rebuilt from the stored bodies.
 */
import { cpSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../electron/core/core';
import { openDatabase } from '../../electron/core/db/open';
import { defaultMigrationsDir } from '../../electron/core/paths';
import { ScorecardRepository } from '../../electron/core/scorecards/repo';
import type { Answers } from '../../shared/evaluation';
import type { AgentComparison, AnnexPage, ExportResult, MonthlyReport, Trends } from '../../shared/report';
import { modesCard, modesCardInput, modesChange } from '../support/modes-card';
import type { PulledSpec } from '../support/pulled-evaluations';
import type { Card } from '../support/sync-client';
import { makeTempDir } from '../support/temp';

const cleanup: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanup.splice(0)) c();
});

function openCore(dir = makeTempDir('qa-modes-')): Core {
  const core = createCore({ dataDir: dir.dir, transport: 'test', sync: { background: false } });
  cleanup.push(() => {
    core.close();
    dir.cleanup();
  });
  return core;
}

function install(core: Core, card: Card): void {
  new ScorecardRepository(core.db).insertPublished(card.id, card.version, card.definition, 'local');
}

const spec = (n: number, answers: Answers): PulledSpec & { answers: Answers } => ({
  id: `00000000-0000-4000-8000-0000000000${String(n).padStart(2, '0')}`,
  agentNo: 'A1',
  agentName: '杨冲',
  day: `2026-03-0${n}`,
  teamId: 'T1',
  site: '武汉',
  inspectorId: 'insp-1',
  answers,
});

/**
 * E1 clean:        opening 5×5/5 = 5 · attitude 25×(12+8)/25 = 20 · phrasing 20×16/20 = 16 · handling 50×(24+18)/50 = 42
 *                  total 83 (final = before critical).
 * E2 leak failed:  before critical 2 + 25 + 18 + 50 = 95; the leak zeroes the evaluation: final total 0, every
 *                  final section 0. (The body's section scores stay 2/25/18/50: what made the March report's
 *                  sections add up to more than its total.)
 * E3 rude failed:  attitude before critical 25×(6+4)/25 = 10, final 0 (the item limits only its section);
 *                  before critical 5 + 10 + 20 + 35 = 70, final 5 + 0 + 20 + 35 = 60.
 */
const e1: Answers = {
  greet: 3,
  bye: 'pass',
  tone: 12,
  polite: 8,
  rude: 'pass',
  phrases: 16,
  solve: 24,
  record: 18,
  leak: 'pass',
};
const e2: Answers = {
  greet: 2,
  bye: 'fail',
  tone: 15,
  polite: 10,
  rude: 'pass',
  phrases: 18,
  solve: 30,
  record: 20,
  leak: 'fail',
};
const e3: Answers = {
  greet: 3,
  bye: 'pass',
  tone: 6,
  polite: 4,
  rude: 'fail',
  phrases: 20,
  solve: 21,
  record: 14,
  leak: 'pass',
};
const causes: Record<string, string | undefined> = {
  tone: 'attitude',
  polite: 'attitude',
  greet: 'attitude',
  rude: 'attitude',
  solve: 'skill',
  record: 'process',
  bye: 'process',
  leak: 'process',
  phrases: undefined, // 未分类
};

function seeded(): Core {
  const core = openCore();
  const card = modesCard();
  install(core, card);
  const changes = [spec(1, e1), spec(2, e2), spec(3, e3)].map((s) => modesChange(s, card, (id) => causes[id]));
  core.db.transaction(() => core.context.reports.putPulled(changes))();
  return core;
}

const march = { from: '2026-03', to: '2026-03' };

describe('reports in two modes, worked by hand', () => {
  it('gives final figures whose sections add up to the total, with 舍入差 for what rounding leaves', async () => {
    const core = seeded();
    const c = (await core.call('reports.agentComparison', march)) as AgentComparison;
    expect(c.scoreMode).toBe('final');
    // total (83 + 0 + 60) / 3 = 47.666… → 47.67; opening (5 + 0 + 5) / 3 → 3.33; attitude (20 + 0 + 0) / 3 → 6.67;
    // phrasing (16 + 0 + 20) / 3 = 12.00; handling (42 + 0 + 35) / 3 = 25.666… → 25.67. 3.33 + 6.67 + 12 + 25.67 =
    // 47.67: 舍入差 0.
    expect(c.overall).toMatchObject({
      count: 3,
      total: 47.67,
      min: 0,
      max: 83,
      criticalFails: 2,
      sections: { opening: 3.33, attitude: 6.67, phrasing: 12, handling: 25.67 },
      difference: 0,
    });
    expect(c.rows[0]).toMatchObject({ agentNo: 'A1', total: 47.67, difference: 0 });
  });

  it('gives the scores before critical items on request, adding up the same way', async () => {
    const core = seeded();
    const c = (await core.call('reports.agentComparison', {
      ...march,
      scoreMode: 'beforeCritical',
    })) as AgentComparison;
    expect(c.scoreMode).toBe('beforeCritical');
    // total (83 + 95 + 70) / 3 = 82.666… → 82.67; opening (5 + 2 + 5) / 3 = 4.00; attitude (20 + 25 + 10) / 3 =
    // 18.333… → 18.33; phrasing (16 + 18 + 20) / 3 = 18.00; handling (42 + 50 + 35) / 3 = 42.333… → 42.33.
    // 4 + 18.33 + 18 + 42.33 = 82.66: 舍入差 0.01. Min and max are kept of final totals only: none here.
    expect(c.overall).toMatchObject({
      count: 3,
      total: 82.67,
      min: null,
      max: null,
      criticalFails: 2,
      sections: { opening: 4, attitude: 18.33, phrasing: 18, handling: 42.33 },
      difference: 0.01,
    });
  });

  it('carries the mode through trends, the monthly report and its annex', async () => {
    const core = seeded();
    for (const [scoreMode, total, difference, annexTotals] of [
      ['final', 47.67, 0, [83, 0, 60]],
      ['beforeCritical', 82.67, 0.01, [83, 95, 70]],
    ] as const) {
      const t = (await core.call('reports.trends', { ...march, scoreMode })) as Trends;
      expect(t.overall.totals.at(-1)).toBe(total);
      expect(t.overall.differences.at(-1)).toBe(difference);
      const m = (await core.call('reports.monthly', { ...march, scoreMode })) as MonthlyReport;
      expect(m.scoreMode).toBe(scoreMode);
      expect(m.overall).toMatchObject({ total, difference });
      expect(m.sectionTotals.totals.at(-1)).toBe(total);
      // the volume table (一) and the alerts stay on the final score, as the domain's report has them
      expect(m.volume.averages.at(-1)).toBe(47.67);
      const annex = (await core.call('reports.annex', { month: '2026-03', scoreMode })) as AnnexPage;
      expect(annex.rows.map((r) => r.total)).toEqual(annexTotals);
      // every evaluation's sections add up to its total in its mode (no section is N/A here)
      for (const r of annex.rows) {
        const sum = Object.values(r.sections).reduce<number>((a, v) => a + Math.round((v ?? 0) * 100), 0);
        expect(sum).toBe(Math.round(r.total * 100));
      }
    }
  });

  it('refuses a mode it does not know', async () => {
    const core = seeded();
    // what a page or a script could send: the contract's zod schema refuses it before any report runs
    const input = { ...march, scoreMode: 'uncapped' } as never;
    await expect(core.call('reports.agentComparison', input)).rejects.toMatchObject({ code: 'invalid_input' });
  });
});

describe('deductions by root cause (原因分类)', () => {
  it('counts deductions and points lost per cause, with shares, a drill-down and 未分类 last', async () => {
    const core = seeded();
    const m = (await core.call('reports.monthly', march)) as MonthlyReport;
    // 服务意识: E1 tone 3 + polite 2, E2 greet 1, E3 tone 9 + polite 6 + rude (a critical fail, 0 points): 6, 21.
    // 业务不熟: solve 6 + 9: 2, 15. 流程执行: E1 record 2, E2 bye 2 + leak 0, E3 record 6: 4, 10.
    // 未分类: phrases 4 + 2: 2, 6. Of 14 deductions and 52 points: 6/14 = 42.86 %, 21/52 = 40.38 %, …
    expect(m.causes.map((c) => [c.causeId, c.label, c.count, c.lostPoints, c.countShare, c.lostShare])).toEqual([
      ['attitude', '服务意识', 6, 21, 42.86, 40.38],
      ['skill', '业务不熟', 2, 15, 14.29, 28.85],
      ['process', '流程执行', 4, 10, 28.57, 19.23],
      ['', '', 2, 6, 14.29, 11.54],
    ]);
    expect(m.causes[0].items.map((i) => [i.sectionName, i.itemName, i.count, i.lostPoints])).toEqual([
      ['服务态度 / 沟通能力', '语气', 2, 12],
      ['服务态度 / 沟通能力', '礼貌用语', 2, 8],
      ['开头语 / 结束语', '问候', 1, 1],
      ['服务态度 / 沟通能力', '辱骂客户', 1, 0],
    ]);
    // the causes' points lost are the deductions' own: nothing counted twice, nothing left out
    const lost = m.deductions.reduce((a, d) => a + Math.round(d.lostPoints * 100), 0);
    expect(m.causes.reduce((a, c) => a + Math.round(c.lostPoints * 100), 0)).toBe(lost);
  });

  it('names a cause from the card version it was given on, even after a later version dropped it', async () => {
    const core = openCore();
    const v1 = modesCard(1);
    const v2 = modesCard(2, {
      ...modesCardInput,
      rootCauses: [
        { id: 'skill', label: '业务不熟' },
        { id: 'attitude', label: '服务意识与态度' },
      ],
    });
    install(core, v1);
    install(core, v2);
    const a = modesChange(spec(1, e1), v2, (id) => (id === 'tone' ? 'attitude' : undefined));
    const b = modesChange(spec(2, e1), v1, (id) =>
      id === 'tone' ? 'attitude' : id === 'record' ? 'process' : undefined,
    );
    core.db.transaction(() => core.context.reports.putPulled([a, b]))();
    const m = (await core.call('reports.monthly', march)) as MonthlyReport;
    const label = (id: string) => m.causes.find((c) => c.causeId === id)?.label;
    expect(label('attitude')).toBe('服务意识与态度'); // the newest version using it
    expect(label('process')).toBe('流程执行'); // only version 1 has it
  });

  it('takes a replaced revision’s causes back', async () => {
    const core = seeded();
    const card = modesCard();
    const again = modesChange({ ...spec(1, { ...e1, tone: 15 }), revision: 2 }, card, (id) => causes[id]);
    core.db.transaction(() => core.context.reports.putPulled([again]))();
    const m = (await core.call('reports.monthly', march)) as MonthlyReport;
    expect(m.causes.find((c) => c.causeId === 'attitude')).toMatchObject({ count: 5, lostPoints: 18 });
  });

  it('writes the by-cause table into the xlsx export and names the mode in titles and file name', async () => {
    const core = seeded();
    const out = (await core.call('reports.export', {
      report: 'monthly',
      ...march,
      scoreMode: 'beforeCritical',
      format: 'xlsx',
      out: core.context.dataDir,
    })) as ExportResult;
    expect(out.fileName).toBe('月度质检分析_全部班组_2026-03_致命项前得分.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out.path);
    const sheet = wb.getWorksheet('五（1）扣分原因分类')!;
    // the sheet's title is its printed footer; row 1 the headers, then each cause followed by its items
    expect(sheet.headerFooter.oddFooter).toContain('五、问题与改进建议（1）主要扣分项：按原因分类（2026-03）');
    expect(sheet.getRow(1).getCell(1).value).toBe('原因分类');
    const rows: unknown[][] = [];
    sheet.eachRow((row, n) => {
      if (n > 1) rows.push((row.values as unknown[]).slice(1));
    });
    const causeRows = rows.filter((r) => !r[1]);
    expect(causeRows.map((r) => [r[0], r[3], r[5]])).toEqual([
      ['服务意识', 6, 21],
      ['业务不熟', 2, 15],
      ['流程执行', 4, 10],
      ['未分类', 2, 6],
    ]);
    const three = wb.getWorksheet('三 分项均分')!;
    expect(three.headerFooter.oddFooter).toContain('致命项前得分');
    expect(three.getRow(6).getCell(1).value).toBe('舍入差');
    expect(three.getRow(6).getCell(5).value).toBe(0.01); // 分项, 满分, 2026-01 … 2026-03
    expect(three.getRow(7).getCell(5).value).toBe(82.67);
  });
});

describe('an upgraded database', () => {
  it('shows both modes right after migration 017, rebuilt from the stored bodies', async () => {
    const dir = makeTempDir('qa-modes-upgrade-');
    cleanup.push(() => dir.cleanup());
    // a database as the version before this change left it: migrations up to 016, a pulled evaluation held, and
    // the report store marked built (its rows as that version wrote them: here, none)
    const before = join(dir.dir, 'migrations-016');
    cpSync(defaultMigrationsDir(), before, { recursive: true });
    rmSync(join(before, '017_report_score_modes.sql'));
    const card = modesCard();
    const change = modesChange(spec(2, e2), card);
    const { db } = openDatabase(join(dir.dir, 'qa.sqlite'), before);
    new ScorecardRepository(db).insertPublished(card.id, card.version, card.definition, 'local');
    db.prepare(
      `INSERT INTO pulled_evaluations (id, revision, hash, inspector_id, inspector_name, received_at, team_id, site,
         body_json) VALUES (?, 1, ?, 'insp-1', '质检员', ?, 'T1', '武汉', ?)`,
    ).run(change.id, change.hash, change.receivedAt, JSON.stringify(change.body));
    db.prepare('UPDATE report_store_state SET built = 1').run();
    db.close();

    const core = createCore({ dataDir: dir.dir, transport: 'test', sync: { background: false } });
    cleanup.unshift(() => core.close());
    const final = (await core.call('reports.agentComparison', march)) as AgentComparison;
    expect(final.overall).toMatchObject({
      count: 1,
      total: 0,
      sections: { opening: 0, attitude: 0, phrasing: 0, handling: 0 },
      difference: 0,
    });
    const before2 = (await core.call('reports.agentComparison', {
      ...march,
      scoreMode: 'beforeCritical',
    })) as AgentComparison;
    expect(before2.overall).toMatchObject({
      total: 95,
      sections: { opening: 2, attitude: 25, phrasing: 18, handling: 50 },
      difference: 0,
    });
  });
});
