/**
 * The SQL of calibration sessions and scores (migration 004). Every write stamps what it changes with fresh server
 * versions inside its transaction (versions.ts), so pulls deliver it in order; closing a session stamps the session
 * and all its scores again, which delivers the other inspectors' scores to those allowed to see them now.
 */
import type { Db, Queryable } from './db';
import { reserveVersions } from './versions';

export interface StoredSession {
  id: string;
  created_by: string;
  scorecard_id: string;
  scorecard_version: number;
  hash: string;
  session_json: string;
  closed: boolean;
  /** Past the deadline by head office's clock (closed or not yet closed by the lazy close). */
  due: boolean;
}

/** The session row, locked for this transaction (a score and a close of the same session never interleave). */
export async function lockSession(tx: Queryable, id: string): Promise<StoredSession | null> {
  const [row] = await tx.query<StoredSession>(
    `SELECT id, created_by, scorecard_id, scorecard_version, hash, session_json, closed_at IS NOT NULL AS closed,
            deadline <= now() AS due
       FROM calibration_sessions WHERE id = $1 FOR UPDATE`,
    [id],
  );
  return row ?? null;
}

export async function insertSession(
  tx: Queryable,
  s: {
    id: string;
    name: string;
    createdBy: string;
    scorecardId: string;
    scorecardVersion: number;
    deadline: string;
    hash: string;
    json: string;
    inspectors: string[];
  },
): Promise<void> {
  const version = await reserveVersions(tx, 1);
  await tx.query(
    `INSERT INTO calibration_sessions (id, name, created_by, scorecard_id, scorecard_version, deadline, hash,
                                       session_json, version)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [s.id, s.name, s.createdBy, s.scorecardId, s.scorecardVersion, s.deadline, s.hash, s.json, version],
  );
  await tx.query(
    `INSERT INTO calibration_invites (session_id, inspector_id) SELECT $1, u FROM unnest($2::text[]) AS x(u)`,
    [s.id, s.inspectors],
  );
}

/** Users among these ids that exist (any role may be invited; an inspector usually is). */
export async function knownUsers(tx: Queryable, ids: string[]): Promise<Set<string>> {
  const rows = await tx.query<{ id: string }>('SELECT id FROM inspectors WHERE id = ANY($1::text[])', [ids]);
  return new Set(rows.map((r) => r.id));
}

export async function isInvited(tx: Queryable, sessionId: string, userId: string): Promise<boolean> {
  const rows = await tx.query('SELECT 1 FROM calibration_invites WHERE session_id = $1 AND inspector_id = $2', [
    sessionId,
    userId,
  ]);
  return rows.length > 0;
}

export interface StoredScore {
  id: string;
  session_id: string;
  inspector_id: string;
  call_sha256: string;
  hash: string;
}

/** The score with this id, or the one this inspector already gave this call of this session. */
export async function existingScores(
  tx: Queryable,
  id: string,
  sessionId: string,
  inspectorId: string,
  sha256: string,
): Promise<StoredScore[]> {
  return tx.query<StoredScore>(
    `SELECT id, session_id, inspector_id, call_sha256, hash FROM calibration_scores
      WHERE id = $1 OR (session_id = $2 AND inspector_id = $3 AND call_sha256 = $4)`,
    [id, sessionId, inspectorId, sha256],
  );
}

export async function insertScore(
  tx: Queryable,
  s: {
    id: string;
    sessionId: string;
    inspectorId: string;
    sha256: string;
    hash: string;
    bodyJson: string;
    totalX100: number;
  },
): Promise<void> {
  const version = await reserveVersions(tx, 1);
  await tx.query(
    `INSERT INTO calibration_scores (id, session_id, inspector_id, call_sha256, hash, body_json, total_x100, version)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [s.id, s.sessionId, s.inspectorId, s.sha256, s.hash, s.bodyJson, s.totalX100, version],
  );
}

/** Closes a locked, open session now (head office's clock) and stamps it and its scores with new versions. */
export async function closeSession(tx: Queryable, id: string): Promise<void> {
  const [{ n }] = await tx.query<{ n: string }>(
    'SELECT count(*)::text AS n FROM calibration_scores WHERE session_id = $1',
    [id],
  );
  const first = await reserveVersions(tx, Number(n) + 1);
  await tx.query('UPDATE calibration_sessions SET closed_at = now(), version = $2 WHERE id = $1', [id, first]);
  await tx.query(
    `UPDATE calibration_scores c SET version = $2::bigint + r.rn
       FROM (SELECT id, row_number() OVER (ORDER BY id) AS rn FROM calibration_scores WHERE session_id = $1) r
      WHERE c.id = r.id`,
    [id, first],
  );
}

/**
 * Closes every open session whose deadline has passed by head office's clock. Called before each pull (one indexed
 * look-up when there is nothing to do): a deadline passing writes nothing by itself, and closing is what makes the
 * session's scores visible to its inspectors.
 */
export async function closeDueSessions(db: Db): Promise<number> {
  const due = await db.query<{ id: string }>(
    'SELECT id FROM calibration_sessions WHERE closed_at IS NULL AND deadline <= now() ORDER BY id LIMIT 100',
  );
  if (!due.length) return 0;
  return db.transaction(async (tx) => {
    let closed = 0;
    for (const { id } of due) {
      const session = await lockSession(tx, id);
      if (!session || session.closed) continue; // another request closed it first
      await closeSession(tx, id);
      closed++;
    }
    return closed;
  });
}
