import type { callbacksContract } from '../../../shared/contracts/callbacks';
import type { CoreContext, HandlersFor } from '../context';
import { AnnexDetailsReader } from '../reports/annex-details';
import { ReportsRepository } from '../reports/repo';
import { ReportsService } from '../reports/service';
import type { SyncEngine } from '../sync/engine';
import { importCallbacks } from './import';
import { callbackAnnex } from './report';
import { CallbackRepository } from './repo';
import { pushCallbacks } from './sync';

export function createCallbacksHandlers(
  ctx: CoreContext,
  engine: () => SyncEngine | null,
): HandlersFor<keyof typeof callbacksContract> {
  const repo = new CallbackRepository(ctx.db);
  const identity = () => ctx.identity.get();
  // For its scope rules only: the annex is scoped exactly as every report is.
  const reports = new ReportsService(
    new ReportsRepository(ctx.db, (key) => ctx.reports.cardByKey(key)),
    identity,
    new AnnexDetailsReader(ctx.db, identity),
  );
  engine()?.extend({
    push: (http) => pushCallbacks(repo, http),
    // Evaluations a pull brought may link call-backs sent without an agent: they go again, filed under the agent.
    afterPull: () => {
      repo.requeueLinked();
      return 0;
    },
  });
  return {
    'callbacks.import': async (input) => {
      const result = await importCallbacks(ctx, repo, input);
      const e = engine();
      if (result.imported > 0 && e?.status().configured) e.syncNow('submit').catch(() => undefined);
      return result;
    },
    'callbacks.annex': ({ month, offset, limit, ...scope }) =>
      callbackAnnex(repo, month, reports.resolveScope(scope), offset, limit),
  };
}
