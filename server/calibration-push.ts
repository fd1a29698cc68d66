/**
 * `POST /v1/calibration/push`: sessions from their creators, scores from the inspectors invited, early closes. Each
 * item is stored once by id (the same id again: a duplicate with the same hash, refused with another). Who may do
 * what comes from the token: only leads, sites and head office create; only an invited inspector scores, once per
 * call, before the session closes by head office's clock; only the creator (or head office) closes early.
 */
import { createHash } from 'node:crypto';
import {
  pushItemShapeProblem,
  referenceProblems,
  type CalibrationPushItem,
  type CalibrationPushResult,
  type CalibrationRefusal,
} from '../shared/calibration';
import { canonicalJson, verifyEvaluationRevision } from '../shared/evaluation';
import { hundredths, type ScorecardDefinition } from '../shared/scorecard';
import { sameJson } from '../shared/sync-items';
import { audit, type Principal } from './auth';
import {
  closeSession,
  existingScores,
  insertScore,
  insertSession,
  isInvited,
  knownUsers,
  lockSession,
} from './calibration-store';
import type { Db, Queryable } from './db';
import { bodyJsons } from './evaluations';
import type { ScorecardCache } from './scorecards';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

type Outcome = Omit<CalibrationPushResult, 'kind' | 'id'>;
const refuse = (code: CalibrationRefusal, reason: string): Outcome => ({ status: 'rejected', code, reason });
const stored: Outcome = { status: 'stored' };
const duplicate: Outcome = { status: 'duplicate' };

/** An id seen before: the same content from the same user is a duplicate, anything else a conflict. */
function againOrConflict(storedHash: string, storedBy: string, hash: string, who: Principal, what: string): Outcome {
  return storedHash === hash && storedBy === who.inspectorId
    ? duplicate
    : refuse('conflict', `A ${what} with this id was already received with other content.`);
}

interface Published {
  json: string;
  value: ScorecardDefinition;
}
type Cards = (id: string, version: number) => Published | null;

/**
 * The published cards the items name, read before the transaction: with PGlite (one connection) a read outside the
 * open transaction would wait for it for ever.
 */
async function loadCards(cards: ScorecardCache, items: CalibrationPushItem[]): Promise<Cards> {
  const known = new Map<string, Published | null>();
  for (const item of items) {
    const ref = item.kind === 'session' ? item.session : item.kind === 'score' ? item.body : null;
    if (!ref) continue;
    const key = `${ref.scorecardId}@${ref.scorecardVersion}`;
    if (known.has(key)) continue;
    const json = await cards.get(ref.scorecardId, ref.scorecardVersion);
    known.set(key, json === null ? null : { json, value: JSON.parse(json) as ScorecardDefinition });
  }
  return (id, version) => known.get(`${id}@${version}`) ?? null;
}

async function ingestSession(
  tx: Queryable,
  cards: Cards,
  who: Principal,
  item: Extract<CalibrationPushItem, { kind: 'session' }>,
): Promise<Outcome> {
  const s = item.session;
  if (who.role === 'inspector') return refuse('role', 'Only leads, sites and head office create calibration sessions.');
  const json = canonicalJson(s);
  if (sha256(json) !== item.hash) return refuse('hash_mismatch', 'The hash does not match the session.');
  const existing = await lockSession(tx, s.id);
  if (existing) return againOrConflict(existing.hash, existing.created_by, item.hash, who, 'session');
  const card = cards(s.scorecardId, s.scorecardVersion);
  if (!card) {
    return refuse(
      'card_not_published',
      `Scorecard ${s.scorecardId} version ${s.scorecardVersion} is not published on this server.`,
    );
  }
  for (const call of s.calls) {
    const problems = call.reference ? referenceProblems(card.value, call.reference) : [];
    if (problems.length) return refuse('reference_mismatch', `Reference of ${call.sha256}: ${problems.join(' ')}`);
  }
  const users = await knownUsers(tx, s.inspectors);
  const unknown = s.inspectors.filter((id) => !users.has(id));
  if (unknown.length) return refuse('unknown_inspector', `No such user at head office: ${unknown.join(', ')}.`);
  const [{ past }] = await tx.query<{ past: boolean }>('SELECT $1::timestamptz <= now() AS past', [s.deadline]);
  if (past) return refuse('deadline_passed', 'The deadline has already passed by head office’s clock.');
  await insertSession(tx, {
    id: s.id,
    name: s.name,
    createdBy: who.inspectorId,
    scorecardId: s.scorecardId,
    scorecardVersion: s.scorecardVersion,
    deadline: s.deadline,
    hash: item.hash,
    json,
    inspectors: s.inspectors,
  });
  return stored;
}

async function ingestScore(
  tx: Queryable,
  cards: Cards,
  who: Principal,
  item: Extract<CalibrationPushItem, { kind: 'score' }>,
): Promise<Outcome> {
  const body = item.body;
  const sessionId = body.calibrationId!;
  const sha = body.call!.recordingSha256!;
  if (body.inspectorId !== null && body.inspectorId !== who.inspectorId) {
    return refuse('invalid', 'The body names another inspector than the token it was sent with.');
  }
  const session = await lockSession(tx, sessionId);
  if (!session) return refuse('unknown_session', 'Head office has no such calibration session.');
  const previous = await existingScores(tx, item.id, sessionId, who.inspectorId, sha);
  const same = previous.find((p) => p.id === item.id);
  if (same) return againOrConflict(same.hash, same.inspector_id, item.hash, who, 'score');
  if (!(await isInvited(tx, sessionId, who.inspectorId))) {
    return refuse('not_invited', 'This inspector is not invited to the session.');
  }
  if (session.closed || session.due) return refuse('session_closed', 'The session closed before this score arrived.');
  if (previous.length) return refuse('already_scored', 'This inspector already scored this call in the session.');
  const calls = (JSON.parse(session.session_json) as { calls: { sha256: string }[] }).calls;
  if (!calls.some((c) => c.sha256 === sha)) return refuse('call_not_in_session', 'This call is not in the session.');
  if (body.scorecardId !== session.scorecard_id || body.scorecardVersion !== session.scorecard_version) {
    return refuse('card_differs', 'The session is scored with another scorecard version.');
  }
  const card = cards(body.scorecardId, body.scorecardVersion);
  if (!card || !sameJson(body.scorecardDefinition, card.value)) {
    return refuse('card_differs', 'The scorecard carried in the score differs from the one published.');
  }
  const { full, pulled } = bodyJsons(body, card.json);
  if (sha256(full) !== item.hash) return refuse('hash_mismatch', 'The hash does not match the body.');
  const problems = verifyEvaluationRevision(body);
  if (problems.length) return refuse('score_mismatch', `Score check failed: ${problems.join(' ')}`);
  await insertScore(tx, {
    id: item.id,
    sessionId,
    inspectorId: who.inspectorId,
    sha256: sha,
    hash: item.hash,
    bodyJson: pulled,
    totalX100: hundredths(body.total),
  });
  return stored;
}

async function ingestClose(tx: Queryable, who: Principal, id: string): Promise<Outcome> {
  const session = await lockSession(tx, id);
  if (!session) return refuse('unknown_session', 'Head office has no such calibration session.');
  if (session.created_by !== who.inspectorId && who.role !== 'head_office') {
    return refuse('not_creator', 'Only the session’s creator or head office closes it.');
  }
  if (session.closed) return duplicate;
  await closeSession(tx, id);
  return stored;
}

const order: Record<CalibrationPushItem['kind'], number> = { session: 0, score: 1, close: 2 };

/** Sessions first, then scores, then closes, so one batch may hold a session and its close. */
export async function ingestCalibration(
  db: Db,
  cards: ScorecardCache,
  who: Principal,
  items: CalibrationPushItem[],
): Promise<CalibrationPushResult[]> {
  const results: CalibrationPushResult[] = new Array(items.length);
  const indexed = items.map((item, index) => ({ item, index })).sort((a, b) => order[a.item.kind] - order[b.item.kind]);
  const published = await loadCards(cards, items);
  return db.transaction(async (tx) => {
    for (const { item, index } of indexed) {
      const shape = pushItemShapeProblem(item);
      const outcome = shape
        ? refuse('invalid', shape)
        : item.kind === 'session'
          ? await ingestSession(tx, published, who, item)
          : item.kind === 'score'
            ? await ingestScore(tx, published, who, item)
            : await ingestClose(tx, who, item.id);
      results[index] = { kind: item.kind, id: item.id, ...outcome };
    }
    const counts: Record<string, number> = {};
    for (const r of results) counts[r.status] = (counts[r.status] ?? 0) + 1;
    await audit(
      tx,
      who.inspectorId,
      'calibration_push',
      { ...counts, items: results.map((r) => [r.kind, r.id, r.status, r.code ?? null]) },
      who.tokenId,
    );
    return results;
  });
}
