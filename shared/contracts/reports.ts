import { z } from 'zod';
import {
  exportFormats,
  monthSchema,
  periodBoundSchema,
  periodInputSchema,
  reportKinds,
  teamIdSchema,
  type AgentComparison,
  type Alerts,
  type AnnexPage,
  type ExportResult,
  type MonthlyReport,
  type ReportOptions,
  type Trends,
} from '../report';
import { method } from './define';

const teamInput = z.object({ team: teamIdSchema.optional() }).strict();

export const reportsExportInputSchema = z
  .object({
    report: z.enum(reportKinds),
    from: periodBoundSchema,
    to: periodBoundSchema,
    team: teamIdSchema.optional(),
    format: z.enum(exportFormats),
    /** A file ending in .xlsx/.csv/.pdf, or an existing folder (the standard file name is used inside it). */
    out: z.string().min(1).max(4096),
    /** Lets the page match job.progress events to its button. */
    jobId: z.string().min(1).max(100).optional(),
  })
  .strict();
export type ReportsExportInput = z.infer<typeof reportsExportInputSchema>;

export const reportsContract = {
  'reports.options': method<ReportOptions>()(z.object({}).strict(), 'Teams and the months that have evaluations.'),
  'reports.agentComparison': method<AgentComparison>()(
    periodInputSchema,
    'Per agent for a period (YYYY-MM or YYYY-MM-DD bounds, inclusive) and optional team: count, average total, ' +
      'average per section, min/max, critical fails and the change versus the previous period of the same length.',
  ),
  'reports.trends': method<Trends>()(
    periodInputSchema,
    "Each agent's average per month and the section averages per month over the period's months.",
  ),
  'reports.monthly': method<MonthlyReport>()(
    periodInputSchema,
    'The monthly QA report for the month of "to" (trends go back at least a quarter, or to "from").',
  ),
  'reports.annex': method<AnnexPage>()(
    z
      .object({
        month: monthSchema,
        team: teamIdSchema.optional(),
        offset: z.number().int().min(0).default(0),
        limit: z.number().int().min(1).max(1000).default(100),
      })
      .strict(),
    "The monthly report's annex: every evaluation of the month, in call order, one page at a time.",
  ),
  'reports.alerts': method<Alerts>()(
    teamInput.extend({ month: monthSchema.optional() }),
    'Agents whose average fell or is below the threshold, quotas not met, sections trending down (default: the ' +
      'latest month with evaluations).',
  ),
  'reports.export': method<ExportResult>()(
    reportsExportInputSchema,
    'Write a report as xlsx (one sheet per table), CSV (UTF-8 with BOM) or PDF (the print view with its charts); ' +
      'progress arrives as job.progress events.',
  ),
};
