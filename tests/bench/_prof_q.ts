import { existsSync } from 'node:fs';
import { createCore } from '../../electron/core/core';
import { SyncRepository } from '../../electron/core/sync/repo';
import { pullPageSchema } from '../../shared/sync';
import { centrePages, yearOfCentre } from '../support/pulled-bulk';
const dir = '/tmp/bench-db-100k';
const shape = yearOfCentre(100_000);
if (!existsSync(dir)) {
  const core = createCore({ dataDir: dir, transport: 'test', sync: { background: false } });
  const repo = new SyncRepository(core.db, core.context.reports);
  let c = 0;
  for (const changes of centrePages(shape)) {
    c += changes.length;
    const p = pullPageSchema.parse(
      JSON.parse(JSON.stringify({ changes, cursor: String(c), more: true, scopeKey: 'x' })),
    );
    repo.applyPage(p.changes, p.cursor);
  }
  core.close();
}
const core = createCore({ dataDir: dir, transport: 'test', sync: { background: false } });
const month = '2025-12';
for (const [m, input] of [
  ['reports.agentComparison', { from: month, to: month }],
  ['reports.trends', { from: '2025-07', to: month }],
  ['reports.agentComparison', { from: `${month}-05`, to: `${month}-20` }],
] as const) {
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    const r = await core.dispatch(m, input);
    console.log(m, JSON.stringify(input), (performance.now() - t).toFixed(1), r.ok);
  }
}
core.close();
