import { z } from 'zod';
import {
  exportFormats,
  monthSchema,
  scopeFields,
  periodBoundSchema,
  channelPeriodInputSchema,
  periodInputSchema,
  type ChannelSummary,
  reportKinds,
  scoreModeFields,
  type AgentComparison,
  type Alerts,
  type AnnexRow,
  type SectionInfo,
  type AnnexPage,
  type ExportResult,
  type MonthlyReport,
  type ReportOptions,
  type Trends,
} from '../report';
import type { CallContext, PulledRevision, RevisionNote } from '../evaluation';
import { safeText } from '../text';
import type { SiteRanking } from '../report-math';
import type { ScorecardDefinition } from '../scorecard';
import { method } from './define';

const scopeInput = z.object(scopeFields).strict();

/** Any evaluation the reports hold, read-only: this app's own or one head office sent down. */
export interface EvaluationReadView {
  id: string;
  source: 'own' | 'pulled';
  revision: number;
  inspectorId: string;
  inspectorName: string;
  /** When head office received it (pulled evaluations); null for this app's own. */
  receivedAt: string | null;
  body: PulledRevision;
  /** The card it was scored with, as this app holds it. */
  scorecard: ScorecardDefinition;
  call: CallContext | null;
  notes: RevisionNote[];
  /** The same call in this library (matched by SHA-256), so its audio can be played; null when not here. */
  recordingId: string | null;
}

export interface EvaluationList {
  from: string;
  to: string;
  agentNo: string | null;
  total: number;
  offset: number;
  sections: SectionInfo[];
  rows: AnnexRow[];
}

export interface EvaluationHistoryEntry {
  revision: number;
  reason: string | null;
  submittedAt: string;
  total: number;
  inspectorName: string;
  body: PulledRevision;
}

/** Where an export goes: a path on this computer, or back to the page as a download. Shared by every export. */
export const exportTargetFields = {
  /**
   * A file ending in the format's extension in an existing folder, or an existing folder (the standard file name is
   * used inside it). A folder that does not exist is refused, never created.
   */
  out: z.string().min(1).max(4096).optional(),
  /**
   * Instead of `out`: return the file's bytes (base64) for the page to download, as a web page does. Browser mode
   * uses it; a page must not ask for a path on the host it runs beside.
   */
  download: z.literal(true).optional(),
  /** Lets the page match job.progress events to its button. */
  jobId: z.string().min(1).max(100).optional(),
};

/** Exactly one of `out` and `download`. */
export const oneExportTarget = [
  (v: { out?: string; download?: true }) => (v.out === undefined) !== (v.download === undefined),
  { message: 'give either "out" (a path) or "download": true' },
] as const;

export const reportsExportInputSchema = z
  .object({
    report: z.enum(reportKinds),
    from: periodBoundSchema,
    to: periodBoundSchema,
    ...scopeFields,
    ...scoreModeFields,
    format: z.enum(exportFormats),
    ...exportTargetFields,
  })
  .strict()
  .refine(...oneExportTarget);
export type ReportsExportInput = z.infer<typeof reportsExportInputSchema>;

export const reportsContract = {
  'reports.options': method<ReportOptions>()(
    z.object({}).strict(),
    'Teams, sites and the months that have evaluations, and the user role that decides which scopes apply.',
  ),
  'reports.agentComparison': method<AgentComparison>()(
    channelPeriodInputSchema,
    'Per agent for a period (YYYY-MM or YYYY-MM-DD bounds, inclusive) and scope ("mine" | "team" | "site" | "all", ' +
      'default all the app holds; team/site narrow it): count, average total, average per section, min/max, ' +
      'critical fails and the change versus the previous period of the same length.',
  ),
  'reports.siteRanking': method<SiteRanking>()(
    channelPeriodInputSchema,
    'Sites (分公司) ranked by average total for the period, each against the overall average (total and per ' +
      'section) and its previous period of the same length.',
  ),
  'reports.trends': method<Trends>()(
    channelPeriodInputSchema,
    "Each agent's average per month and the section averages per month over the period's months.",
  ),
  'reports.channels': method<ChannelSummary[]>()(
    periodInputSchema,
    'The period and scope split by channel (phone, chat, store): evaluations, average total, critical fails.',
  ),
  'reports.monthly': method<MonthlyReport>()(
    periodInputSchema,
    'The monthly QA report for the month of "to" (trends go back at least a quarter, or to "from").',
  ),
  'reports.annex': method<AnnexPage>()(
    z
      .object({
        month: monthSchema,
        ...scopeFields,
        ...scoreModeFields,
        offset: z.number().int().min(0).default(0),
        limit: z.number().int().min(1).max(1000).default(100),
      })
      .strict(),
    "The monthly report's annex: every evaluation of the month, in call order, one page at a time.",
  ),
  'reports.evaluations': method<EvaluationList>()(
    z
      .object({
        from: periodBoundSchema,
        to: periodBoundSchema,
        ...scopeFields,
        ...scoreModeFields,
        agentNo: safeText(64, 1).optional(),
        offset: z.number().int().min(0).default(0),
        limit: z.number().int().min(1).max(1000).default(100),
      })
      .strict(),
    "Evaluations of a period in call order (one agent's when agentNo is given), a page at a time, with the annex's " +
      'columns: what a comparison row opens.',
  ),
  'reports.alerts': method<Alerts>()(
    scopeInput.extend({ month: monthSchema.optional() }),
    'Agents whose average fell or is below the threshold, quotas not met, sections trending down (default: the ' +
      'latest month with evaluations).',
  ),
  'reports.evaluation': method<EvaluationReadView>()(
    z.object({ id: z.uuid() }).strict(),
    'One evaluation from the reports, read-only, whoever scored it: scores, comments, notes, and the local ' +
      'recording with the same audio if there is one.',
  ),
  'reports.evaluationHistory': method<EvaluationHistoryEntry[]>()(
    z.object({ id: z.uuid() }).strict(),
    "Every revision of an evaluation, oldest first: this app's own from its database, a pulled one from head " +
      'office (needs the network).',
  ),
  'reports.export': method<ExportResult>()(
    reportsExportInputSchema,
    'Write a report as xlsx (one sheet per table), CSV (UTF-8 with BOM) or PDF (the print view with its charts); ' +
      'progress arrives as job.progress events.',
  ),
};
