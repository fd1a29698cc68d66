/**
 * Calibration items built the way the app builds them (a session with optional references, scores as evaluation
 * revisions marked with the session), for server suites that need no desktop core.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { CalibrationPushItem, CalibrationSession } from '../../shared/calibration';
import { canonicalJson, type Answers } from '../../shared/evaluation';
import { makeItem } from './revisions';
import type { Card } from './sync-client';
import { randomAnswers } from './sync-client';

export const shaOf = (text: string) => createHash('sha256').update(text).digest('hex');

export function sessionItem(
  card: Card,
  inspectors: string[],
  options: { id?: string; name?: string; calls?: string[]; deadline?: string; references?: boolean } = {},
): Extract<CalibrationPushItem, { kind: 'session' }> {
  const calls = options.calls ?? [shaOf('call-1'), shaOf('call-2'), shaOf('call-3')];
  const session: CalibrationSession = {
    id: options.id ?? randomUUID(),
    name: options.name ?? '三月校准',
    scorecardId: card.id,
    scorecardVersion: card.version,
    deadline: options.deadline ?? new Date(Date.now() + 7 * 86_400_000).toISOString(),
    calls: calls.map((sha256, i) => ({
      sha256,
      callId: `C-${i + 1}`,
      reference:
        options.references && i === 0
          ? (() => {
              const ref = makeItem(card, () => 0.99, { call: { recordingSha256: sha256 } });
              return {
                evaluationId: ref.id,
                inspectorName: '专家',
                answers: ref.body.answers,
                itemComments: {},
                total: ref.body.total,
                sections: ref.body.sections,
              };
            })()
          : null,
    })),
    inspectors,
    createdAt: new Date().toISOString(),
  };
  return { kind: 'session', id: session.id, hash: shaOf(canonicalJson(session)), session };
}

export function scoreItem(
  card: Card,
  sessionId: string,
  sha256: string,
  random: () => number,
  options: { answers?: Answers; id?: string } = {},
): Extract<CalibrationPushItem, { kind: 'score' }> {
  const item = makeItem(card, random, {
    id: options.id,
    answers: options.answers ?? randomAnswers(card.definition, random),
    call: { recordingSha256: sha256 },
    mutate: (b) => ({ ...b, calibrationId: sessionId }),
  });
  return { kind: 'score', id: item.id, hash: item.hash, body: item.body };
}
