/**
 * Calibration and grader endpoints, registered by app.ts behind its guard (limits, protocol, token):
 * - `POST /v1/calibration/push`  sessions, scores, closes (calibration-push.ts)
 * - `GET /v1/calibration/inspectors`  who a lead, site or head office may invite
 * - `GET /v1/reports/graders?from&to[&teamId&site&driftPoints&driftMonths]`  grading the graders (graders.ts)
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { calibrationPushRequestSchema, type InspectorList } from '../shared/calibration';
import type { Db } from './db';
import { gradersQuerySchema, gradersReport } from './graders';
import { describeIssues, HttpError, parse } from './http';
import { ingestCalibration } from './calibration-push';
import type { ScorecardCache } from './scorecards';

export interface CalibrationRouteDeps {
  db: Db;
  cards: ScorecardCache;
  guard: (req: FastifyRequest, reply: FastifyReply) => Promise<void>;
}

export function registerCalibrationRoutes(app: FastifyInstance, { db, cards, guard }: CalibrationRouteDeps): void {
  app.post('/v1/calibration/push', { onRequest: guard }, async (req) => {
    const pushed = calibrationPushRequestSchema.safeParse(req.body);
    if (!pushed.success) throw new HttpError(400, 'invalid_body', `Invalid push: ${describeIssues(pushed.error)}`);
    const results = await ingestCalibration(db, cards, req.principal!, pushed.data.items);
    req.log.info({ user: req.principal!.inspectorId, items: results.length }, 'calibration push');
    return { results };
  });

  app.get('/v1/calibration/inspectors', { onRequest: guard }, async (req): Promise<InspectorList> => {
    if (req.principal!.role === 'inspector') {
      throw new HttpError(403, 'forbidden', 'Only leads, sites and head office invite inspectors.');
    }
    // Users with a live token: who could take part at all.
    const rows = await db.query<{ id: string; name: string }>(
      `SELECT i.id, i.name FROM inspectors i
        WHERE i.role = 'inspector'
          AND EXISTS (SELECT 1 FROM tokens t WHERE t.inspector_id = i.id AND t.revoked_at IS NULL)
        ORDER BY i.name, i.id`,
    );
    return { inspectors: rows };
  });

  app.get('/v1/reports/graders', { onRequest: guard }, async (req) => {
    const query = parse(gradersQuerySchema, req.query, 'report query');
    return gradersReport(db, req.principal!, query);
  });
}
