/**
 * The sync wire format between the desktop core (electron/core/sync) and the head-office server (server/).
 * Both sides validate with these schemas, so a field renamed on one side is a failing test, not corrupted data.
 */
import { z } from 'zod';
import { evaluationRevisionSchema } from './evaluation';
import { scorecardDefinitionSchema, scorecardIdSchema } from './scorecard';

/** Bumped when the wire format changes incompatibly; the server refuses other versions with 426. */
export const PROTOCOL_VERSION = 1;
export const PROTOCOL_HEADER = 'x-qa-protocol';

/** Most items one push may carry; the client sends at most this many per request. */
export const MAX_PUSH_ITEMS = 500;
/** Most changes one pull page returns. */
export const MAX_PULL_PAGE = 1000;

const hashSchema = z.string().regex(/^[0-9a-f]{64}$/, 'SHA-256 hex');

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
    revision: z.number().int().min(1),
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
 * from the outbox". rejected: will never be accepted as is (hash clash, score mismatch, unknown scorecard);
 * forbidden: the evaluation belongs to another inspector.
 */
export const pushStatusSchema = z.enum(['stored', 'duplicate', 'rejected', 'forbidden']);
export type PushStatus = z.infer<typeof pushStatusSchema>;

export const pushResultSchema = z.object({
  id: z.string(),
  revision: z.number().int(),
  status: pushStatusSchema,
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
]);
export type Change = z.infer<typeof changeSchema>;

export const pullPageSchema = z.object({
  changes: z.array(changeSchema),
  /** Cursor to store once these changes are applied. */
  cursor: cursorSchema,
  more: z.boolean(),
});
export type PullPage = z.infer<typeof pullPageSchema>;

/** Error body of every 4xx/5xx answer. */
export const serverErrorSchema = z.object({
  error: z.object({ code: z.string(), message: z.string() }),
});

/** Head-office per-agent comparison; same shape as the app's reports.agentComparison. */
export const comparisonQuerySchema = z
  .object({
    from: z.iso.date().optional(),
    to: z.iso.date().optional(),
    site: z.string().max(200).optional(),
    teamId: z.string().max(100).optional(),
  })
  .strict();
export interface ComparisonBucket {
  count: number;
  total: number;
  sections: Record<string, number>;
}
export interface AgentComparison {
  rows: ({ agentNo: string; name: string } & ComparisonBucket)[];
  overall: ComparisonBucket;
}
