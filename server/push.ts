/**
 * Ingesting a push: each (evaluation, revision) is stored once. The inspector comes from the token; ownership is
 * part of the insert's own WHERE clause, so no read-then-write gap lets a foreign token slip a revision in.
 * The whole batch is one transaction: a crash mid-batch stores nothing of it and the client simply retries.
 */
import { createHash } from 'node:crypto';
import { canonicalJson, verifyEvaluationRevision, type EvaluationRevision } from '../shared/evaluation';
import type { PushItem, PushResult } from '../shared/sync';
import { audit, type Principal } from './auth';
import type { Db, Queryable } from './db';
import type { ScorecardCache } from './scorecards';

/**
 * The same value as shared/evaluation.ts evaluationRevisionHash (SHA-256 hex of the canonical JSON), computed with
 * node:crypto: the shared pure-JS SHA-256 costs milliseconds per body, which would cap ingest far below 1 000/s.
 */
function revisionHash(body: EvaluationRevision): string {
  return createHash('sha256').update(canonicalJson(body), 'utf8').digest('hex');
}

function semanticProblem(item: PushItem, cardJson: string | null): string | null {
  const body: EvaluationRevision = item.body;
  if (revisionHash(body) !== item.hash) return 'The hash does not match the body (SHA-256 of its canonical JSON).';
  if (cardJson === null) {
    return `Scorecard ${body.scorecardId} version ${body.scorecardVersion} is not published on this server.`;
  }
  if (canonicalJson(body.scorecardDefinition) !== cardJson) {
    return `The scorecard carried in the evaluation differs from ${body.scorecardId} version ${body.scorecardVersion} as published.`;
  }
  const problems = verifyEvaluationRevision(body);
  return problems.length ? `Score check failed: ${problems.join(' ')}` : null;
}

async function storeOne(tx: Queryable, who: Principal, item: PushItem): Promise<PushResult> {
  const { id, revision, hash, body } = item;
  await tx.query(
    'INSERT INTO evaluation_owners (evaluation_id, inspector_id) VALUES ($1, $2) ON CONFLICT (evaluation_id) DO NOTHING',
    [id, who.inspectorId],
  );
  const inserted = await tx.query(
    `INSERT INTO evaluation_revisions (evaluation_id, revision, inspector_id, hash, body_json, agent_no, scorecard_id,
                                      scorecard_version, total, sections_json, submitted_at)
     SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11
      WHERE EXISTS (SELECT 1 FROM evaluation_owners WHERE evaluation_id = $1 AND inspector_id = $3)
     ON CONFLICT (evaluation_id, revision) DO NOTHING
     RETURNING revision`,
    [
      id,
      revision,
      who.inspectorId,
      hash,
      canonicalJson(body),
      body.agentNo,
      body.scorecardId,
      body.scorecardVersion,
      body.total,
      JSON.stringify(body.sections),
      body.submittedAt,
    ],
  );
  if (inserted.length === 1) return { id, revision, status: 'stored' };
  const [existing] = await tx.query<{ owner: string; hash: string | null }>(
    `SELECT o.inspector_id AS owner, r.hash
       FROM evaluation_owners o
       LEFT JOIN evaluation_revisions r ON r.evaluation_id = o.evaluation_id AND r.revision = $2
      WHERE o.evaluation_id = $1`,
    [id, revision],
  );
  if (!existing || existing.owner !== who.inspectorId) {
    return { id, revision, status: 'forbidden', reason: 'This evaluation belongs to another inspector.' };
  }
  if (existing.hash === hash) return { id, revision, status: 'duplicate' };
  return {
    id,
    revision,
    status: 'rejected',
    reason: `Revision ${revision} of this evaluation was already received with different content; revisions are never overwritten.`,
  };
}

export async function ingestPush(
  db: Db,
  cards: ScorecardCache,
  who: Principal,
  items: PushItem[],
): Promise<PushResult[]> {
  // A fixed lock order across concurrent batches avoids deadlocks between two devices' pushes.
  const ordered = items
    .map((item, index) => ({ item, index }))
    .sort((a, b) => (a.item.id === b.item.id ? a.item.revision - b.item.revision : a.item.id < b.item.id ? -1 : 1));
  const cardJson = new Map<string, string | null>();
  for (const { item } of ordered) {
    const key = `${item.body.scorecardId}@${item.body.scorecardVersion}`;
    if (!cardJson.has(key)) cardJson.set(key, await cards.get(item.body.scorecardId, item.body.scorecardVersion));
  }
  return db.transaction(async (tx) => {
    const results: PushResult[] = new Array(items.length);
    for (const { item, index } of ordered) {
      // The same revision twice in one batch needs no special case: the second insert conflicts like a repeat push.
      const problem = semanticProblem(item, cardJson.get(`${item.body.scorecardId}@${item.body.scorecardVersion}`)!);
      const result: PushResult = problem
        ? { id: item.id, revision: item.revision, status: 'rejected', reason: problem }
        : await storeOne(tx, who, item);
      if (result.status === 'rejected' || result.status === 'forbidden') {
        await tx.query(
          'INSERT INTO rejections (evaluation_id, revision, inspector_id, hash, status, reason) VALUES ($1, $2, $3, $4, $5, $6)',
          [item.id, item.revision, who.inspectorId, item.hash, result.status, result.reason],
        );
      }
      results[index] = result;
    }
    const counts = { stored: 0, duplicate: 0, rejected: 0, forbidden: 0 };
    for (const r of results) counts[r.status]++;
    await audit(
      tx,
      who.inspectorId,
      'push',
      { ...counts, items: results.map((r) => [r.id, r.revision, r.status]) },
      who.tokenId,
    );
    return results;
  });
}
