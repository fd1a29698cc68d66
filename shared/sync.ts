/**
 * The sync wire format between the desktop core (electron/core/sync) and the head-office server (server/).
 * Both sides validate with these schemas, so a field renamed on one side is a failing test, not corrupted data.
 */
import { z } from 'zod';
import { disputeChangeSchema, disputePolicyChangeSchema } from './disputes';
import { calibrationScoreChangeSchema, calibrationSessionChangeSchema } from './calibration';
import { callbackChangeSchema } from './callbacks';
import { contactChannelSchema, type ContactChannel } from './channels';
import { evaluationRevisionSchema, pulledRevisionSchema } from './evaluation';
import { narrativeChangeSchema } from './narrative';
import { scoreModeSchema } from './report';
import { scorecardDefinitionSchema, scorecardIdSchema } from './scorecard';
import { instantSchema, int4, realDateSchema, safeText, sha256HexSchema } from './text';

/**
 * Bumped when the wire format changes incompatibly; the server refuses other versions with 426.
 * 2: revisions carry their call's context and notes; pulls carry evaluations for leads, sites and head office;
 * refusals carry a code saying who can fix them.
 * 3: calibration sessions and scores (pull kinds calibration_session / calibration_score, POST /v1/calibration/push);
 * revision bodies may carry `work` and `calibrationId` (an app of protocol 2 would refuse such pages); disputes and
 * sign-offs (pull kinds dispute / dispute_policy, POST /v1/sync/disputes), call-backs and narratives (pull kinds
 * callback / narrative, POST /v1/sync/callbacks and /v1/sync/narratives) and richer scorecards (choice items, shown-if
 * conditions, root causes), which a protocol-2 app could not read either.
 * 4: other channels: a revision's call may say `channel` (chat, store) and carry `visit` (store, visitor), and notes
 * on chat messages carry `messageSeq`; a protocol-3 server refuses such bodies and a protocol-3 app such pulls.
 * Reports take `channel` and GET /v1/reports/channels splits a period by channel.
 */
export const PROTOCOL_VERSION = 4;
export const PROTOCOL_HEADER = 'x-qa-protocol';

/** Most items one push may carry; the client sends at most this many per request. */
export const MAX_PUSH_ITEMS = 500;
/** Most changes one pull page returns. */
export const MAX_PULL_PAGE = 1000;

const hashSchema = sha256HexSchema;

/** Who a token belongs to; the server decides what each role receives and may read. */
export const userRoles = ['inspector', 'lead', 'site', 'head_office'] as const;
export type UserRole = (typeof userRoles)[number];

/** `GET /v1/me`: the token's user and the scope every pull, report and export of theirs is limited to. */
export const identitySchema = z
  .object({
    userId: safeText(100, 1),
    name: safeText(200),
    role: z.enum(userRoles),
    /** A lead's teams (id and name); empty for other roles. */
    teams: z.array(z.object({ id: safeText(100, 1), name: safeText(200) }).strict()).max(1000),
    /** A site user's 分公司; null for other roles. */
    site: safeText(200, 1).nullable(),
  })
  .strict();
export type Identity = z.infer<typeof identitySchema>;

export const healthSchema = z.object({
  status: z.literal('ok'),
  service: z.literal('qa-inspector-server'),
  protocolVersion: z.number().int(),
  database: z.enum(['pglite', 'postgres']),
});
export type Health = z.infer<typeof healthSchema>;

export const pushItemSchema = z
  .object({
    id: z.uuid(),
    revision: int4(1),
    hash: hashSchema,
    body: evaluationRevisionSchema,
  })
  .strict()
  .refine((item) => item.body.id === item.id && item.body.revision === item.revision, {
    message: 'id and revision must match the body',
    path: ['body'],
  });
export type PushItem = z.infer<typeof pushItemSchema>;

export const pushRequestSchema = z.object({ items: z.array(pushItemSchema).min(1).max(MAX_PUSH_ITEMS) }).strict();
export type PushRequest = z.infer<typeof pushRequestSchema>;

/**
 * stored: new on the server; duplicate: the same (id, revision, hash) was stored before — both mean "delete it
 * from the outbox". rejected: not accepted as it is (see the code); forbidden: the evaluation belongs to another
 * inspector.
 */
export const pushStatusSchema = z.enum(['stored', 'duplicate', 'rejected', 'forbidden']);
export type PushStatus = z.infer<typeof pushStatusSchema>;

/**
 * Why a revision was refused, and so who can fix it. Head office fixes a card that is not published or an agent
 * missing from the roster: the app sends such revisions again by itself once a pull brings the fix. The rest need
 * the inspector (or support): a new revision, or a word with head office.
 */
export const rejectionCodes = [
  'card_not_published',
  'agent_not_in_roster',
  'card_differs',
  'score_mismatch',
  'hash_mismatch',
  'revision_conflict',
  'revision_gap',
  'inspector_mismatch',
  'not_owner',
  'invalid',
] as const;
export type RejectionCode = (typeof rejectionCodes)[number];
export type FixedBy = 'inspector' | 'head_office';

export const headOfficeFixes: ReadonlySet<RejectionCode> = new Set(['card_not_published', 'agent_not_in_roster']);
export function fixedBy(code: RejectionCode): FixedBy {
  return headOfficeFixes.has(code) ? 'head_office' : 'inspector';
}

export const pushResultSchema = z.object({
  id: z.string(),
  revision: z.number().int(),
  status: pushStatusSchema,
  /** With rejected and forbidden: why, as a code the app translates, and the server's words. */
  code: z.enum(rejectionCodes).optional(),
  reason: z.string().optional(),
});
export type PushResult = z.infer<typeof pushResultSchema>;

export const pushResponseSchema = z.object({ results: z.array(pushResultSchema) });
export type PushResponse = z.infer<typeof pushResponseSchema>;

/** Server versions are opaque to the client: it stores the cursor and hands it back. */
export const cursorSchema = z.string().regex(/^\d{1,18}$/, 'a server cursor');

export const pullQuerySchema = z
  .object({
    since: cursorSchema.default('0'),
    limit: z.coerce.number().int().min(1).max(MAX_PULL_PAGE).default(MAX_PULL_PAGE),
  })
  .strict();

/**
 * The latest revision of an evaluation in the puller's scope (leads, sites, head office), with who scored it.
 * `teamId` and `site` are where head office filed it (its roster's, else the revision's own call context).
 */
export const evaluationChangeSchema = z.object({
  kind: z.literal('evaluation'),
  id: z.uuid(),
  revision: int4(1),
  hash: hashSchema,
  inspectorId: safeText(100, 1),
  inspectorName: safeText(200),
  receivedAt: instantSchema,
  teamId: safeText(100).nullable(),
  site: safeText(200).nullable(),
  body: pulledRevisionSchema,
});
export type EvaluationChange = z.infer<typeof evaluationChangeSchema>;

export const teamChangeSchema = z.object({
  kind: z.literal('team'),
  id: z.string().min(1).max(100),
  name: z.string().min(1).max(200),
  site: z.string().max(200).nullable(),
});
export const agentChangeSchema = z.object({
  kind: z.literal('agent'),
  agentNo: z.string().min(1).max(64),
  name: z.string().max(200),
  teamId: z.string().max(100).nullable(),
  site: z.string().max(200).nullable(),
  active: z.boolean(),
});
export const scorecardChangeSchema = z.object({
  kind: z.literal('scorecard'),
  id: scorecardIdSchema,
  version: z.number().int().min(1),
  definition: scorecardDefinitionSchema,
  publishedAt: z.string(),
});
/** Monitored calls per month: scope "all", "team:<id>" or "agent:<agentNo>". */
export const samplingTargetChangeSchema = z.object({
  kind: z.literal('sampling_target'),
  scope: z.string().regex(/^(all|team:.+|agent:.+)$/),
  callsPerMonth: z.number().int().min(0).max(10000),
});
export const changeSchema = z.discriminatedUnion('kind', [
  teamChangeSchema,
  agentChangeSchema,
  scorecardChangeSchema,
  samplingTargetChangeSchema,
  evaluationChangeSchema,
  disputeChangeSchema,
  disputePolicyChangeSchema,
  calibrationSessionChangeSchema,
  calibrationScoreChangeSchema,
  callbackChangeSchema,
  narrativeChangeSchema,
]);
export type Change = z.infer<typeof changeSchema>;

export const pullPageSchema = z.object({
  changes: z.array(changeSchema),
  /** Cursor to store once these changes are applied. */
  cursor: cursorSchema,
  more: z.boolean(),
  /**
   * Names the token's scope. When it differs from the one the cursor was built under (a lead given another team),
   * the app pulls again from 0: changes below the cursor that the new scope now includes were never sent.
   */
  scopeKey: z.string().max(200),
});
export type PullPage = z.infer<typeof pullPageSchema>;

/** `GET /v1/evaluations/:id/revisions`: every revision of one evaluation in the caller's scope, oldest first. */
export const revisionHistorySchema = z.object({ revisions: z.array(evaluationChangeSchema) });
export type RevisionHistory = z.infer<typeof revisionHistorySchema>;

/** Error body of every 4xx/5xx answer. */
export const serverErrorSchema = z.object({
  error: z.object({ code: z.string(), message: z.string() }),
});

/**
 * Head-office report queries. The token's scope always applies; team and site narrow it further. Dates are call
 * days in the centre's time zone, inclusive, as in the app (shared/report-math.ts callDay).
 */
export const comparisonQuerySchema = z
  .object({
    from: realDateSchema.optional(),
    to: realDateSchema.optional(),
    site: safeText(200, 1).optional(),
    teamId: safeText(100, 1).optional(),
    /** final (default) or beforeCritical, as the app's reports.* take it. */
    scoreMode: scoreModeSchema.optional(),
    /** Only evaluations of this channel (phone, chat, store); all when absent. */
    channel: contactChannelSchema.optional(),
  })
  .strict();
export type ComparisonQuery = z.infer<typeof comparisonQuerySchema>;

export const siteRankingQuerySchema = z
  .object({
    from: realDateSchema,
    to: realDateSchema,
    scoreMode: scoreModeSchema.optional(),
    channel: contactChannelSchema.optional(),
  })
  .strict();

/** `GET /v1/reports/channels`: the period's evaluations in scope, split by channel. */
export const channelSummaryQuerySchema = z.object({ from: realDateSchema, to: realDateSchema }).strict();
export interface ChannelSummaryRow {
  channel: ContactChannel;
  evaluations: number;
  /** Exact in hundredths, rounded half-up once (shared/report-math.ts). */
  average: number | null;
  criticalFails: number;
}
