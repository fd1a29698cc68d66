/**
 * The monthly report's sections that are not computed from evaluations: 五's narratives, written by the leads, and
 * 六, the call-backs. Kept apart from monthly.ts so each has its own module and the report only joins them.
 */
import type { AgentComparison, MonthlyReport } from '../../../shared/report';
import { callbackSection } from '../callbacks/report';
import { CallbackRepository } from '../callbacks/repo';
import type { CoreContext } from '../context';
import type { CumulativeSpan } from './cumulative';
import { NarrativeRepository, NarrativeService, syncConfigured } from './narrative-store';
import type { ScopeFilter } from './repo';

export interface MonthlyExtrasInput {
  month: string;
  months: string[];
  cumulative: CumulativeSpan;
  filter: ScopeFilter;
  comparison: AgentComparison;
}

export type MonthlyExtras = (input: MonthlyExtrasInput) => Pick<MonthlyReport, 'narratives' | 'callbacks'>;

export function monthlyExtras(ctx: CoreContext): MonthlyExtras {
  const callbacks = new CallbackRepository(ctx.db);
  const narratives = new NarrativeService(
    new NarrativeRepository(ctx.db),
    () => ctx.identity.get(),
    () => syncConfigured(ctx.db),
  );
  return (input) => ({
    narratives: narratives.forReport(input.month, input.filter),
    callbacks: callbackSection(callbacks, input),
  });
}
