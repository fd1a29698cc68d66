/**
 * The report store against a brute-force count: random evaluations pulled in batches (later revisions replacing
 * earlier ones, some in the same batch), then random periods — whole months, weeks, days 5–20, ranges across
 * months — in every scope. Every figure must equal what one pass over the raw evaluations gives, and the summaries
 * kept batch by batch must equal a rebuild from scratch.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../electron/core/core';
import type { EvaluationRevision } from '../../shared/evaluation';
import { addMonths, type AgentComparison, type ReportScope, type ScoreMode } from '../../shared/report';
import { comparisonFigures, emptySums, type ScoreSums, type SiteRanking } from '../../shared/report-math';
import { hundredths } from '../../shared/scorecard';
import { computeScore } from '../../shared/scoring';
import type { EvaluationChange } from '../../shared/sync';
import { seededRandom } from '../support/fault-proxy';
import { changeFor, revisionFor, type PulledSpec } from '../support/pulled-evaluations';
import { defaultCard } from '../support/sync-client';
import { makeTempDir } from '../support/temp';

const card = defaultCard();
const sectionIds = card.definition.sections.map((s) => s.id);
const teams = [
  { id: 'T1', site: '武汉' },
  { id: 'T2', site: '武汉' },
  { id: 'T3', site: '长沙' },
];
const months = ['2025-12', '2026-01', '2026-02'];
const me = 'insp-me';

interface Held {
  spec: PulledSpec;
  body: EvaluationRevision;
}

const cleanup: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanup.splice(0)) c();
});

function openCore(): Core {
  const temp = makeTempDir('qa-report-store-');
  const core = createCore({ dataDir: temp.dir, transport: 'test', sync: { background: false } });
  core.context.identity.set({ userId: me, name: '我', role: 'lead', teams: [{ id: 'T1', name: 'T1' }], site: null });
  cleanup.push(() => {
    core.close();
    temp.cleanup();
  });
  return core;
}

function dayOf(random: () => number): string {
  const month = months[Math.floor(random() * months.length)];
  const [y, m] = month.split('-').map(Number);
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${month}-${String(1 + Math.floor(random() * days)).padStart(2, '0')}`;
}

/** Batches of pulled changes; each id's revisions arrive in order, some replaced within one batch. */
function dataset(seed: number, count: number): { batches: EvaluationChange[][]; held: Map<string, Held> } {
  const random = seededRandom(seed);
  const held = new Map<string, Held>();
  const batches: EvaluationChange[][] = [[], [], []];
  for (let i = 0; i < count; i++) {
    const team = teams[Math.floor(random() * teams.length)];
    const spec: PulledSpec = {
      id: `00000000-0000-4000-8000-${String(seed % 1000).padStart(4, '0')}${String(i).padStart(8, '0')}`,
      agentNo: `A${1 + Math.floor(random() * 6)}`,
      day: dayOf(random),
      teamId: team.id,
      site: team.site,
      inspectorId: random() < 0.3 ? me : `insp-${Math.floor(random() * 3)}`,
      findings: random() < 0.3 ? ['抢话'] : [],
    };
    const revisions = random() < 0.25 ? 2 : 1;
    for (let r = 1; r <= revisions; r++) {
      // a re-score may move nothing but the scores; the day and agent are the call's
      const body = revisionFor({ ...spec, revision: r }, card, random);
      const batch = Math.min(batches.length - 1, Math.floor(random() * batches.length) + (r - 1));
      batches[batch].push(changeFor(body, spec));
      held.set(spec.id!, { spec, body });
    }
  }
  return { batches, held };
}

function apply(core: Core, batch: EvaluationChange[]): void {
  // revisions of one id must arrive in order within a page, as the server sends them
  batch.sort((a, b) => (a.id === b.id ? a.revision - b.revision : 0));
  core.db.transaction(() => core.context.reports.putPulled(batch))();
}

function inScope(h: Held, scope: ReportScope): boolean {
  if (scope === 'mine') return h.spec.inspectorId === me;
  if (scope === 'team') return h.spec.teamId === 'T1';
  if (scope === 'site') return h.spec.site === '长沙';
  return true;
}

/** One pass over the raw bodies: the final score and its sections, or both before critical items (no min/max). */
function bruteSums(
  held: Map<string, Held>,
  from: string,
  to: string,
  scope: ReportScope,
  key: (h: Held) => string,
  mode: ScoreMode = 'final',
) {
  const out = new Map<string, ScoreSums>();
  for (const h of held.values()) {
    if (h.spec.day < from || h.spec.day > to || !inScope(h, scope)) continue;
    const s = out.get(key(h)) ?? emptySums();
    const final = mode === 'final';
    const total = hundredths(final ? h.body.total : h.body.uncappedTotal);
    s.n++;
    s.sumX100 += total;
    if (final) {
      s.minX100 = s.minX100 === null ? total : Math.min(s.minX100, total);
      s.maxX100 = s.maxX100 === null ? total : Math.max(s.maxX100, total);
    }
    s.criticalFails += h.body.criticalFailed ? 1 : 0;
    const score = computeScore(h.body.scorecardDefinition, h.body.answers);
    for (const [id, section] of Object.entries(score.sections)) {
      const v = final ? section.finalScore : section.uncappedScore;
      if (v === null) continue;
      const t = (s.sections[id] ??= { n: 0, sumX100: 0 });
      t.n++;
      t.sumX100 += hundredths(v);
    }
    out.set(key(h), s);
  }
  return out;
}

const periodArb = fc.tuple(fc.integer({ min: 0, max: 88 }), fc.integer({ min: 0, max: 40 })).map(([start, length]) => {
  const day = (n: number) => new Date(Date.UTC(2025, 11, 1 + n)).toISOString().slice(0, 10);
  return { from: day(start), to: day(Math.min(89, start + length)) };
});
const wholeMonthsArb = fc
  .tuple(fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 2 }))
  .map(([a, b]) => ({ from: months[Math.min(a, b)], to: months[Math.max(a, b)] }));
const scopeArb = fc.constantFrom<ReportScope>('all', 'mine', 'team', 'site');
const modeArb = fc.constantFrom<ScoreMode>('final', 'beforeCritical');

function bound(from: string, to: string): { from: string; to: string } {
  const last = (m: string) => {
    const next = addMonths(m, 1);
    return new Date(Date.parse(`${next}-01T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  };
  return { from: from.length === 7 ? `${from}-01` : from, to: to.length === 7 ? last(to) : to };
}

function snapshot(core: Core): unknown {
  const tables = [
    'report_facts',
    'report_agent_day',
    'report_agent_month',
    'report_category_month',
    'report_item_month',
    'report_text_month',
    'report_cause_month',
  ];
  return tables.map((t) => core.db.prepare(`SELECT * FROM ${t} ORDER BY 1, 2, 3, 4, 5, 6`).all());
}

describe('report store', () => {
  it('gives every period and scope exactly what a pass over the evaluations gives, and equals a rebuild', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.array(fc.tuple(fc.oneof(periodArb, wholeMonthsArb), scopeArb, modeArb), { minLength: 6, maxLength: 6 }),
        async (seed, queries) => {
          const core = openCore();
          const { batches, held } = dataset(seed, 60 + (seed % 90));
          for (const batch of batches) apply(core, batch);
          for (const [period, scope, scoreMode] of queries) {
            const { from, to } = bound(period.from, period.to);
            const input = { ...period, scope, scoreMode, ...(scope === 'site' ? { site: '长沙' } : {}) };
            const comparison = await core.call('reports.agentComparison', input);
            const expected = bruteSums(held, from, to, scope, (h) => h.spec.agentNo, scoreMode);
            expect(new Set(comparison.rows.map((r) => r.agentNo))).toEqual(new Set(expected.keys()));
            for (const row of (comparison as AgentComparison).rows) {
              const want = comparisonFigures(expected.get(row.agentNo)!, sectionIds);
              expect({ ...row, previousCount: 0, previousTotal: null, delta: null }).toMatchObject({
                count: want.count,
                total: want.total,
                min: want.min,
                max: want.max,
                criticalFails: want.criticalFails,
                sections: want.sections,
              });
            }
            const ranking = (await core.call('reports.siteRanking', input)) as SiteRanking;
            const bySite = bruteSums(held, from, to, scope, (h) => h.spec.site ?? '', scoreMode);
            for (const row of ranking.rows) {
              expect(row.count).toBe(bySite.get(row.site)!.n);
              expect(row.total).toBe(comparisonFigures(bySite.get(row.site)!, sectionIds).total);
            }
          }
          const kept = snapshot(core);
          core.context.reports.rebuild();
          expect(snapshot(core)).toEqual(kept);
        },
      ),
      { numRuns: 12 },
    );
  }, 120_000);

  it('skips an older revision than it holds, and an evaluation this app scored itself', async () => {
    const core = openCore();
    const spec: PulledSpec = { agentNo: 'A1', day: '2026-01-10', teamId: 'T1', site: '武汉', inspectorId: 'x' };
    const random = seededRandom(3);
    const r2 = revisionFor({ ...spec, id: '11111111-1111-4111-8111-111111111111', revision: 2 }, card, random);
    const r1 = revisionFor({ ...spec, id: r2.id, revision: 1 }, card, random);
    apply(core, [changeFor(r2, spec)]);
    const outcome = core.db.transaction(() => core.context.reports.putPulled([changeFor(r1, spec)]))();
    expect(outcome).toEqual({ stored: 0, skipped: 1 });
    const view = await core.call('reports.evaluation', { id: r2.id });
    expect(view.revision).toBe(2);
    expect(view.body.total).toBe(r2.total);
  });
});
