/**
 * Protocol-2 push items built the way the app builds them (shared/evaluation.ts buildEvaluationRevision) with the
 * call's context and notes, for server suites that need no desktop core. The hash is evaluationRevisionHash's value
 * through node:crypto (the shared pure-JS SHA-256 is slow for thousands of bodies).
 */
import { createHash, randomUUID } from 'node:crypto';
import {
  buildEvaluationRevision,
  canonicalJson,
  type Answers,
  type CallContext,
  type EvaluationRevision,
  type RevisionNote,
} from '../../shared/evaluation';
import type { PushItem } from '../../shared/sync';
import type { Card } from './sync-client';
import { randomAnswers } from './sync-client';

export function callContext(overrides: Partial<CallContext> = {}): CallContext {
  return {
    recordingSha256: 'ab'.repeat(32),
    fileName: '20260305_093000_A001_13800000000.wav',
    callId: 'C-0001',
    startedAt: '2026-03-05T09:30:00',
    category: '投诉',
    agentName: '张伟',
    teamId: null,
    teamName: null,
    site: null,
    durationMs: 185_000,
    talk: { talkOverCount: 3, agentTalkOverCount: 2, talkOverSeconds: 4.5, deadAirSeconds: 12, talkRatioAgent: 0.55 },
    ...overrides,
  };
}

export const sampleNotes: RevisionNote[] = [
  { startMs: 12_000, endMs: 15_500, itemId: null, text: '客户情绪激动' },
  { startMs: 40_000, endMs: null, itemId: null, text: '未确认需求' },
];

export interface ItemOptions {
  id?: string;
  revision?: number;
  agentNo?: string | null;
  /** null: a body without call context (an app before protocol 2). */
  call?: Partial<CallContext> | null;
  answers?: Answers;
  inspectorId?: string | null;
  submittedAt?: string;
  comment?: string;
  mutate?: (b: EvaluationRevision) => EvaluationRevision;
}

export const hashOf = (body: EvaluationRevision) =>
  createHash('sha256').update(canonicalJson(body), 'utf8').digest('hex');

export function makeItem(card: Card, random: () => number, o: ItemOptions = {}): PushItem {
  const revision = o.revision ?? 1;
  const id = o.id ?? randomUUID();
  let body = buildEvaluationRevision({
    id,
    revision,
    recordingId: `rec-${id}`,
    agentNo: o.agentNo === undefined ? 'A001' : o.agentNo,
    scorecardId: card.id,
    scorecardVersion: card.version,
    scorecardDefinition: card.definition,
    answers: o.answers ?? randomAnswers(card.definition, random),
    itemComments: {},
    comment: o.comment ?? '',
    findings: random() < 0.3 ? ['抢话'] : [],
    suggestion: '',
    reason: revision === 1 ? null : '复核后调整评分',
    inspectorId: o.inspectorId ?? null,
    submittedAt: o.submittedAt ?? '2026-03-05T02:00:00.000Z',
    ...(o.call === null ? {} : { call: callContext(o.call), notes: sampleNotes }),
  });
  if (o.mutate) body = o.mutate(body);
  return { id, revision, hash: hashOf(body), body };
}
