/**
 * Reports over 1 000 000 submitted evaluations (`npm run bench -- reports`; REPORTS_BENCH_COUNT to change).
 * 1. Loading rate, two ways: (a) the documented bulk path, ReportSummaries.bulkLoad(): report triggers off, rows
 *    written in batches, summaries rebuilt with set-based SQL at the end, one transaction; (b) the live path: the
 *    same writes with the per-row triggers keeping every summary current (what a submit does), on a sample.
 *    Target ≥ 300 000 evaluations/s.
 * 2. Every report screen's call through the core's dispatcher (validation included) over the loaded rows.
 *    Target ≤ 50 ms each; best and median of several runs (the machine is shared, so medians are noisy).
 */
import Database from 'better-sqlite3';
import { loadavg } from 'node:os';
import { createCore, type Core } from '../../electron/core/core';
import { ReportSummaries } from '../../electron/core/reports/summaries';
import { bulkBatches, bulkWriter, prepareBulk, teamId, type BulkShape } from '../support/report-bulk';
import { makeTempDir } from '../support/temp';

const count = Number(process.env.REPORTS_BENCH_COUNT ?? 1_000_000);
const liveSample = Math.min(count, Number(process.env.REPORTS_BENCH_LIVE ?? 20_000));
const loadTarget = 300_000;
const queryTarget = 50;
const shape: BulkShape = {
  teams: 20,
  agentsPerTeam: 10,
  months: Array.from({ length: 12 }, (_, i) => (i < 9 ? `2025-${String(i + 4).padStart(2, '0')}` : `2026-0${i - 8}`)),
};

/** The machine's speed right now (2 shared cores): plain in-memory inserts, to scale the figures below. */
function reference(): number {
  const db = new Database(':memory:');
  db.exec('CREATE TABLE t (a TEXT, b TEXT, n INTEGER, PRIMARY KEY (a, b)) STRICT');
  const insert = db.prepare('INSERT INTO t VALUES (?, ?, ?)');
  const start = performance.now();
  db.transaction(() => {
    for (let i = 0; i < 200_000; i++) insert.run(`e${(i * 7919) % 200_000}`, `i${i % 23}`, i);
  })();
  db.close();
  return 200_000 / ((performance.now() - start) / 1000);
}

const verdict = (ok: boolean) => (ok ? 'PASS' : 'MISS');
const fmt = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 0 });

function openBenchCore(dir: string): Core {
  const core = createCore({ dataDir: dir, transport: 'test', sync: { background: false } });
  // A bulk load touches far more pages than the default 2 MB cache holds (random UUID keys).
  core.db.pragma('cache_size = -3000000');
  return core;
}

function rowCounts(core: Core) {
  const n = (table: string) => (core.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  return {
    evaluations: n('evaluations'),
    sections: n('evaluation_section_scores'),
    answers: n('evaluation_answers'),
    facts: n('report_facts'),
  };
}

/** (b) The live path on a sample: the triggers keep the summaries at every row. */
function liveLoad(): number {
  const temp = makeTempDir('qa-reports-bench-live-');
  const core = openBenchCore(temp.dir);
  try {
    const write = bulkWriter(core.db, prepareBulk(core.db, shape));
    const start = performance.now();
    core.db.transaction(() => {
      for (const batch of bulkBatches(shape, liveSample, 1000, 5)) write(batch);
    })();
    const seconds = (performance.now() - start) / 1000;
    const rows = rowCounts(core);
    if (rows.facts !== liveSample) throw new Error(`live path kept ${rows.facts} facts of ${liveSample}`);
    return liveSample / seconds;
  } finally {
    core.close();
    temp.cleanup();
  }
}

async function time(core: Core, method: string, input: unknown, runs = 15) {
  const once = async () => {
    const start = performance.now();
    const result = await core.dispatch(method, input);
    const ms = performance.now() - start;
    if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
    return { ms, data: result.data };
  };
  const first = await once();
  const times: number[] = [first.ms];
  for (let i = 1; i < runs; i++) times.push((await once()).ms);
  const sorted = [...times].sort((a, b) => a - b);
  return { best: sorted[0], median: sorted[Math.floor(sorted.length / 2)], cold: first.ms, data: first.data };
}

const temp = makeTempDir('qa-reports-bench-');
const core = openBenchCore(temp.dir);
try {
  console.log(`reports bench: ${fmt(count)} evaluations, ${shape.teams * shape.agentsPerTeam} agents, ` +
    `${shape.months.length} months (${shape.months[0]} … ${shape.months.at(-1)})`); // prettier-ignore
  const machine = () =>
    `machine now: ${fmt(reference())} plain inserts/s in memory, ` +
    `load average ${loadavg()[0].toFixed(1)} on 2 cores`;
  console.log(machine());
  const write = bulkWriter(core.db, prepareBulk(core.db, shape));
  const summaries = new ReportSummaries(core.db);
  let loadSeconds = 0;
  const start = performance.now();
  summaries.bulkLoad(() => {
    for (const batch of bulkBatches(shape, count)) write(batch);
    loadSeconds = (performance.now() - start) / 1000;
  });
  const totalSeconds = (performance.now() - start) / 1000;
  const rows = rowCounts(core);
  if (rows.evaluations !== count || rows.facts !== count) throw new Error(`loaded ${JSON.stringify(rows)}`);
  const bulkRate = count / totalSeconds;
  console.log(`\n1. loading (${fmt(rows.sections)} section scores, ${fmt(rows.answers)} answers, one recording each)`);
  console.log(
    `  bulk path: rows ${loadSeconds.toFixed(1)} s + summaries rebuilt ${(totalSeconds - loadSeconds).toFixed(1)} s` +
      ` = ${totalSeconds.toFixed(1)} s → ${fmt(bulkRate)} evaluations/s ` +
      `(${fmt((rows.evaluations * 2 + rows.sections + rows.answers) / totalSeconds)} rows/s) ` +
      `target ≥ ${fmt(loadTarget)}/s: ${(bulkRate / loadTarget).toFixed(2)}× ${verdict(bulkRate >= loadTarget)}`,
  );
  const liveRate = liveLoad();
  console.log(
    `  live path (per-row triggers, ${fmt(liveSample)} sample): ${fmt(liveRate)} evaluations/s ` +
      `(${(liveRate / loadTarget).toFixed(2)}× target ${verdict(liveRate >= loadTarget)}); ` +
      `bulk/live ${(bulkRate / liveRate).toFixed(1)}×`,
  );

  const month = shape.months.at(-1)!;
  const quarter = { from: shape.months.at(-3)!, to: month };
  const screens: [string, string, unknown][] = [
    ['options (reports home)', 'reports.options', {}],
    ['alerts (reports home)', 'reports.alerts', { month }],
    ['agentComparison month', 'reports.agentComparison', { from: month, to: month }],
    ['agentComparison month, one team', 'reports.agentComparison', { from: month, to: month, team: teamId(3) }],
    ['agentComparison quarter', 'reports.agentComparison', quarter],
    ['trends (6 months)', 'reports.trends', { from: shape.months.at(-6)!, to: month }],
    ['monthly report', 'reports.monthly', { from: month, to: month }],
    ['monthly report, one team', 'reports.monthly', { from: month, to: month, team: teamId(3) }],
    ['annex first page', 'reports.annex', { month, offset: 0, limit: 50 }],
    ['annex first page, one team', 'reports.annex', { month, offset: 0, limit: 50, team: teamId(3) }],
  ];
  console.log(`\n2. report screens over ${fmt(count)} evaluations (ms: best / median / first call)`);
  let misses = 0;
  for (const [label, method, input] of screens) {
    const t = await time(core, method, input);
    if (t.median > queryTarget) misses += 1;
    console.log(
      `  ${label.padEnd(34)} ${t.best.toFixed(2).padStart(7)} / ${t.median.toFixed(2).padStart(7)} / ` +
        `${t.cold.toFixed(2).padStart(7)}  target ≤ ${queryTarget} ms ${verdict(t.median <= queryTarget)}`,
    );
  }
  // Not a screen (the screens pick whole months): an arbitrary date range is computed from the per-evaluation facts.
  const days = await time(core, 'reports.agentComparison', { from: `${month}-05`, to: `${month}-20` }, 5);
  console.log(
    `  (agentComparison, days 5–20 of a month, from facts: ${days.best.toFixed(1)} / ${days.median.toFixed(1)} ms)`,
  );
  const c = (await core.dispatch('reports.agentComparison', { from: month, to: month })) as {
    ok: true;
    data: { overall: { count: number; total: number } };
  };
  console.log(`  check: ${month} has ${fmt(c.data.overall.count)} evaluations, average ${c.data.overall.total}`);
  console.log(`\nscreens over target: ${misses} of ${screens.length}; ${machine()}`);
} finally {
  core.close();
  temp.cleanup();
}
