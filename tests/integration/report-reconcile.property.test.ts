/**
 * Every report table adds up (issue 20): over random evaluation sets with random critical fails (the whole
 * evaluation or one section), in both score modes, the section columns plus 舍入差 equal the total column in every
 * row — per agent, per team, per site, per month and the 合计 rows — and where no section dropped out as N/A the
 * 舍入差 is rounding alone: at most (4 sections + 1) / 2 hundredths, as each of the five figures is rounded once.
 * Before this change the final total of an evaluation with a critical fail was 0 while its sections were not.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../electron/core/core';
import { ScorecardRepository } from '../../electron/core/scorecards/repo';
import type { AgentComparison, ComparisonFigures, MonthlyReport, ScoreMode, Trends } from '../../shared/report';
import type { SiteRanking } from '../../shared/report-math';
import { seededRandom } from '../support/fault-proxy';
import { modesAnswers, modesCard, modesChange } from '../support/modes-card';
import { makeTempDir } from '../support/temp';

const card = modesCard();
const sectionIds = card.definition.sections.map((s) => s.id);
const teams = [
  { id: 'T1', site: '武汉' },
  { id: 'T2', site: '武汉' },
  { id: 'T3', site: '长沙' },
];
const months = ['2026-01', '2026-02', '2026-03'];

const cleanup: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanup.splice(0)) c();
});

function seeded(seed: number, count: number, criticalRate: number, na: boolean): Core {
  const temp = makeTempDir('qa-reconcile-');
  const core = createCore({ dataDir: temp.dir, transport: 'test', sync: { background: false } });
  cleanup.push(() => {
    core.close();
    temp.cleanup();
  });
  new ScorecardRepository(core.db).insertPublished(card.id, card.version, card.definition, 'local');
  const random = seededRandom(seed);
  const changes = Array.from({ length: count }, (_, i) => {
    const team = teams[Math.floor(random() * teams.length)];
    const month = months[Math.floor(random() * months.length)];
    return modesChange(
      {
        id: `00000000-0000-4000-8000-${String(seed % 10000).padStart(4, '0')}${String(i).padStart(8, '0')}`,
        agentNo: `A${1 + Math.floor(random() * 5)}`,
        day: `${month}-${String(1 + Math.floor(random() * 28)).padStart(2, '0')}`,
        teamId: team.id,
        site: team.site,
        inspectorId: 'insp-1',
        answers: modesAnswers(random, criticalRate, na),
      },
      card,
    );
  });
  core.db.transaction(() => core.context.reports.putPulled(changes))();
  return core;
}

const x100 = (v: number | null | undefined) => Math.round((v ?? 0) * 100);

/** One row of a table: its section cells, its 舍入差 and its total. */
function checkRow(
  where: string,
  sections: Record<string, number | null>,
  difference: number | null,
  total: number | null,
  na: boolean,
) {
  if (total === null) {
    expect(difference, where).toBeNull();
    return;
  }
  const sum = sectionIds.reduce((a, id) => a + x100(sections[id]), 0);
  expect(sum + x100(difference), where).toBe(x100(total));
  if (!na) expect(Math.abs(x100(difference)), where).toBeLessThanOrEqual((sectionIds.length + 1) / 2);
}

const figures = (where: string, f: ComparisonFigures, na: boolean) =>
  checkRow(where, f.sections, f.difference, f.total, na);

describe('report tables reconcile', () => {
  it('section columns plus 舍入差 equal the total in every row, in both modes', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 5, max: 60 }),
        fc.constantFrom(0, 0.1, 0.3, 0.6),
        fc.boolean(),
        async (seed, count, criticalRate, na) => {
          const core = seeded(seed, count, criticalRate, na);
          for (const scoreMode of ['final', 'beforeCritical'] as ScoreMode[]) {
            const period = { from: '2026-01', to: '2026-03', scoreMode };
            const c = (await core.call('reports.agentComparison', period)) as AgentComparison;
            for (const r of c.rows) figures(`${scoreMode} agent ${r.agentNo}`, r, na);
            figures(`${scoreMode} 合计`, c.overall, na);
            // Every seeded evaluation is a call: narrowed to phone, the comparison reads the facts instead of the
            // monthly summaries (repo.ts) and must give the very same table in either mode.
            const phone = (await core.call('reports.agentComparison', {
              ...period,
              channel: 'phone',
            })) as AgentComparison;
            expect({ rows: phone.rows, overall: phone.overall }).toEqual({ rows: c.rows, overall: c.overall });
            const team = (await core.call('reports.agentComparison', { ...period, team: 'T1' })) as AgentComparison;
            figures(`${scoreMode} team T1`, team.overall, na);
            const s = (await core.call('reports.siteRanking', period)) as SiteRanking;
            for (const r of s.rows) figures(`${scoreMode} site ${r.site}`, r, na);
            figures(`${scoreMode} sites 合计`, s.overall, na);
            const t = (await core.call('reports.trends', period)) as Trends;
            t.months.forEach((m, i) => {
              const sections = Object.fromEntries(sectionIds.map((id) => [id, t.sectionAverages[id][i]]));
              checkRow(`${scoreMode} trend ${m}`, sections, t.overall.differences[i], t.overall.totals[i], na);
            });
            const m = (await core.call('reports.monthly', {
              from: '2026-03',
              to: '2026-03',
              scoreMode,
            })) as MonthlyReport;
            m.months.forEach((month, i) => {
              const sections = Object.fromEntries(sectionIds.map((id) => [id, m.sectionAverages[id][i]]));
              checkRow(
                `${scoreMode} monthly 三 ${month}`,
                sections,
                m.sectionTotals.differences[i],
                m.sectionTotals.totals[i],
                na,
              );
            });
            for (const r of m.comparison.rows) figures(`${scoreMode} monthly 四 ${r.agentNo}`, r, na);
            checkRow(`${scoreMode} monthly overall`, m.overall.sections, m.overall.difference, m.overall.total, na);
          }
        },
      ),
      { numRuns: 15 },
    );
  }, 180_000);
});
