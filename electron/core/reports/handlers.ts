import type { reportsContract } from '../../../shared/contracts/reports';
import type { ApiResult } from '../../../shared/errors';
import type { AlertThresholds } from '../../../shared/report';
import type { CoreContext, HandlersFor } from '../context';
import { computeAlerts } from './alerts';
import { runExport } from './export/run';
import { monthlyReport } from './monthly';
import { ReportsRepository } from './repo';
import { ReportsService } from './service';

export interface ReportsOptions {
  /** The core's own dispatcher, late-bound: the PDF print page calls the API through it. */
  dispatch: () => (method: string, input: unknown) => Promise<ApiResult<unknown>>;
}

export function createReportsHandlers(
  ctx: CoreContext,
  options: ReportsOptions,
): HandlersFor<keyof typeof reportsContract> {
  const service = new ReportsService(new ReportsRepository(ctx.db));
  const thresholds = (): AlertThresholds => {
    const s = ctx.settings.get();
    return {
      dropPoints: s.reportDropPoints,
      belowScore: s.reportBelowScore,
      trendMonths: s.reportTrendMonths,
      quotaPerAgent: s.monthlyQuotaPerAgent,
    };
  };
  return {
    'reports.options': () => service.options(),
    'reports.agentComparison': (input) => service.agentComparison(input),
    'reports.trends': (input) => service.trends(input),
    'reports.monthly': (input) => monthlyReport(service, input, thresholds()),
    'reports.annex': (input) => service.annex(input.month, input.team ?? null, input.offset, input.limit),
    'reports.alerts': (input) => {
      const month = input.month ?? service.repo.months()[0] ?? new Date().toISOString().slice(0, 7);
      const t = thresholds();
      return {
        month,
        team: input.team ?? null,
        thresholds: t,
        alerts: computeAlerts(service, month, input.team ?? null, t),
      };
    },
    'reports.export': (input) =>
      runExport({ ctx, service, thresholds, dispatch: (m, i) => options.dispatch()(m, i) }, input),
  };
}
