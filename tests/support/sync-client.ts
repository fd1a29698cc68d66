/**
 * The desktop side of the sync tests: a real core (better-sqlite3, migrations, dispatcher) in a temp folder, and
 * submitted evaluations written the way submit writes them — revision, evaluation and outbox row in one transaction.
 */
import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { createCore, type Core } from '../../electron/core/core';
import type { SyncTimings } from '../../electron/core/sync/engine';
import { EvaluationRepository } from '../../electron/core/evaluations/repo';
import { ScorecardRepository } from '../../electron/core/scorecards/repo';
import { computeScore } from '../../shared/scoring';
import { insertRecording } from './recording-rows';
import { buildEvaluationRevision, canonicalJson, type Answers, type EvaluationRevision } from '../../shared/evaluation';
import { hundredths, scorecardFileSchema, type ScorecardDefinition } from '../../shared/scorecard';
import { repoRoot } from './cli';

export interface Card {
  id: string;
  version: number;
  definition: ScorecardDefinition;
}

export function defaultCard(): Card {
  const file = scorecardFileSchema.parse(
    JSON.parse(readFileSync(join(repoRoot, 'resources', 'scorecards', 'default-phone.json'), 'utf8')),
  );
  return { id: file.id, version: file.version ?? 1, definition: file.definition };
}

export const fastTimings: Partial<SyncTimings> = {
  pollMs: 50,
  backoff: { baseMs: 20, capMs: 200 },
  requestTimeoutMs: 10_000,
};

export function openClient(dataDir: string, timings: Partial<SyncTimings> = {}, background = false): Core {
  return createCore({ dataDir, transport: 'test', sync: { background, timings: { ...fastTimings, ...timings } } });
}

export function randomAnswers(def: ScorecardDefinition, random: () => number): Answers {
  const answers: Answers = {};
  for (const section of def.sections) {
    for (const item of section.items) {
      if (item.allowNa && random() < 0.1) answers[item.id] = 'na';
      else if (item.kind === 'critical') answers[item.id] = random() < 0.05 ? 'fail' : 'pass';
      else if (item.kind === 'yesno') answers[item.id] = random() < 0.8 ? 'pass' : 'fail';
      else {
        const steps = Math.floor(hundredths(item.maxPoints) / hundredths(item.step));
        answers[item.id] = (Math.floor(random() * (steps + 1)) * hundredths(item.step)) / 100;
      }
    }
  }
  return answers;
}

export interface Submitted {
  id: string;
  revision: number;
  hash: string;
  body: EvaluationRevision;
}

/** Submits revision `revision` of evaluation `id` (creating recording and evaluation for revision 1). */
export function submitRevision(
  db: Database,
  card: Card,
  random: () => number,
  options: {
    id?: string;
    revision?: number;
    agentNo?: string;
    answers?: Answers;
    mutate?: (b: EvaluationRevision) => EvaluationRevision;
  } = {},
): Submitted {
  const id = options.id ?? randomUUID();
  const revision = options.revision ?? 1;
  const agentNo = options.agentNo ?? `A${String(Math.floor(random() * 20) + 1).padStart(3, '0')}`;
  const recordingId = `rec-${id}`;
  let body = buildEvaluationRevision({
    id,
    revision,
    recordingId,
    agentNo,
    scorecardId: card.id,
    scorecardVersion: card.version,
    scorecardDefinition: card.definition,
    answers: options.answers ?? randomAnswers(card.definition, random),
    itemComments: {},
    comment: revision === 1 ? '' : '复核后调整',
    findings: random() < 0.3 ? ['抢话'] : [],
    suggestion: '',
    reason: revision === 1 ? null : '复核后调整评分',
    inspectorId: null,
    submittedAt: new Date(Date.UTC(2025, 2, 1 + Math.floor(random() * 28), 9, 0, 0)).toISOString(),
  });
  if (options.mutate) body = options.mutate(body);
  // evaluationRevisionHash's value through node:crypto (the shared pure-JS SHA-256 is slow for thousands of bodies)
  const hash = createHash('sha256').update(canonicalJson(body), 'utf8').digest('hex');
  // Written the way submit writes it (revision, evaluation, answers, section scores and outbox row, one
  // transaction), through the repositories: a deliberately broken body is stored as it is.
  db.transaction(() => {
    new ScorecardRepository(db).insertPublished(card.id, card.version, card.definition, 'local');
    const evaluations = new EvaluationRepository(db);
    if (revision === 1) {
      insertRecording(db, { id: recordingId, agentNo, agentName: '', startedAt: null, callId: null, category: null });
      evaluations.createDraftEvaluation(id, recordingId, agentNo, card.id, card.version);
    }
    const scored = computeScore(card.definition, body.answers);
    evaluations.writeRevision(body, hash, scored);
  })();
  return { id, revision, hash, body };
}

/** Many first revisions in one transaction (one fsync instead of one per evaluation). */
export function submitMany(db: Database, card: Card, random: () => number, count: number): Submitted[] {
  return db.transaction(() => Array.from({ length: count }, () => submitRevision(db, card, random)))();
}

export function submittedRevisions(db: Database): { evaluation_id: string; revision: number; hash: string }[] {
  return db
    .prepare('SELECT evaluation_id, revision, hash FROM evaluation_revisions ORDER BY evaluation_id, revision')
    .all() as { evaluation_id: string; revision: number; hash: string }[];
}

export function outboxCount(db: Database): number {
  return (db.prepare("SELECT count(*) AS n FROM outbox WHERE status = 'pending'").get() as { n: number }).n;
}
