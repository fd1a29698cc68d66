/**
 * A card with both kinds of critical item and root causes, and evaluations on it as head office sends them down:
 * what the report-mode tests (final vs before critical items, 原因分类) feed the report store.
 */
import type { Answers, EvaluationRevision } from '../../shared/evaluation';
import { scorecardDefinitionSchema, type ScorecardDefinitionInput } from '../../shared/scorecard';
import { computeScore } from '../../shared/scoring';
import type { EvaluationChange } from '../../shared/sync';
import type { Card } from './sync-client';
import { changeFor, revisionFor, type PulledSpec } from './pulled-evaluations';

/**
 * 开头语 5:   greet points 3 (halves, N/A allowed), bye yes/no 2
 * 服务态度 25: tone points 15, polite points 10, rude critical limited to this section
 * 标准用语 20: phrases points 20 (N/A allowed)
 * 业务处理 50: solve points 30, record points 20, leak critical (the whole evaluation)
 */
export const modesCardInput: ScorecardDefinitionInput = {
  name: '电话监控评分表（致命项）',
  channel: 'phone',
  rootCauses: [
    { id: 'skill', label: '业务不熟' },
    { id: 'attitude', label: '服务意识' },
    { id: 'process', label: '流程执行' },
  ],
  sections: [
    {
      id: 'opening',
      name: '开头语 / 结束语',
      points: 5,
      items: [
        { id: 'greet', name: '问候', kind: 'points', maxPoints: 3, step: 0.5, allowNa: true },
        { id: 'bye', name: '结束语', kind: 'yesno', maxPoints: 2 },
      ],
    },
    {
      id: 'attitude',
      name: '服务态度 / 沟通能力',
      points: 25,
      items: [
        { id: 'tone', name: '语气', kind: 'points', maxPoints: 15 },
        { id: 'polite', name: '礼貌用语', kind: 'points', maxPoints: 10 },
        { id: 'rude', name: '辱骂客户', kind: 'critical', maxPoints: 0, criticalScope: 'section' },
      ],
    },
    {
      id: 'phrasing',
      name: '标准服务用语',
      points: 20,
      items: [{ id: 'phrases', name: '标准用语', kind: 'points', maxPoints: 20, allowNa: true }],
    },
    {
      id: 'handling',
      name: '业务处理能力',
      points: 50,
      items: [
        { id: 'solve', name: '解决问题', kind: 'points', maxPoints: 30 },
        { id: 'record', name: '工单记录', kind: 'points', maxPoints: 20 },
        { id: 'leak', name: '泄露客户信息', kind: 'critical', maxPoints: 0 },
      ],
    },
  ],
};

export function modesCard(version = 1, input: ScorecardDefinitionInput = modesCardInput): Card {
  return { id: 'modes-card', version, definition: scorecardDefinitionSchema.parse(input) };
}

/** Random answers on the card: critical items fail at `criticalRate`; N/A only where `na` allows it. */
export function modesAnswers(random: () => number, criticalRate: number, na: boolean): Answers {
  const pick = (max: number, step = 1) => (Math.floor(random() * (max / step + 1)) * (step * 100)) / 100;
  return {
    greet: na && random() < 0.2 ? 'na' : pick(3, 0.5),
    bye: random() < 0.8 ? 'pass' : 'fail',
    tone: pick(15),
    polite: pick(10),
    rude: random() < criticalRate ? 'fail' : 'pass',
    phrases: na && random() < 0.2 ? 'na' : pick(20),
    solve: pick(30),
    record: pick(20),
    leak: random() < criticalRate ? 'fail' : 'pass',
  };
}

/** A revision on `card` with these answers and, for each deduction, the cause `causeOf` gives (undefined: none). */
export function modesRevision(
  spec: PulledSpec & { answers: Answers },
  card: Card,
  causeOf: (itemId: string) => string | undefined = () => undefined,
): EvaluationRevision {
  const body = revisionFor({ ...spec, category: spec.category ?? '服务类' }, card);
  const causes: Record<string, string> = {};
  for (const itemId of computeScore(card.definition, body.answers).deductions) {
    const cause = causeOf(itemId);
    if (cause !== undefined) causes[itemId] = cause;
  }
  return Object.keys(causes).length ? { ...body, rootCauses: causes } : body;
}

export function modesChange(
  spec: PulledSpec & { answers: Answers },
  card: Card,
  causeOf?: (itemId: string) => string | undefined,
): EvaluationChange {
  return changeFor(modesRevision(spec, card, causeOf), spec);
}
