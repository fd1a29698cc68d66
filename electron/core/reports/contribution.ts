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
import { computeScore, itemEarnedX100 } from '../../../shared/scoring';

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
  /**
   * Final section scores by card position (0 after a critical fail that zeroed the evaluation or the section; they
   * add up to totalX100), MAX_SECTIONS long; null where the section dropped out or does not exist.
   */
  s: (number | null)[];
  /** The same before critical items (they add up to uncappedX100). */
  u: (number | null)[];
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

/** A deducted item (points lost, or a critical fail) with the root cause the inspector gave; '' when none. */
export interface CauseContribution {
  causeId: string;
  itemId: string;
  sectionId: string;
  lostX100: number;
}

export interface Contribution {
  fact: FactRow;
  items: ItemContribution[];
  causes: CauseContribution[];
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
  // Without a critical fail the body's section scores (computeScore's, checked by head office on push) are final
  // and before-critical alike. With one, the sections are recomputed from the answers: the body keeps only those
  // before a whole-evaluation critical item, and shared/scoring.ts is the one place that knows what a fail does to
  // each section. Critical fails are rare, so a pull of 250 000 pays for few (13 µs each).
  const score = body.criticalFailed ? computeScore(card.definition, body.answers) : null;
  const s: (number | null)[] = new Array<number | null>(MAX_SECTIONS).fill(null);
  const u: (number | null)[] = new Array<number | null>(MAX_SECTIONS).fill(null);
  card.sectionIds.forEach((id, i) => {
    if (score) {
      const section = score.sections[id];
      s[i] = section.finalScore === null ? null : hundredths(section.finalScore);
      u[i] = section.uncappedScore === null ? null : hundredths(section.uncappedScore);
    } else {
      const v = body.sections[id];
      s[i] = u[i] = v === null || v === undefined ? null : hundredths(v);
    }
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
    u,
    callId: call?.callId ?? null,
    channel: call?.channel ?? 'phone',
  };
  const items = itemsOf(body, card);
  return { fact, items, causes: causesOf(body, items), texts: textsOf(body, findings) };
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

/** The deducted items (points lost, or a critical fail) with their root cause, '' (未分类) where none was given. */
export function causesOf(body: EvaluationRevision | PulledRevision, items: ItemContribution[]): CauseContribution[] {
  const given = body.rootCauses ?? {};
  const causes: CauseContribution[] = [];
  for (const i of items) {
    if (i.nLost === 0 && i.criticalFail === 0) continue;
    const causeId = Object.prototype.hasOwnProperty.call(given, i.itemId) ? given[i.itemId] : '';
    causes.push({ causeId, itemId: i.itemId, sectionId: i.sectionId, lostX100: i.lostX100 });
  }
  return causes;
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
