import type { reportsContract } from '../../../shared/contracts/reports';
import type { ApiResult } from '../../../shared/errors';
import type { AlertThresholds } from '../../../shared/report';
import type { RevisionHistory } from '../../../shared/sync';
import type { CoreContext, HandlersFor } from '../context';
import { monthlyFeedback } from '../disputes/report';
import { AppError } from '../errors';
import { SamplingTargets } from '../sampling/targets';
import { computeAlerts } from './alerts';
import { AnnexDetailsReader } from './annex-details';
import { EvaluationViews, historyEntries } from './evaluation-view';
import type { PdfPrinter } from './export/pdf-printer';
import { runExport } from './export/run';
import { monthlyReport, type MonthlyDeps } from './monthly';
import { monthlyExtras } from './monthly-extras';
import { ReportsRepository } from './repo';
import { ReportsService } from './service';

export interface ReportsOptions {
  /** The core's own dispatcher, late-bound: the PDF print page calls the API through it. */
  dispatch: () => (method: string, input: unknown) => Promise<ApiResult<unknown>>;
  /** A pulled evaluation's revisions from head office (late-bound: the sync engine is made after reports). */
  history?: () => ((evaluationId: string) => Promise<RevisionHistory>) | null;
  /** Where the transport can print reports to PDF (browser mode, the qa command). */
  pdfPrinter?: PdfPrinter;
}

export function createReportsHandlers(
  ctx: CoreContext,
  options: ReportsOptions,
): HandlersFor<keyof typeof reportsContract> {
  const identity = () => ctx.identity.get();
  const service = new ReportsService(
    new ReportsRepository(ctx.db, (key) => ctx.reports.cardByKey(key)),
    identity,
    new AnnexDetailsReader(ctx.db, identity),
  );
  const views = new EvaluationViews(ctx.db, ctx.reports, identity);
  const targets = new SamplingTargets(ctx.db, () => ctx.settings.get().monthlyQuotaPerAgent);
  const thresholds = (): AlertThresholds => {
    const s = ctx.settings.get();
    return {
      dropPoints: s.reportDropPoints,
      belowScore: s.reportBelowScore,
      trendMonths: s.reportTrendMonths,
      quotaPerAgent: s.monthlyQuotaPerAgent,
    };
  };
  const extras = monthlyExtras(ctx);
  const monthlyDeps = (): MonthlyDeps => ({
    feedback: (month, filter) => monthlyFeedback(ctx, month, filter),
    extras,
    thresholds: thresholds(),
    quotaOf: targets.resolver(),
    quotaSource: targets.headOfficeSetsTargets() ? 'head_office' : 'local',
  });
  return {
    'reports.options': () => service.options(),
    'reports.agentComparison': (input) => service.agentComparison(input),
    'reports.siteRanking': (input) => service.siteRanking(input),
    'reports.trends': (input) => service.trends(input),
    'reports.channels': (input) => service.channels(input),
    'reports.monthly': (input) => monthlyReport(service, input, monthlyDeps()),
    'reports.annex': ({ month, offset, limit, ...scope }) => service.annex(month, scope, offset, limit),
    'reports.evaluations': (input) => service.evaluations(input),
    'reports.alerts': ({ month: asked, ...scope }) => {
      const month = asked ?? service.repo.months()[0] ?? new Date().toISOString().slice(0, 7);
      const t = thresholds();
      return {
        month,
        team: scope.team ?? null,
        thresholds: t,
        alerts: computeAlerts(service, month, service.resolveScope(scope), t, targets.resolver()),
      };
    },
    'reports.evaluation': ({ id }) => views.view(id),
    'reports.evaluationHistory': async ({ id }) => {
      const own = views.ownHistory(id);
      if (own) return own;
      views.view(id); // not_found for an evaluation the reports do not hold
      const fetch = options.history?.();
      if (!fetch)
        throw new AppError('unavailable', 'Sync is not set up: the history of this evaluation is at head office.');
      return historyEntries(await fetch(id));
    },
    'reports.export': (input) =>
      runExport(
        { ctx, service, monthlyDeps, pdfPrinter: options.pdfPrinter, dispatch: (m, i) => options.dispatch()(m, i) },
        input,
      ),
  };
}
