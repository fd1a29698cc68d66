/**
 * What one evaluation adds to the reports: its fact row (one per evaluation, whoever scored it) and its per-item and
 * per-text counts. Pure: the same revision body gives the same contribution on every device, which is what lets the
 * store subtract exactly what it once added when a newer revision replaces it.
 */
import type { ContactChannel } from '../../../shared/channels';
import type { CallContext, EvaluationRevision, PulledRevision } from '../../../shared/evaluation';
import { callDay } from '../../../shared/report-math';
import {
  hundredths,
  MAX_SECTIONS,
  type ItemKind,
  type ScorecardDefinition,
  type ScorecardItem,
} from '../../../shared/scorecard';
import { itemEarnedX100 } from '../../../shared/scoring';

export interface CardInfo {
  key: number;
  id: string;
  version: number;
  definition: ScorecardDefinition;
  /** Section ids by position: position i is column s<i> / n<i>,t<i>. */
  sectionIds: string[];
  items: { id: string; sectionId: string; kind: ItemKind; maxX100: number; item: ScorecardItem }[];
}

export function cardInfo(key: number, id: string, version: number, definition: ScorecardDefinition): CardInfo {
  if (definition.sections.length > MAX_SECTIONS) {
    throw new Error(`Scorecard ${id} v${version} has more than ${MAX_SECTIONS} sections.`);
  }
  return {
    key,
    id,
    version,
    definition,
    sectionIds: definition.sections.map((s) => s.id),
    items: definition.sections.flatMap((s) =>
      s.items.map((i) => ({ id: i.id, sectionId: s.id, kind: i.kind, maxX100: hundredths(i.maxPoints), item: i })),
    ),
  };
}

export interface FactRow {
  day: string;
  evaluationId: string;
  month: string;
  source: 'own' | 'pulled';
  mine: 0 | 1;
  agentNo: string;
  agentName: string;
  teamId: string;
  teamName: string;
  site: string;
  inspectorId: string;
  category: string;
  cardKey: number;
  revision: number;
  totalX100: number;
  uncappedX100: number;
  criticalFailed: 0 | 1;
  /** Section scores by card position, MAX_SECTIONS long; null where the section dropped out or does not exist. */
  s: (number | null)[];
  /** The call's id as the recorder wrote it: call-backs (回访) find their evaluation by it. */
  callId: string | null;
  /** phone, chat or store (migration 016): the comparisons filter and split by it. */
  channel: ContactChannel;
}

export interface ItemContribution {
  itemId: string;
  sectionId: string;
  nLost: 0 | 1;
  lostX100: number;
  maxX100: number;
  criticalFail: 0 | 1;
}

export type TextKind = 'finding' | 'suggestion' | 'item_comment';

export interface Contribution {
  fact: FactRow;
  items: ItemContribution[];
  texts: { kind: TextKind; key: string; text: string }[];
}

export interface Who {
  source: 'own' | 'pulled';
  mine: boolean;
  inspectorId: string;
  inspectorName: string;
  /** Where head office filed the evaluation (its roster's team and site); the call's own otherwise. */
  teamId?: string | null;
  site?: string | null;
}

/**
 * The contribution of one revision; null when the evaluation cannot be reported (no agent).
 * `call` is the body's own context, or for revisions written before bodies carried one, the recording's.
 */
export function contributionOf(
  body: EvaluationRevision | PulledRevision,
  card: CardInfo,
  who: Who,
  call: CallContext | null,
): Contribution | null {
  if (!body.agentNo) return null;
  const day = callDay(call?.startedAt ?? null, body.submittedAt);
  const s: (number | null)[] = new Array<number | null>(MAX_SECTIONS).fill(null);
  card.sectionIds.forEach((id, i) => {
    const v = body.sections[id];
    s[i] = v === null || v === undefined ? null : hundredths(v);
  });
  const findings = uniqueFindings(body);
  const fact: FactRow = {
    day,
    evaluationId: body.id,
    month: day.slice(0, 7),
    source: who.source,
    mine: who.mine ? 1 : 0,
    agentNo: body.agentNo,
    agentName: call?.agentName ?? '',
    teamId: (who.teamId !== undefined ? who.teamId : call?.teamId) ?? '',
    teamName: call?.teamName ?? '',
    site: (who.site !== undefined ? who.site : call?.site) ?? '',
    inspectorId: who.inspectorId,
    category: call?.category ?? '',
    cardKey: card.key,
    revision: body.revision,
    totalX100: hundredths(body.total),
    uncappedX100: hundredths(body.uncappedTotal),
    criticalFailed: body.criticalFailed ? 1 : 0,
    s,
    callId: call?.callId ?? null,
    channel: call?.channel ?? 'phone',
  };
  return { fact, items: itemsOf(body, card), texts: textsOf(body, findings) };
}

/**
 * Points lost per answered item (critical items count fails instead); N/A, unanswered and hidden items (the app
 * writes no answer for those) do not count.
 */
export function itemsOf(body: EvaluationRevision | PulledRevision, card: CardInfo): ItemContribution[] {
  const items: ItemContribution[] = [];
  // Object literals only: spreading a shared base object here ran 50× slower (V8's clone path), at 23 items per
  // evaluation and 250 000 evaluations a pull.
  for (const item of card.items) {
    const answer = body.answers[item.id];
    if (answer === undefined || answer === 'na') continue;
    if (item.kind === 'critical') {
      const criticalFail = answer === 'fail' ? 1 : 0;
      items.push({
        itemId: item.id,
        sectionId: item.sectionId,
        nLost: 0,
        lostX100: 0,
        maxX100: item.maxX100,
        criticalFail,
      });
      continue;
    }
    const earned = typeof answer === 'number' ? hundredths(answer) : (itemEarnedX100(item.item, answer) as number);
    const lost = item.maxX100 - earned;
    items.push({
      itemId: item.id,
      sectionId: item.sectionId,
      nLost: lost > 0 ? 1 : 0,
      lostX100: lost,
      maxX100: item.maxX100,
      criticalFail: 0,
    });
  }
  return items;
}

/** Finding tags, the suggestion and item comments, trimmed; the overall comment stays with the fact. */
export function textsOf(
  body: EvaluationRevision | PulledRevision,
  findings = uniqueFindings(body),
): Contribution['texts'] {
  const texts: Contribution['texts'] = findings.map((text) => ({ kind: 'finding', key: '', text }));
  const suggestion = body.suggestion.trim();
  if (suggestion) texts.push({ kind: 'suggestion', key: '', text: suggestion });
  for (const [itemId, comment] of Object.entries(body.itemComments)) {
    const text = comment.trim();
    if (text) texts.push({ kind: 'item_comment', key: itemId, text });
  }
  return texts;
}

function uniqueFindings(body: EvaluationRevision | PulledRevision): string[] {
  return [...new Set(body.findings.map((f) => f.trim()).filter(Boolean))];
}
