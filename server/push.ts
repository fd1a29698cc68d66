/**
 * Ingesting a push: each (evaluation, revision) is stored once. The inspector comes from the token. Checks that
 * need only the item (hash, inspector, card, score) run first; then one transaction locks the evaluations' owner
 * rows and judges ownership, duplicates, gaps and the roster against what is committed, inserts what is new, and
 * makes it the latest revision with a new server version. A database error on one item's insert is retried item by
 * item, so it refuses that item alone and never the rest of the batch.
 */
import { createHash } from 'node:crypto';
import { verifyEvaluationRevision } from '../shared/evaluation';
import type { PushItem, PushResult, RejectionCode } from '../shared/sync';
import { sameJson } from '../shared/sync-items';
import { audit, type Principal } from './auth';
import type { Db, Queryable } from './db';
import { bodyJsons, revisionContext, storedChangeJson } from './evaluations';
import { scoreModeColumns } from './score-modes';
import {
  clearGaps,
  gapAges,
  insertRevisions,
  lockOwners,
  recordRefusals,
  rosterOf,
  storedHashes,
  upsertLatest,
  type LatestRow,
  type RevisionRow,
} from './push-store';
import type { ScorecardCache } from './scorecards';
import { hundredths } from '../shared/scorecard';

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
  /** Canonical JSON of the body without its card: what is stored. */
  pulledJson: string;
}

const keyOf = (item: { id: string; revision: number }) => `${item.id}#${item.revision}`;

const refuse = (item: PushItem, code: RejectionCode, reason: string): PushResult => ({
  id: item.id,
  revision: item.revision,
  status: code === 'not_owner' ? 'forbidden' : 'rejected',
  code,
  reason,
});

/** What is wrong with the item on its own (null: nothing), before the database is asked. */
function itemProblem(
  item: PushItem,
  fullJson: string,
  who: Principal,
  published: PublishedCard | null,
  cardMatches: boolean,
): PushResult | null {
  const body = item.body;
  // The same value as shared/evaluation.ts evaluationRevisionHash, through node:crypto (the shared pure-JS SHA-256
  // costs milliseconds per body).
  if (createHash('sha256').update(fullJson, 'utf8').digest('hex') !== item.hash) {
    return refuse(item, 'hash_mismatch', 'The hash does not match the body (SHA-256 of its canonical JSON).');
  }
  if (body.calibrationId !== undefined) {
    // Calibration scores never count for the agent: they go to /v1/calibration/push and their own tables.
    return refuse(item, 'invalid', 'A calibration score is pushed to /v1/calibration/push, not with evaluations.');
  }
  if (body.inspectorId !== null && body.inspectorId !== who.inspectorId) {
    return refuse(item, 'inspector_mismatch', 'The body names another inspector than the token it was sent with.');
  }
  if (published === null) {
    return refuse(
      item,
      'card_not_published',
      `Scorecard ${body.scorecardId} version ${body.scorecardVersion} is not published on this server.`,
    );
  }
  if (!cardMatches) {
    return refuse(
      item,
      'card_differs',
      `The scorecard carried in the evaluation differs from ${body.scorecardId} version ${body.scorecardVersion} as published.`,
    );
  }
  const problems = verifyEvaluationRevision(body);
  return problems.length ? refuse(item, 'score_mismatch', `Score check failed: ${problems.join(' ')}`) : null;
}

async function publishedCards(cards: ScorecardCache, items: PushItem[]): Promise<Map<string, PublishedCard | null>> {
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
  return published;
}

/** Inserts the accepted rows; if the batch insert fails, item by item, refusing only the ones that fail. */
async function insertEach(
  tx: Queryable,
  who: Principal,
  rows: RevisionRow[],
  onFailed: (row: RevisionRow, error: unknown) => void,
): Promise<RevisionRow[]> {
  await tx.query('SAVEPOINT push_batch');
  try {
    await insertRevisions(tx, who.inspectorId, rows);
    await tx.query('RELEASE SAVEPOINT push_batch');
    return rows;
  } catch {
    await tx.query('ROLLBACK TO SAVEPOINT push_batch');
  }
  const stored: RevisionRow[] = [];
  const failedIds = new Set<string>();
  for (const row of rows) {
    if (failedIds.has(row.id)) {
      onFailed(row, null); // its earlier revision was not stored
      continue;
    }
    await tx.query('SAVEPOINT push_item');
    try {
      await insertRevisions(tx, who.inspectorId, [row]);
      await tx.query('RELEASE SAVEPOINT push_item');
      stored.push(row);
    } catch (error) {
      await tx.query('ROLLBACK TO SAVEPOINT push_item');
      failedIds.add(row.id);
      onFailed(row, error);
    }
  }
  return stored;
}

/**
 * Thrown after a push committed what it could while some revision still waits for the one before it (within the
 * grace period): the app sends the batch again later, and what was stored then comes back as duplicates.
 */
export class RevisionsPending extends Error {
  constructor(readonly count: number) {
    super(
      `${count} revision(s) arrived before the revision they follow; the rest of the batch was stored. Send the batch again.`,
    );
  }
}

export interface IngestOptions {
  /**
   * How long (server clock) a revision whose predecessor has not arrived is answered "try again" before it is
   * refused as revision_gap. The app sends two batches at once and retries dropped ones, so n can overtake n−1.
   */
  gapGraceMs?: number;
  onStoreError?: (error: unknown, item: { id: string; revision: number }) => void;
}

export const defaultGapGraceMs = 10 * 60_000;

/**
 * Refusals a new revision answers (the inspector re-scores): not those head office fixes, after which the refused
 * revision itself is sent again, nor a gap, which is waiting for an earlier revision.
 */
const supersededBy = ['score_mismatch', 'hash_mismatch', 'card_differs', 'inspector_mismatch', 'invalid'];

/** `id#revision` of this inspector's revisions of these evaluations that were refused for good. */
async function finallyRefused(tx: Queryable, inspectorId: string, ids: string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const rows = await tx.query<{ evaluation_id: string; revision: number }>(
    `SELECT DISTINCT evaluation_id, revision FROM rejections
      WHERE inspector_id = $1 AND evaluation_id = ANY($2::text[]) AND code = ANY($3::text[])`,
    [inspectorId, ids, supersededBy],
  );
  return new Set(rows.map((r) => `${r.evaluation_id}#${Number(r.revision)}`));
}

/** Revision n follows what the server holds: its predecessor is stored, or every one between was refused. */
function follows(item: PushItem, stored: Map<string, string>, refused: Set<string>): boolean {
  for (let k = item.revision - 1; k >= 1; k--) {
    const key = keyOf({ id: item.id, revision: k });
    if (stored.has(key)) return true;
    if (!refused.has(key)) return false;
  }
  return true;
}

export async function ingestPush(
  db: Db,
  cards: ScorecardCache,
  who: Principal,
  items: PushItem[],
  options: IngestOptions = {},
): Promise<PushResult[]> {
  const gapGraceMs = options.gapGraceMs ?? defaultGapGraceMs;
  const log = options.onStoreError;
  const published = await publishedCards(cards, items);
  const results: PushResult[] = new Array(items.length);
  const candidates: Candidate[] = [];
  items.forEach((item, index) => {
    const card = published.get(`${item.body.scorecardId}@${item.body.scorecardVersion}`)!;
    const cardMatches = card !== null && card.matching.has(item.body.scorecardDefinition);
    const { full, pulled } = bodyJsons(item.body, cardMatches ? card.json : null);
    const problem = itemProblem(item, full, who, card, cardMatches);
    if (problem) results[index] = problem;
    else candidates.push({ item, index, pulledJson: pulled });
  });
  // Lower revisions first within an evaluation (so n−1 is judged before n), and a fixed lock order across batches.
  candidates.sort((a, b) =>
    a.item.id === b.item.id ? a.item.revision - b.item.revision : a.item.id < b.item.id ? -1 : 1,
  );
  const agentNos = [...new Set(candidates.map((c) => c.item.body.agentNo).filter((a): a is string => a !== null))];
  const roster = candidates.length ? await rosterOf(db, agentNos) : { loaded: false, agents: new Map() };
  const outcome = await db.transaction(async (tx) => {
    const ids = [...new Set(candidates.map((c) => c.item.id))];
    const refusedBefore = await finallyRefused(
      tx,
      who.inspectorId,
      candidates.filter((c) => c.item.revision > 1).map((c) => c.item.id),
    );
    // A revision whose every earlier revision was refused for good starts the evaluation here: re-scoring is how
    // the inspector answers a refusal only they can fix, and it must not wait for a revision that never comes.
    const startsHere = (item: PushItem) => item.revision === 1 || follows(item, new Map(), refusedBefore);
    const newIds = [...new Set(candidates.filter((c) => startsHere(c.item)).map((c) => c.item.id))];
    const owners = candidates.length ? await lockOwners(tx, who.inspectorId, newIds, ids) : new Map<string, string>();
    const mine = ids.filter((id) => owners.get(id) === who.inspectorId);
    const hashes = await storedHashes(tx, mine);
    const receivedAt = new Date().toISOString();
    const accepted: { candidate: Candidate; row: RevisionRow }[] = [];
    const gaps: Candidate[] = [];
    for (const c of candidates) {
      const { item } = c;
      const owner = owners.get(item.id);
      const stored = hashes.get(keyOf(item));
      if (owner !== undefined && owner !== who.inspectorId) {
        results[c.index] = refuse(item, 'not_owner', 'This evaluation belongs to another inspector.');
      } else if (stored !== undefined) {
        results[c.index] =
          stored === item.hash
            ? { id: item.id, revision: item.revision, status: 'duplicate' }
            : refuse(
                item,
                'revision_conflict',
                `Revision ${item.revision} of this evaluation was already received with different content; revisions are never overwritten.`,
              );
      } else if (owner === undefined || (item.revision > 1 && !follows(item, hashes, refusedBefore))) {
        gaps.push(c);
      } else if (roster.loaded && item.body.agentNo !== null && !roster.agents.has(item.body.agentNo)) {
        results[c.index] = refuse(
          item,
          'agent_not_in_roster',
          `Agent ${item.body.agentNo} is not in head office's roster.`,
        );
      } else {
        const body = item.body;
        hashes.set(keyOf(item), item.hash); // revision n+1 later in this batch may follow it
        accepted.push({
          candidate: c,
          row: {
            id: item.id,
            revision: item.revision,
            hash: item.hash,
            bodyJson: c.pulledJson,
            agentNo: body.agentNo,
            scorecardId: body.scorecardId,
            scorecardVersion: body.scorecardVersion,
            total: body.total,
            sectionsJson: JSON.stringify(body.sections),
            submittedAt: body.submittedAt,
            receivedAt,
            context: revisionContext(body, body.agentNo === null ? undefined : roster.agents.get(body.agentNo)),
          },
        });
      }
    }
    const ages = await gapAges(
      tx,
      who.inspectorId,
      gaps.map((g) => g.item),
    );
    let pending = 0;
    for (const { item, index } of gaps) {
      if ((ages.get(keyOf(item)) ?? 0) < gapGraceMs) {
        pending++;
        continue;
      }
      results[index] = refuse(
        item,
        'revision_gap',
        item.revision === 1 || !owners.has(item.id)
          ? `A new evaluation starts at revision 1, not ${item.revision}.`
          : `Revision ${item.revision - 1} of this evaluation has not been received; send the revisions in order.`,
      );
    }
    const byKey = new Map(accepted.map((a) => [keyOf(a.row), a.candidate]));
    const storedRows = await insertEach(
      tx,
      who,
      accepted.map((a) => a.row),
      (row, error) => {
        if (error) log?.(error, row);
        results[byKey.get(keyOf(row))!.index] = refuse(
          byKey.get(keyOf(row))!.item,
          error ? 'invalid' : 'revision_gap',
          error
            ? 'The server could not store this revision; the rest of the batch was stored.'
            : `Revision ${row.revision - 1} of this evaluation could not be stored.`,
        );
      },
    );
    const latest = new Map<string, LatestRow>();
    for (const row of storedRows) {
      const { item } = byKey.get(keyOf(row))!;
      results[byKey.get(keyOf(row))!.index] = { id: row.id, revision: row.revision, status: 'stored' };
      latest.set(row.id, {
        revision: row,
        inspectorId: who.inspectorId,
        criticalFailed: item.body.criticalFailed,
        totalX100: hundredths(item.body.total),
        ...scoreModeColumns(item.body),
        changeJson: storedChangeJson(item, { id: who.inspectorId, name: who.name }, receivedAt, row.bodyJson),
      });
    }
    await upsertLatest(tx, [...latest.values()]);
    await clearGaps(tx, storedRows);
    const refused = results
      .map((result, index) => ({ result, item: items[index] }))
      .filter(({ result }) => result && (result.status === 'rejected' || result.status === 'forbidden'));
    await recordRefusals(
      tx,
      who.inspectorId,
      refused.map(({ result, item }) => ({
        id: item.id,
        revision: item.revision,
        hash: item.hash,
        status: result.status,
        code: result.code ?? 'invalid',
        reason: result.reason ?? '',
      })),
    );
    const counts = { stored: 0, duplicate: 0, rejected: 0, forbidden: 0, pending };
    for (const r of results) if (r) counts[r.status]++;
    const outcomes = items.map((it, i) => [
      it.id,
      it.revision,
      results[i]?.status ?? 'pending',
      results[i]?.code ?? null,
    ]);
    await audit(tx, who.inspectorId, 'push', { ...counts, items: outcomes }, who.tokenId);
    return { results, pending };
  });
  if (outcome.pending) throw new RevisionsPending(outcome.pending);
  return outcome.results;
}
