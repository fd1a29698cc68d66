/**
 * The head-office HTTP API. Order of checks on every /v1 call except health: rate limit (per token), protocol
 * version header, bearer token, then the zod schema of the body or query. Nothing reaches the database unchecked,
 * and every refusal is a 4xx with {error: {code, message}}; only a real fault is a 500.
 */
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { comparisonQuerySchema, PROTOCOL_HEADER, PROTOCOL_VERSION, pullQuerySchema, type Health } from '../shared/sync';
import { parsePushRequest } from '../shared/sync-items';
import { authenticate, bearerToken, hashToken, type Principal } from './auth';
import type { Db } from './db';
import { pullPage } from './pull';
import { ingestPush } from './push';
import { agentComparison } from './reports';
import { ScorecardCache } from './scorecards';

export interface ServerOptions {
  db: Db;
  /** Requests per token (or per address without one) per minute. */
  rateLimitPerMinute?: number;
  bodyLimitBytes?: number;
  logLevel?: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal;
  }
}

const statusCodes: Record<number, string> = {
  400: 'bad_request',
  404: 'not_found',
  405: 'method_not_allowed',
  413: 'body_too_large',
  415: 'unsupported_media_type',
  429: 'rate_limited',
};

class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message))
    .join('; ');
}

function parse<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw new HttpError(400, 'invalid_body', `Invalid ${what}: ${describeIssues(result.error)}`);
  return result.data;
}

export async function buildServer(options: ServerOptions): Promise<FastifyInstance> {
  const { db } = options;
  const app = Fastify({
    logger: { level: options.logLevel ?? 'info', redact: ['req.headers.authorization'] },
    bodyLimit: options.bodyLimitBytes ?? 16 * 1024 * 1024,
  });
  const cards = new ScorecardCache(db);

  await app.register(rateLimit, {
    max: options.rateLimitPerMinute ?? 600,
    timeWindow: 60_000,
    keyGenerator: (req) => {
      const token = bearerToken(req.headers.authorization);
      return token ? `t:${hashToken(token)}` : `ip:${req.ip}`;
    },
    errorResponseBuilder: (_req, ctx) =>
      new HttpError(ctx.statusCode, 'rate_limited', `Too many requests; try again in ${Math.ceil(ctx.ttl / 1000)} s.`),
  });

  app.setErrorHandler((error: FastifyError | HttpError, req, reply) => {
    const status = error.statusCode ?? 500;
    if (status >= 500) {
      req.log.error({ err: error }, 'request failed');
      return reply.status(500).send({
        error: { code: 'internal', message: 'The server failed; the request was not applied. Try again later.' },
      });
    }
    const code = error instanceof HttpError ? error.code : (statusCodes[status] ?? 'bad_request');
    return reply.status(status).send({ error: { code, message: error.message } });
  });
  app.setNotFoundHandler((req, reply) =>
    reply
      .status(404)
      .send({ error: { code: 'not_found', message: `No such endpoint: ${req.method} ${req.url.split('?')[0]}` } }),
  );

  async function guard(req: FastifyRequest, _reply: FastifyReply): Promise<void> {
    const header = req.headers[PROTOCOL_HEADER];
    if (header === undefined) {
      throw new HttpError(
        400,
        'protocol_required',
        `Send the ${PROTOCOL_HEADER} header (this server speaks version ${PROTOCOL_VERSION}).`,
      );
    }
    if (header !== String(PROTOCOL_VERSION)) {
      throw new HttpError(
        426,
        'protocol_mismatch',
        `This server speaks sync protocol ${PROTOCOL_VERSION}; the app sent ${String(header)}. Update the app (or the server) so both match.`,
      );
    }
    const token = bearerToken(req.headers.authorization);
    const principal = token ? await authenticate(db, token) : null;
    if (!principal)
      throw new HttpError(401, 'unauthorized', 'Missing, unknown or revoked token. Ask head office for a new one.');
    req.principal = principal;
  }

  app.get('/v1/health', async (): Promise<Health> => ({
    status: 'ok',
    service: 'qa-inspector-server',
    protocolVersion: PROTOCOL_VERSION,
    database: db.kind,
  }));

  app.post('/v1/sync/push', { onRequest: guard }, async (req) => {
    const pushed = parsePushRequest(req.body);
    if (!pushed.success) throw new HttpError(400, 'invalid_body', `Invalid push: ${describeIssues(pushed.error)}`);
    const { items } = pushed.data;
    const who = req.principal!;
    const results = await ingestPush(db, cards, who, items);
    const stored = results.filter((r) => r.status === 'stored').length;
    req.log.info({ inspector: who.inspectorId, items: items.length, stored }, 'push');
    return { results };
  });

  app.get('/v1/sync/pull', { onRequest: guard }, async (req) => {
    const query = parse(pullQuerySchema, req.query, 'pull query');
    return pullPage(db, query.since, query.limit);
  });

  app.get('/v1/reports/agent-comparison', { onRequest: guard }, async (req) => {
    if (req.principal!.role !== 'head_office') {
      throw new HttpError(403, 'forbidden', 'Head-office reports need a head-office token.');
    }
    return agentComparison(db, parse(comparisonQuerySchema, req.query, 'report query'));
  });

  return app;
}
