/**
 * The head-office HTTP API. Order of checks on every /v1 call except health: request limits (before anything else,
 * see limits.ts), protocol version header, bearer token, then the zod schema of the body, query or path. Nothing
 * reaches the database unchecked, and every refusal is a 4xx with {error: {code, message}}; only a real fault is a
 * 500. What a caller may see comes from their token's scope inside each query (scope.ts).
 */
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  channelSummaryQuerySchema,
  comparisonQuerySchema,
  PROTOCOL_HEADER,
  PROTOCOL_VERSION,
  pullQuerySchema,
  siteRankingQuerySchema,
  type Health,
} from '../shared/sync';
import { disputePushSchema } from '../shared/disputes';
import { parsePushRequest } from '../shared/sync-items';
import { callbackPushSchema } from '../shared/callbacks';
import { narrativePushSchema } from '../shared/narrative';
import { authenticate, bearerToken, hashToken, identityOf, type Principal } from './auth';
import { registerCalibrationRoutes } from './calibration-routes';
import { closeDueSessions } from './calibration-store';
import { ingestCallbacks } from './callbacks';
import type { Db } from './db';
import { ingestDisputeSteps } from './disputes/ingest';
import { revisionHistoryJson } from './history';
import { describeIssues, HttpError, parse } from './http';
import { RequestLimiter } from './limits';
import { ingestNarratives } from './narratives';
import { pullPageJson } from './pull';
import { ingestPush, RevisionsPending } from './push';
import { agentComparisonReport, channelSummaryReport, ReportQueryError, siteRankingReport } from './reports';
import { ScorecardCache } from './scorecards';

export interface ServerOptions {
  db: Db;
  /** Requests per token (or per address for requests without a proven token) per minute. */
  rateLimitPerMinute?: number;
  /** Refusals from one address before it is locked out (doubling windows from then on). */
  failuresBeforeLockout?: number;
  bodyLimitBytes?: number;
  logLevel?: string;
  /** See push.ts IngestOptions.gapGraceMs. */
  gapGraceMs?: number;
  /** Fastify's trustProxy: which proxies' X-Forwarded-For gives the client's address (see config.ts). */
  trustProxy?: string;
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

const idParamsSchema = z.object({ id: z.uuid() }).strict();

export async function buildServer(options: ServerOptions): Promise<FastifyInstance> {
  const { db } = options;
  const app = Fastify({
    logger: { level: options.logLevel ?? 'info', redact: ['req.headers.authorization'] },
    bodyLimit: options.bodyLimitBytes ?? 16 * 1024 * 1024,
    ...(options.trustProxy === undefined ? {} : { trustProxy: options.trustProxy }),
  });
  const cards = new ScorecardCache(db);
  const limiter = new RequestLimiter({
    perWindow: options.rateLimitPerMinute ?? 600,
    failuresBeforeLockout: options.failuresBeforeLockout,
  });

  app.setErrorHandler((error: FastifyError | HttpError, req, reply) => {
    const status = error.statusCode ?? 500;
    if (status >= 500 && !(error instanceof HttpError)) {
      req.log.error({ err: error }, 'request failed');
      return reply.status(500).send({
        error: { code: 'internal', message: 'The server failed; the request was not applied. Try again later.' },
      });
    }
    if (error instanceof HttpError) reply.headers(error.headers);
    const code = error instanceof HttpError ? error.code : (statusCodes[status] ?? 'bad_request');
    return reply.status(status).send({ error: { code, message: error.message } });
  });
  app.setNotFoundHandler((req, reply) =>
    reply
      .status(404)
      .send({ error: { code: 'not_found', message: `No such endpoint: ${req.method} ${req.url.split('?')[0]}` } }),
  );

  // Registered on the instance, so it runs before every route's own onRequest guard: refused requests count too.
  app.addHook('onRequest', async (req) => {
    const token = bearerToken(req.headers.authorization);
    const wait = limiter.admit(req.ip, token ? hashToken(token) : null);
    if (wait !== null) {
      throw new HttpError(429, 'rate_limited', `Too many requests; try again in ${wait} s.`, {
        'retry-after': String(wait),
      });
    }
  });

  async function guard(req: FastifyRequest, _reply: FastifyReply): Promise<void> {
    try {
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
          `This server speaks sync protocol ${PROTOCOL_VERSION}; the app sent ${String(header).slice(0, 20)}. Update the app (or the server) so both match.`,
        );
      }
      const token = bearerToken(req.headers.authorization);
      const principal = token ? await authenticate(db, token) : null;
      if (!principal || !token) {
        throw new HttpError(401, 'unauthorized', 'Missing, unknown or revoked token. Ask head office for a new one.');
      }
      limiter.succeeded(hashToken(token));
      req.principal = principal;
    } catch (error) {
      if (error instanceof HttpError) limiter.failed(req.ip);
      throw error;
    }
  }

  const needsRole = (who: Principal, what: string) => {
    if (who.role === 'inspector')
      throw new HttpError(403, 'forbidden', `${what} need a lead, site or head-office token.`);
  };

  app.get('/v1/health', async (): Promise<Health> => ({
    status: 'ok',
    service: 'qa-inspector-server',
    protocolVersion: PROTOCOL_VERSION,
    database: db.kind,
  }));

  app.get('/v1/me', { onRequest: guard }, async (req) => identityOf(db, req.principal!));

  app.post('/v1/sync/push', { onRequest: guard }, async (req) => {
    const pushed = parsePushRequest(req.body);
    if (!pushed.success) throw new HttpError(400, 'invalid_body', `Invalid push: ${describeIssues(pushed.error)}`);
    const { items } = pushed.data;
    const who = req.principal!;
    let results;
    try {
      results = await ingestPush(db, cards, who, items, {
        gapGraceMs: options.gapGraceMs,
        onStoreError: (err, item) => req.log.error({ err, item }, 'one pushed revision could not be stored'),
      });
    } catch (error) {
      if (!(error instanceof RevisionsPending)) throw error;
      // A transient answer, like a network fault: the app keeps the batch and sends it again with backoff.
      throw new HttpError(503, 'revisions_pending', error.message, { 'retry-after': '2' });
    }
    const stored = results.filter((r) => r.status === 'stored').length;
    req.log.info({ inspector: who.inspectorId, items: items.length, stored }, 'push');
    return { results };
  });

  // Dispute steps (sign-off, file, decide, escalate, arbitrate): each judged and stored on its own (disputes/ingest.ts).
  app.post('/v1/sync/disputes', { onRequest: guard }, async (req) => {
    const { steps } = parse(disputePushSchema, req.body, 'dispute steps', 'invalid_body');
    return { results: await ingestDisputeSteps(db, req.principal!, steps) };
  });
  // Call-backs (回访) and the leads' narratives: each answered on its own (callbacks.ts, narratives.ts).
  app.post('/v1/sync/callbacks', { onRequest: guard }, async (req) => {
    const { items } = parse(callbackPushSchema, req.body, 'call-backs', 'invalid_body');
    return { results: await ingestCallbacks(db, req.principal!, items) };
  });
  app.post('/v1/sync/narratives', { onRequest: guard }, async (req) => {
    const { items } = parse(narrativePushSchema, req.body, 'narratives', 'invalid_body');
    return { results: await ingestNarratives(db, req.principal!, items) };
  });

  app.get('/v1/sync/pull', { onRequest: guard }, async (req, reply) => {
    const query = parse(pullQuerySchema, req.query, 'pull query');
    // A deadline passing writes nothing by itself: sessions past theirs close (head office's clock) before a pull.
    await closeDueSessions(db);
    const json = await pullPageJson(db, req.principal!, query.since, query.limit);
    return reply.type('application/json; charset=utf-8').send(json);
  });

  app.get('/v1/evaluations/:id/revisions', { onRequest: guard }, async (req, reply) => {
    const { id } = parse(idParamsSchema, req.params, 'evaluation id', 'invalid_path');
    const json = await revisionHistoryJson(db, req.principal!, id);
    if (json === null) throw new HttpError(404, 'not_found', 'No such evaluation.');
    return reply.type('application/json; charset=utf-8').send(json);
  });

  const report = async <T>(run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      if (error instanceof ReportQueryError) throw new HttpError(400, 'invalid_query', error.message);
      throw error;
    }
  };

  app.get('/v1/reports/agent-comparison', { onRequest: guard }, async (req) => {
    needsRole(req.principal!, 'Reports');
    const query = parse(comparisonQuerySchema, req.query, 'report query');
    return report(() => agentComparisonReport(db, req.principal!, query));
  });

  app.get('/v1/reports/channels', { onRequest: guard }, async (req) => {
    needsRole(req.principal!, 'Reports');
    const query = parse(channelSummaryQuerySchema, req.query, 'report query');
    return report(() => channelSummaryReport(db, req.principal!, query));
  });

  app.get('/v1/reports/site-ranking', { onRequest: guard }, async (req) => {
    needsRole(req.principal!, 'Reports');
    const query = parse(siteRankingQuerySchema, req.query, 'report query');
    return report(() => siteRankingReport(db, req.principal!, query));
  });

  registerCalibrationRoutes(app, { db, cards, guard });

  return app;
}
