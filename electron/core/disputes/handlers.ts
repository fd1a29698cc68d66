import type { disputesContract } from '../../../shared/contracts/disputes';
import { resolvePeriod } from '../../../shared/report';
import { CoachingService } from '../coaching/service';
import type { CoreContext, HandlersFor } from '../context';
import { EvaluationRepository } from '../evaluations/repo';
import { AnnotationRepository } from '../evaluations/annotations-repo';
import { EvaluationService } from '../evaluations/service';
import { EvaluationViews } from '../reports/evaluation-view';
import { ReportsRepository } from '../reports/repo';
import { ReportsService } from '../reports/service';
import { AnnexDetailsReader } from '../reports/annex-details';
import { ScorecardRepository } from '../scorecards/repo';
import type { SyncEngine } from '../sync/engine';
import { DisputeOutcomes } from './apply';
import { DisputeRepository } from './repo';
import { DisputeService } from './service';
import { disputeStats } from './stats';
import { pushDisputeSteps } from './sync';

export function createDisputesHandlers(
  ctx: CoreContext,
  engine: () => SyncEngine | null,
): HandlersFor<keyof typeof disputesContract> {
  const repo = new DisputeRepository(ctx.db);
  const identity = () => ctx.identity.get();
  const views = new EvaluationViews(ctx.db, ctx.reports, identity);
  const evaluations = new EvaluationService(
    ctx,
    new ScorecardRepository(ctx.db),
    new EvaluationRepository(ctx.db),
    new AnnotationRepository(ctx.db),
  );
  const outcomes = new DisputeOutcomes(ctx, repo, evaluations);
  engine()?.extend({ push: (http) => pushDisputeSteps(repo, http), afterPull: () => outcomes.applyAll() });
  const service = new DisputeService(ctx, repo, views, {
    trySync: async () => {
      const e = engine();
      if (!e || !e.status().configured) return;
      await e.syncNow('submit').catch(() => undefined); // offline: the step waits in the outbox
    },
  });
  const reports = new ReportsService(
    new ReportsRepository(ctx.db, (key) => ctx.reports.cardByKey(key)),
    identity,
    new AnnexDetailsReader(ctx.db, identity),
  );
  const coaching = new CoachingService(ctx);
  return {
    'evaluations.acknowledge': ({ evaluationId }) => service.acknowledge(evaluationId),
    'disputes.file': ({ evaluationId, items }) => service.file(evaluationId, items),
    'disputes.decide': ({ disputeId, items }) => service.decide(disputeId, items),
    'disputes.escalate': ({ disputeId, reason }) => service.escalate(disputeId, reason),
    'disputes.arbitrate': ({ disputeId, items }) => service.arbitrate(disputeId, items),
    'disputes.list': (filter) => ({ items: service.list(filter) }),
    'disputes.forEvaluation': ({ evaluationId }) => service.forEvaluation(evaluationId),
    'disputes.stats': (input) =>
      disputeStats(ctx.db, repo, resolvePeriod(input.from, input.to), reports.resolveScope(input), identity),
    'coaching.create': (input) => coaching.create(input),
    'coaching.list': ({ month }) => ({ month, items: coaching.list(month) }),
    'coaching.delete': ({ id }) => ({ deleted: coaching.delete(id) }),
  };
}
