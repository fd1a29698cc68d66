/**
 * Ingesting a push: each (evaluation, revision) is stored once. The inspector comes from the token; ownership is
 * part of the insert's own WHERE clause, so no read-then-write gap lets a foreign token slip a revision in.
 * The whole batch is one transaction of a few multi-row statements (one round trip per statement, not per item):
 * a crash mid-batch stores nothing of it and the client simply retries.
 */
import { createHash } from 'node:crypto';
import { canonicalJson, verifyEvaluationRevision, type EvaluationRevision } from '../shared/evaluation';
import type { PushItem, PushResult } from '../shared/sync';
import { audit, type Principal } from './auth';
import type { Db, Queryable } from './db';
import type { ScorecardCache } from './scorecards';
import { sameJson } from '../shared/sync-items';

/**
 * canonicalJson(body) for a body whose definition equals the published one (sameJson): the server already holds
 * that definition's canonical JSON, and the definition is most of the body. Same key order as canonicalJson.
 */
function canonicalBody(body: EvaluationRevision, cardJson: string): string {
  const entries = Object.entries(body)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const json = entries.map(
    ([k, v]) => `${JSON.stringify(k)}:${k === 'scorecardDefinition' ? cardJson : canonicalJson(v)}`,
  );
  return `{${json.join(',')}}`;
}

interface PublishedCard {
  /** Canonical JSON, as published. */
  json: string;
  value: unknown;
  /** Definitions in this request found equal to it. */
  matching: Set<unknown>;
}

interface Candidate {
  item: PushItem;
  index: number;
  /** Canonical JSON of the body: what is stored, and what the hash was checked against. */
  bodyJson: string;
}

/**
 * The hash is the same value as shared/evaluation.ts evaluationRevisionHash (SHA-256 hex of the canonical JSON),
 * computed with node:crypto: the shared pure-JS SHA-256 costs milliseconds per body.
 */
function semanticProblem(
  item: PushItem,
  bodyJson: string,
  published: PublishedCard | null,
  cardMatches: boolean,
): string | null {
  const body: EvaluationRevision = item.body;
  if (createHash('sha256').update(bodyJson, 'utf8').digest('hex') !== item.hash) {
    return 'The hash does not match the body (SHA-256 of its canonical JSON).';
  }
  if (published === null) {
    return `Scorecard ${body.scorecardId} version ${body.scorecardVersion} is not published on this server.`;
  }
  if (!cardMatches) {
    return `The scorecard carried in the evaluation differs from ${body.scorecardId} version ${body.scorecardVersion} as published.`;
  }
  const problems = verifyEvaluationRevision(body);
  return problems.length ? `Score check failed: ${problems.join(' ')}` : null;
}

const keyOf = (item: { id: string; revision: number }) => `${item.id}#${item.revision}`;

/** The outcome for an item that was not inserted, from who owns the evaluation and what that revision holds. */
function judge(item: PushItem, who: Principal, owner: string | null, storedHash: string | null): PushResult {
  const { id, revision } = item;
  if (owner !== who.inspectorId) {
    return { id, revision, status: 'forbidden', reason: 'This evaluation belongs to another inspector.' };
  }
  if (storedHash === item.hash) return { id, revision, status: 'duplicate' };
  return {
    id,
    revision,
    status: 'rejected',
    reason: `Revision ${revision} of this evaluation was already received with different content; revisions are never overwritten.`,
  };
}

interface Stored {
  /** Keys this batch inserted. */
  inserted: Set<string>;
  /** For every candidate key: the evaluation's owner and the hash that revision now holds. */
  state: Map<string, { owner: string | null; hash: string | null }>;
}

/** The SQL types of one evaluation_revisions row as store() passes it, in order. */
const valueTypes = ['text', 'int', 'text', 'text', 'text', 'text', 'int', 'numeric', 'text', 'timestamptz'];

/** Inserts what is new, and reads back what the server already held for the rest. */
async function store(tx: Queryable, who: Principal, candidates: Candidate[]): Promise<Stored> {
  const state = new Map<string, { owner: string | null; hash: string | null }>();
  const insertedKeys = new Set<string>();
  if (candidates.length === 0) return { inserted: insertedKeys, state };
  const ids = [...new Set(candidates.map((c) => c.item.id))];
  await tx.query(
    `INSERT INTO evaluation_owners (evaluation_id, inspector_id)
     SELECT id, $2 FROM unnest($1::text[]) AS u(id)
     ON CONFLICT (evaluation_id) DO NOTHING`,
    [ids, who.inspectorId],
  );
  // One parameter per value, not one array per column: the pg driver escapes every character of a text[] literal
  // and the server parses it back, which cost about 1 ms per 5 KB body; plain parameters go as they are (~6× faster).
  // At MAX_PUSH_ITEMS rows this stays far below PostgreSQL's 65 535-parameter limit.
  const params: unknown[] = [who.inspectorId];
  const valueRows = candidates.map((c) => {
    const b = c.item.body;
    const at = params.length;
    params.push(c.item.id, c.item.revision, c.item.hash, c.bodyJson, b.agentNo, b.scorecardId, b.scorecardVersion);
    params.push(b.total, JSON.stringify(b.sections), b.submittedAt);
    return `(${valueTypes.map((type, k) => `$${at + k + 1}::${type}`).join(', ')})`;
  });
  const inserted = await tx.query<{ evaluation_id: string; revision: number }>(
    `INSERT INTO evaluation_revisions (evaluation_id, revision, inspector_id, hash, body_json, agent_no, scorecard_id,
                                      scorecard_version, total, sections_json, submitted_at)
     SELECT v.id, v.rev, $1, v.hash, v.body, v.agent, v.card, v.card_version, v.total, v.sections, v.at
       FROM (VALUES ${valueRows.join(',\n')}) AS v(id, rev, hash, body, agent, card, card_version, total, sections, at)
      WHERE EXISTS (SELECT 1 FROM evaluation_owners o WHERE o.evaluation_id = v.id AND o.inspector_id = $1)
     ON CONFLICT (evaluation_id, revision) DO NOTHING
     RETURNING evaluation_id, revision`,
    params,
  );
  const byKey = new Map(candidates.map((c) => [keyOf(c.item), c]));
  for (const r of inserted) {
    const key = keyOf({ id: r.evaluation_id, revision: Number(r.revision) });
    state.set(key, { owner: who.inspectorId, hash: byKey.get(key)!.item.hash });
    insertedKeys.add(key);
  }
  const rest = candidates.filter((c) => !state.has(keyOf(c.item)));
  if (rest.length) {
    const rows = await tx.query<{ id: string; rev: number; owner: string | null; hash: string | null }>(
      `SELECT k.id, k.rev, o.inspector_id AS owner, r.hash
         FROM unnest($1::text[], $2::int[]) AS k(id, rev)
         LEFT JOIN evaluation_owners o ON o.evaluation_id = k.id
         LEFT JOIN evaluation_revisions r ON r.evaluation_id = k.id AND r.revision = k.rev`,
      [rest.map((c) => c.item.id), rest.map((c) => c.item.revision)],
    );
    for (const r of rows) state.set(keyOf({ id: r.id, revision: Number(r.rev) }), { owner: r.owner, hash: r.hash });
  }
  return { inserted: insertedKeys, state };
}

export async function ingestPush(
  db: Db,
  cards: ScorecardCache,
  who: Principal,
  items: PushItem[],
): Promise<PushResult[]> {
  const published = new Map<string, PublishedCard | null>();
  for (const { body } of items) {
    const key = `${body.scorecardId}@${body.scorecardVersion}`;
    if (!published.has(key)) {
      const json = await cards.get(body.scorecardId, body.scorecardVersion);
      published.set(key, json === null ? null : { json, value: JSON.parse(json), matching: new Set() });
    }
  }
  // The request parser hands every item with the same card the same object, so each is compared once.
  for (const { body } of items) {
    const card = published.get(`${body.scorecardId}@${body.scorecardVersion}`);
    if (card && !card.matching.has(body.scorecardDefinition) && sameJson(body.scorecardDefinition, card.value)) {
      card.matching.add(body.scorecardDefinition);
    }
  }
  const results: PushResult[] = new Array(items.length);
  // The first well-formed occurrence of each (id, revision) is inserted; a repeat inside the batch is then judged
  // like a repeat push, against what the first one left stored.
  const candidates: Candidate[] = [];
  const repeats: Candidate[] = [];
  const seen = new Set<string>();
  items.forEach((item, index) => {
    const card = published.get(`${item.body.scorecardId}@${item.body.scorecardVersion}`)!;
    const cardMatches = card !== null && card.matching.has(item.body.scorecardDefinition);
    const bodyJson = cardMatches ? canonicalBody(item.body, card!.json) : canonicalJson(item.body);
    const problem = semanticProblem(item, bodyJson, card, cardMatches);
    if (problem) results[index] = { id: item.id, revision: item.revision, status: 'rejected', reason: problem };
    else if (seen.has(keyOf(item))) repeats.push({ item, index, bodyJson });
    else {
      seen.add(keyOf(item));
      candidates.push({ item, index, bodyJson });
    }
  });
  // A fixed lock order across concurrent batches avoids deadlocks between two devices' pushes.
  candidates.sort((a, b) =>
    a.item.id === b.item.id ? a.item.revision - b.item.revision : a.item.id < b.item.id ? -1 : 1,
  );
  return db.transaction(async (tx) => {
    const { inserted, state } = await store(tx, who, candidates);
    for (const c of candidates) {
      const s = state.get(keyOf(c.item))!;
      results[c.index] = inserted.has(keyOf(c.item))
        ? { id: c.item.id, revision: c.item.revision, status: 'stored' }
        : judge(c.item, who, s.owner, s.hash);
    }
    for (const r of repeats) {
      const s = state.get(keyOf(r.item))!;
      results[r.index] = judge(r.item, who, s.owner, s.hash);
    }
    const refused = results
      .map((result, index) => ({ result, item: items[index] }))
      .filter(({ result }) => result.status === 'rejected' || result.status === 'forbidden');
    if (refused.length) {
      await tx.query(
        `INSERT INTO rejections (evaluation_id, revision, inspector_id, hash, status, reason)
         SELECT v.id, v.rev, $6, v.hash, v.status, v.reason
           FROM unnest($1::text[], $2::int[], $3::text[], $4::text[], $5::text[]) AS v(id, rev, hash, status, reason)`,
        [
          refused.map((r) => r.item.id),
          refused.map((r) => r.item.revision),
          refused.map((r) => r.item.hash),
          refused.map((r) => r.result.status),
          refused.map((r) => r.result.reason ?? ''),
          who.inspectorId,
        ],
      );
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
