/**
 * Reports for every role at a million evaluations (`npm run bench -- reports`; REPORTS_BENCH_COUNT to change).
 * 1. Ingest: pages of head-office evaluations as a lead's app receives them (JSON text → parse → schema → report
 *    store, five pages a transaction, as sync applies them), beside the plain-insert ceiling measured in the same
 *    run the same way (the same pages parsed and stored as one plain row each, no schema, no reports).
 *    Target ≥ 20 000 evaluations/s.
 * 2. Every report screen through the core's dispatcher on a core opened exactly as the app opens it (createCore:
 *    no bench-only cache size, no ANALYZE the app does not run), for periods a lead picks: whole months, a quarter,
 *    the year, weeks, days 5–20, ranges across months. Target ≤ 50 ms, median of 7 calls.
 */
import Database from 'better-sqlite3';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { createCore, type Core } from '../../electron/core/core';
import { SyncRepository } from '../../electron/core/sync/repo';
import { pullPageSchema, type EvaluationChange } from '../../shared/sync';
import { centrePages, teamOf, yearOfCentre } from '../support/pulled-bulk';
import { makeTempDir } from '../support/temp';

const count = Number(process.env.REPORTS_BENCH_COUNT ?? 1_000_000);
const ingestTarget = 20_000;
const queryTarget = 50;
const shape = yearOfCentre(count);
const verdict = (ok: boolean) => (ok ? 'PASS' : 'MISS');
const fmt = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 0 });
const cpuMs = (since: NodeJS.CpuUsage) => {
  const c = process.cpuUsage(since);
  return (c.user + c.system) / 1000;
};

interface Timing {
  wallMs: number;
  cpuMs: number;
}

/** Groups of five 1,000-change pages as JSON text, the form they arrive in. */
function* wireBatches(): Generator<string[]> {
  let group: string[] = [];
  let cursor = 0;
  for (const changes of centrePages(shape)) {
    cursor += changes.length;
    group.push(JSON.stringify({ changes, cursor: String(cursor), more: true, scopeKey: 'head_office' }));
    if (group.length === 5) {
      yield group;
      group = [];
    }
  }
  if (group.length) yield group;
}

function ingest(core: Core): Timing {
  const repo = new SyncRepository(core.db, core.context.reports);
  const t: Timing = { wallMs: 0, cpuMs: 0 };
  for (const group of wireBatches()) {
    const start = performance.now();
    const cpu = process.cpuUsage();
    const pages = group.map((text) => pullPageSchema.parse(JSON.parse(text)));
    repo.applyPages(
      pages.map((p) => p.changes),
      pages[pages.length - 1].cursor,
    );
    t.wallMs += performance.now() - start;
    t.cpuMs += cpuMs(cpu);
  }
  return t;
}

/** The same pages into one plain table (id, body), on a database with the app's own pragmas. */
function plainCeiling(dir: string): Timing {
  const db = new Database(join(dir, 'plain.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec('CREATE TABLE plain (id TEXT PRIMARY KEY, body TEXT NOT NULL) STRICT');
  const insert = db.prepare('INSERT INTO plain (id, body) VALUES (?, ?)');
  const t: Timing = { wallMs: 0, cpuMs: 0 };
  for (const group of wireBatches()) {
    const start = performance.now();
    const cpu = process.cpuUsage();
    const pages = group.map((text) => JSON.parse(text) as { changes: EvaluationChange[] });
    db.transaction(() => {
      for (const p of pages) for (const c of p.changes) insert.run(c.id, JSON.stringify(c.body));
    })();
    t.wallMs += performance.now() - start;
    t.cpuMs += cpuMs(cpu);
  }
  db.close();
  return t;
}

async function time(core: Core, method: string, input: unknown, runs = 7) {
  const times: number[] = [];
  let data: unknown;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    const result = await core.dispatch(method, input);
    times.push(performance.now() - start);
    if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
    data = result.data;
  }
  const sorted = [...times].sort((a, b) => a - b);
  return { first: times[0], median: sorted[Math.floor(sorted.length / 2)], data };
}

const temp = makeTempDir('qa-reports-bench-');
let failed = false;
try {
  console.log(
    `reports bench: ${fmt(count)} evaluations, ${shape.agents} agents in ${shape.teams} teams at ${shape.sites} sites, ` +
      `${shape.inspectors} inspectors, ${shape.months[0]} … ${shape.months.at(-1)}; load average ${loadavg()[0].toFixed(1)}`,
  );
  const ceiling = plainCeiling(temp.dir);
  const dataDir = join(temp.dir, 'app');
  let core = createCore({ dataDir, transport: 'test', sync: { background: false } });
  const t = ingest(core);
  const rate = count / (t.wallMs / 1000);
  const ceilingRate = count / (ceiling.wallMs / 1000);
  console.log('\n1. ingest (parse + schema + report store, 5 pages of 1,000 a transaction)');
  console.log(
    `  report store: ${fmt(rate)} evaluations/s (${(t.wallMs / 1000).toFixed(1)} s wall, ${(t.cpuMs / 1000).toFixed(1)} s CPU)` +
      `  target ≥ ${fmt(ingestTarget)}/s ${verdict(rate >= ingestTarget)}`,
  );
  console.log(
    `  plain-insert ceiling, same pages: ${fmt(ceilingRate)} evaluations/s (${(ceiling.wallMs / 1000).toFixed(1)} s wall, ` +
      `${(ceiling.cpuMs / 1000).toFixed(1)} s CPU); report store / ceiling = ${(rate / ceilingRate).toFixed(2)}`,
  );
  failed ||= rate < ingestTarget;
  core.close();

  // Reopened exactly as the app opens it.
  const reopenStart = performance.now();
  core = createCore({ dataDir, transport: 'test', sync: { background: false } });
  console.log(`\n  reopened as the app does in ${(performance.now() - reopenStart).toFixed(0)} ms`);
  const month = shape.months.at(-1)!;
  const team = teamOf(7, shape).teamId;
  const site = teamOf(7, shape).site;
  const screens: [string, string, Record<string, unknown>][] = [
    ['options (reports home)', 'reports.options', {}],
    ['alerts (reports home)', 'reports.alerts', { month }],
    ['comparison, month', 'reports.agentComparison', { from: month, to: month }],
    ['comparison, month, one team', 'reports.agentComparison', { from: month, to: month, team }],
    ['comparison, month, one site', 'reports.agentComparison', { from: month, to: month, scope: 'site', site }],
    ['comparison, quarter', 'reports.agentComparison', { from: shape.months.at(-3)!, to: month }],
    ['comparison, year', 'reports.agentComparison', { from: shape.months[0], to: month }],
    ['comparison, a week', 'reports.agentComparison', { from: `${month}-08`, to: `${month}-14` }],
    ['comparison, days 5–20', 'reports.agentComparison', { from: `${month}-05`, to: `${month}-20` }],
    ['comparison, days 5–20, one team', 'reports.agentComparison', { from: `${month}-05`, to: `${month}-20`, team }],
    ['comparison, 15th to 14th', 'reports.agentComparison', { from: `${shape.months.at(-2)!}-15`, to: `${month}-14` }],
    [
      'comparison, Feb 10 – Nov 20',
      'reports.agentComparison',
      { from: `${shape.months[1]}-10`, to: `${shape.months[10]}-20` },
    ],
    ['site ranking, month', 'reports.siteRanking', { from: month, to: month }],
    ['site ranking, quarter', 'reports.siteRanking', { from: shape.months.at(-3)!, to: month }],
    ['site ranking, days 5–20', 'reports.siteRanking', { from: `${month}-05`, to: `${month}-20` }],
    ['trends, 6 months', 'reports.trends', { from: shape.months.at(-6)!, to: month }],
    ['monthly report', 'reports.monthly', { from: month, to: month }],
    ['monthly report, one team', 'reports.monthly', { from: month, to: month, team }],
    ['annex, first page', 'reports.annex', { month, offset: 0, limit: 50 }],
    ['annex, first page, one team', 'reports.annex', { month, offset: 0, limit: 50, team }],
  ];
  console.log(`\n2. report screens over ${fmt(count)} evaluations (ms: median of 7 / first call)`);
  let misses = 0;
  for (const [label, method, input] of screens) {
    const r = await time(core, method, input);
    if (r.median > queryTarget) misses += 1;
    console.log(
      `  ${label.padEnd(34)} ${r.median.toFixed(2).padStart(7)} / ${r.first.toFixed(2).padStart(7)}` +
        `  target ≤ ${queryTarget} ms ${verdict(r.median <= queryTarget)}`,
    );
  }
  const check = (await time(core, 'reports.agentComparison', { from: month, to: month }, 1)).data as {
    overall: { count: number; total: number };
  };
  console.log(`  check: ${month} holds ${fmt(check.overall.count)} evaluations, average ${check.overall.total}`);
  console.log(`\nscreens over target: ${misses} of ${screens.length}; load average ${loadavg()[0].toFixed(1)}`);
  failed ||= misses > 0;
  core.close();
} finally {
  temp.cleanup();
}
process.exit(failed ? 1 : 0);
