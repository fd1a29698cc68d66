/**
 * `recordings.list` over 100 000 recordings, through the core's validated dispatcher on a real SQLite file reopened
 * exactly as the app opens it (createCore: no ANALYZE or cache size the app does not use itself; the app keeps its
 * own statistics, db/open.ts keepStatistics): the queries the library view makes (first page, sorts, filters,
 * search, a deep page). Target: median under 50 ms each; exits 1 on a MISS.
 * QA_LIST_BENCH_COUNT (default 100 000) and QA_BENCH_RUNS (default 7) change the size and the runs per query;
 * QA_LIST_BENCH_DB names an already seeded qa.sqlite to copy instead of seeding (seeding takes a minute or two).
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadavg } from 'node:os';
import { createCore } from '../../electron/core/core';
import type { RecordingListInput } from '../../shared/recording';
import { ScorecardRepository } from '../../electron/core/scorecards/repo';
import { seedRecordings } from '../support/seed-recordings';
import { defaultCard } from '../support/sync-client';
import { makeTempDir } from '../support/temp';

const count = Number(process.env.QA_LIST_BENCH_COUNT ?? 100_000);
const runs = Math.max(1, Number(process.env.QA_BENCH_RUNS ?? 7));
const targetMs = 50;

const temp = makeTempDir('qa-list-bench-');
const dataDir = join(temp.dir, 'data');
if (process.env.QA_LIST_BENCH_DB) {
  mkdirSync(dataDir, { recursive: true });
  copyFileSync(process.env.QA_LIST_BENCH_DB, join(dataDir, 'qa.sqlite'));
}
let core = createCore({ dataDir });
try {
  const seedStart = performance.now();
  if (!process.env.QA_LIST_BENCH_DB) {
    seedRecordings(core.db, count);
    // A library part-way through its month: every fifth call evaluated, one in fifty of those still a draft.
    const card = defaultCard();
    new ScorecardRepository(core.db).insertPublished(card.id, card.version, card.definition, 'local');
    core.db
      .prepare(
        `INSERT INTO evaluations (id, recording_id, agent_no, scorecard_id, scorecard_version, status, revision,
          total_x100, uncapped_total_x100, critical_failed, created_at, updated_at, first_submitted_at, submitted_at)
        SELECT 'e' || rowid, id, agent_no, ?, ?, IIF(rowid % 250 = 0, 'draft', 'submitted'), IIF(rowid % 250 = 0, 0, 1),
          8000, 8000, 0, started_at, started_at, IIF(rowid % 250 = 0, NULL, started_at),
          IIF(rowid % 250 = 0, NULL, started_at)
        FROM recordings WHERE rowid % 5 = 0`,
      )
      .run(card.id, card.version);
  }
  // Closed and opened again as the app does after an import (closing keeps the planner's statistics).
  core.close();
  core = createCore({ dataDir });
  console.log(
    `${count.toLocaleString('en-US')} recordings seeded in ${((performance.now() - seedStart) / 1000).toFixed(1)} s ` +
      `(not counted); ${runs} runs per query; load average ${loadavg()[0].toFixed(2)} on 2 cores`,
  );

  const page = { limit: 100 };
  const queries: [string, RecordingListInput][] = [
    ['no filter, newest first', { ...page }],
    ['no filter, oldest first', { ...page, order: 'asc' }],
    ['one agent, by date', { ...page, agentNo: '8007' }],
    ['one team, by date', { ...page, team: 'T2' }],
    ['sorted by agent', { ...page, sort: 'agentNo', order: 'asc' }],
    ['date range (one week)', { ...page, from: '2024-02-01', to: '2024-02-07' }],
    ['agent + date range', { ...page, agentNo: '8011', from: '2024-02-01', to: '2024-02-29' }],
    ['category', { ...page, category: '邮箱类' }],
    ['category + date range', { ...page, category: '域名类', from: '2024-01-15', to: '2024-02-15' }],
    ['sorted by duration', { ...page, sort: 'durationMs' }],
    ['sorted by file name', { ...page, sort: 'fileName', order: 'asc' }],
    ['duration 5–6 min', { ...page, durationMin: 300, durationMax: 360 }],
    ['talk-over present', { ...page, talkOver: true }],
    ['no talk-over', { ...page, talkOver: false }],
    ['sorted by talk-over count', { ...page, sort: 'talkOverCount' }],
    ['status: not evaluated', { ...page, status: 'none' }],
    ['status: submitted', { ...page, status: 'submitted' }],
    ['status: draft', { ...page, status: 'draft' }],
    ['status: draft, one agent', { ...page, status: 'draft', agentNo: '8007' }],
    ['text search (call id)', { ...page, search: 'C4242' }],
    ['text search (agent name)', { ...page, search: '坐席17' }],
    ['text search (broad, 3 chars)', { ...page, search: '坐席1' }],
    ['text search (file name)', { ...page, search: '_4242.wav' }],
    ['text search (2 chars, LIKE)', { ...page, search: '42' }],
    ['deep offset (99 900)', { ...page, offset: Math.max(0, count - 100) }],
    ['deep offset, agent sort', { ...page, sort: 'agentNo', offset: Math.max(0, count - 100) }],
  ];

  let met = 0;
  for (const [label, input] of queries) {
    await core.call('recordings.list', input as never); // prepares and caches the statement
    const samples: number[] = [];
    let total = 0;
    for (let i = 0; i < runs; i++) {
      const start = performance.now();
      const result = await core.call('recordings.list', input as never);
      samples.push(performance.now() - start);
      total = result.total;
    }
    samples.sort((a, b) => a - b);
    const best = samples[0];
    const median = samples[Math.floor((samples.length - 1) / 2)];
    const ok = median < targetMs;
    if (ok) met += 1;
    console.log(
      `  [${ok ? 'PASS' : 'MISS'}] ${label.padEnd(28)} best ${best.toFixed(1).padStart(6)} ms, median ` +
        `${median.toFixed(1).padStart(6)} ms  (${total.toLocaleString('en-US')} matches)`,
    );
  }
  console.log(`${met} of ${queries.length} queries under ${targetMs} ms (median of ${runs})`);
  if (met < queries.length) process.exitCode = 1;
} finally {
  core.close();
  temp.cleanup();
}
