import { z } from 'zod';
import { MAX_CALIBRATION_CALLS, MAX_CALIBRATION_INSPECTORS, type CalibrationRefusal } from '../calibration';
import type { CalibrationResults } from '../calibration-math';
import type { GraderReport } from '../grader-math';
import { periodBoundSchema, scopeFields, firstDay, lastDay, type ExportResult } from '../report';
import { scorecardIdSchema, type ScorecardDefinition } from '../scorecard';
import { instantSchema, int4, isRealDate, safeLabel, safeText, sha256HexSchema } from '../text';
import { method } from './define';
import { exportTargetFields, oneExportTarget } from './reports';

/** Where this app stands with a session. */
export type CalibrationRole = 'creator' | 'inspector' | 'observer';

export interface CalibrationCallView {
  sha256: string;
  callId: string | null;
  /** The same audio in this library (by SHA-256), or null: the page says which call to import. */
  recordingId: string | null;
  fileName: string | null;
  hasReference: boolean;
  /** This app's scoring of the call (an invited inspector's); null when not invited. */
  mine: 'todo' | 'draft' | 'submitted' | null;
  /** Inspectors whose score of this call this app holds (the creator and head office see them as they arrive). */
  scored: number;
}

export interface CalibrationSessionView {
  id: string;
  name: string;
  createdBy: { id: string; name: string };
  scorecardId: string;
  scorecardVersion: number;
  scorecardName: string | null;
  deadline: string;
  /** Head office's clock; null while open. */
  closedAt: string | null;
  role: CalibrationRole;
  /** The creator's push of the session (null on other apps). */
  sync: { status: 'pending' | 'sent' | 'rejected'; code: CalibrationRefusal | null; reason: string | null } | null;
  calls: CalibrationCallView[];
  inspectors: { id: string; name: string; scored: number }[];
  /** This app's own scores of the session's calls, and those head office refused (with why). */
  mine: {
    submitted: number;
    pending: number;
    rejected: { sha256: string; code: CalibrationRefusal | null; reason: string }[];
  } | null;
  /** Results are shown to the creator and head office, and to an inspector once closed and after scoring. */
  results: 'available' | 'not_closed' | 'not_scored' | 'no_scores';
}

export interface CalibrationResultsView extends CalibrationResults {
  session: CalibrationSessionView;
  card: ScorecardDefinition;
}

const deadlineSchema = z.union([instantSchema, z.string().refine(isRealDate, 'YYYY-MM-DD or an ISO time')]);

export const calibrationCreateInputSchema = z
  .object({
    name: safeLabel(200),
    calls: z
      .array(
        z
          .object({
            sha256: sha256HexSchema,
            callId: safeText(200).optional(),
            /** The expert's evaluation of this call (this app's own, or one head office sent down). */
            referenceEvaluationId: z.uuid().optional(),
          })
          .strict(),
      )
      .min(1)
      .max(MAX_CALIBRATION_CALLS),
    scorecardId: scorecardIdSchema,
    /** Default: the newest published version of the card. */
    scorecardVersion: int4(1).optional(),
    inspectors: z.array(safeText(100, 1)).min(1).max(MAX_CALIBRATION_INSPECTORS),
    /** An ISO time, or a day (its end in the centre's time zone). */
    deadline: deadlineSchema,
    /** A reference for the call it scored (matched by the call's SHA-256). */
    referenceEvaluationId: z.uuid().optional(),
  })
  .strict();
export type CalibrationCreateInput = z.infer<typeof calibrationCreateInputSchema>;

const idInput = z.object({ id: z.uuid() }).strict();

export const gradersInputSchema = z
  .object({
    from: periodBoundSchema,
    to: periodBoundSchema,
    ...scopeFields,
    /** Strictness that raises a drift alert, in points (default 5). */
    driftPoints: z.number().min(0.5).max(50).default(5),
    /** Months in a row it must last (default 2). */
    driftMonths: z.number().int().min(1).max(12).default(2),
  })
  .strict()
  .refine((p) => firstDay(p.from) <= lastDay(p.to), { message: '"from" is after "to"', path: ['to'] });
export type GradersInput = z.infer<typeof gradersInputSchema>;

export interface GradersView extends GraderReport {
  /** local: computed from the evaluations this app holds; head_office: asked of the server (an inspector's own row). */
  source: 'local' | 'head_office';
}

export const recordWorkInputSchema = z
  .object({
    recordingId: z.string().min(1).max(100),
    calibrationId: z.uuid().optional(),
    /** Active time since the last report, ms (reported every few seconds, so a gap is never more than this). */
    activeMs: z
      .number()
      .int()
      .min(0)
      .max(10 * 60_000),
    /** Stretches of the call played, ms from its start. */
    played: z
      .array(
        z
          .tuple([z.number().int().min(0), z.number().int().min(0)])
          .refine(([a, b]) => b >= a, 'a stretch ends after it starts'),
      )
      .max(1000),
  })
  .strict();

export const calibrationContract = {
  'calibration.create': method<{ id: string }>()(
    calibrationCreateInputSchema,
    'Create a calibration session: calls by SHA-256 (and call id), optional reference evaluations, the card, the ' +
      'inspectors invited and a deadline. It reaches head office with the next sync, and the inspectors by pull.',
  ),
  'calibration.list': method<CalibrationSessionView[]>()(
    z.object({}).strict(),
    'The sessions this app knows: created here, or sent down by head office (invited, or all for head office).',
  ),
  'calibration.get': method<CalibrationSessionView>()(
    idInput,
    'One session: its calls found in the library by SHA-256, progress and what head office said.',
  ),
  'calibration.results': method<CalibrationResultsView>()(
    idInput,
    'Per item, section and call: mean, sd, range and each inspector’s deviation; alignment per inspector; ' +
      'Krippendorff’s α (interval for points items, nominal for yes/no and critical items). An inspector gets them ' +
      'once the session has closed and after scoring in it.',
  ),
  'calibration.close': method<CalibrationSessionView>()(
    idInput,
    'The creator ends scoring before the deadline; head office stamps the time with the next sync.',
  ),
  'calibration.resend': method<{ requeued: number }>()(
    idInput,
    'Send this session’s refused items again (once the reason is dealt with, e.g. the card published).',
  ),
  'calibration.inspectors': method<{ inspectors: { id: string; name: string }[]; source: 'head_office' | 'local' }>()(
    z.object({}).strict(),
    'Who can be invited: head office’s list when online, else the inspectors of the evaluations this app holds.',
  ),
  'calibration.export': method<ExportResult>()(
    idInput
      .extend({ format: z.enum(['xlsx', 'pdf']), ...exportTargetFields })
      .strict()
      .refine(...oneExportTarget),
    'Write a session’s results as xlsx (one sheet per table) or PDF (the results page as printed).',
  ),
  'reports.graders': method<GradersView>()(
    gradersInputSchema,
    'Grading the graders, per inspector over the period: evaluations, median active time, played share, mean ' +
      'total, strictness against peers on the same agents and months, calibration alignment, dispute overturn rate ' +
      '(null until disputes exist), drift alerts. An inspector sees only themselves.',
  ),
  'evaluations.recordWork': method<{ activeSeconds: number; playedMs: number }>()(
    recordWorkInputSchema,
    'Add active time and played stretches to the evaluation of a call (or its calibration scoring); the next ' +
      'submit carries the totals.',
  ),
};
