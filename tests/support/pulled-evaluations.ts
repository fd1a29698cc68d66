/**
 * Evaluations as head office sends them down to a lead (shared/sync.ts evaluationChangeSchema): scored with the
 * real scoring code on the shipped card, with a realistic call context, notes and comments. Used to seed a lead's
 * app in tests and benchmarks without a server, and to build what a server would store.
 */
import { createHash, randomUUID } from 'node:crypto';
import { buildEvaluationRevision, type Answers, type EvaluationRevision } from '../../shared/evaluation';
import type { EvaluationChange } from '../../shared/sync';
import { seededRandom } from './fault-proxy';
import { defaultCard, randomAnswers, type Card } from './sync-client';

export interface PulledSpec {
  id?: string;
  revision?: number;
  agentNo: string;
  agentName?: string;
  /** Call day YYYY-MM-DD (the call starts at 10:00 local time that day). */
  day: string;
  teamId: string | null;
  teamName?: string | null;
  site: string | null;
  inspectorId: string;
  inspectorName?: string;
  category?: string | null;
  answers?: Answers;
  findings?: string[];
  itemComments?: Record<string, string>;
  comment?: string;
  suggestion?: string;
  recordingSha256?: string | null;
}

const categories = ['网站类', '邮箱类', '域名类', '服务类', '其他'];

/** A full revision body (card included), as the inspector's app would push it. */
export function revisionFor(
  spec: PulledSpec,
  card: Card = defaultCard(),
  random = seededRandom(1),
): EvaluationRevision {
  const revision = spec.revision ?? 1;
  const id = spec.id ?? randomUUID();
  return buildEvaluationRevision({
    id,
    revision,
    recordingId: `rec-${id}`,
    agentNo: spec.agentNo,
    scorecardId: card.id,
    scorecardVersion: card.version,
    scorecardDefinition: card.definition,
    answers: spec.answers ?? randomAnswers(card.definition, random),
    itemComments: spec.itemComments ?? {},
    comment: spec.comment ?? '',
    findings: spec.findings ?? [],
    suggestion: spec.suggestion ?? '',
    reason: revision > 1 ? '复核' : null,
    inspectorId: spec.inspectorId,
    submittedAt: `${spec.day}T06:00:00.000Z`,
    call: {
      recordingSha256: spec.recordingSha256 ?? createHash('sha256').update(id).digest('hex'),
      fileName: `${spec.agentNo}_${spec.day.replace(/-/g, '')}100000_${id.slice(0, 8)}.wav`,
      callId: `C-${id.slice(0, 8)}`,
      startedAt: `${spec.day}T10:00:00`,
      category: spec.category === undefined ? categories[Math.floor(random() * categories.length)] : spec.category,
      agentName: spec.agentName ?? `坐席${spec.agentNo}`,
      teamId: spec.teamId,
      teamName: spec.teamName ?? spec.teamId,
      site: spec.site,
      durationMs: 180_000 + Math.floor(random() * 600_000),
      talk: { talkOverCount: 1, agentTalkOverCount: 1, talkOverSeconds: 2.5, deadAirSeconds: 4, talkRatioAgent: 0.52 },
    },
    notes: [{ startMs: 12_000, endMs: null, itemId: null, text: '客户询问资费' }],
  });
}

export function hashOf(body: EvaluationRevision): string {
  // The same value as shared/evaluation.ts evaluationRevisionHash, with node:crypto (faster in bulk).
  return createHash('sha256').update(canonicalize(body)).digest('hex');
}

function canonicalize(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalize).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalize(v)}`).join(',')}}`;
}

/** The change a lead's pull carries for this revision. */
export function changeFor(body: EvaluationRevision, spec: PulledSpec): EvaluationChange {
  const { scorecardDefinition: _card, ...rest } = body;
  return {
    kind: 'evaluation',
    id: body.id,
    revision: body.revision,
    hash: hashOf(body),
    inspectorId: spec.inspectorId,
    inspectorName: spec.inspectorName ?? `质检员${spec.inspectorId}`,
    receivedAt: `${spec.day}T07:00:00.000Z`,
    teamId: spec.teamId,
    site: spec.site,
    body: rest,
  };
}

export function pulledChange(spec: PulledSpec, card?: Card, random?: () => number): EvaluationChange {
  return changeFor(revisionFor(spec, card, random), spec);
}
