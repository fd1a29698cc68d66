/**
 * What a card asks of a submission beyond a complete set of answers: comments on deductions and root causes
 * (原因分类). The core refuses a submission that breaks them and the server refuses a body that does, with the same
 * list, so the page can point at each item.
 */
import type { Answers, ItemComments, RootCauses } from './evaluation';
import type { ScorecardDefinition, ScorecardItem } from './scorecard';
import type { ScoreResult } from './scoring';

export type SubmissionProblemCode =
  /** The card (or the item) wants a comment on this deduction. */
  | 'comment_required'
  /** The card wants a root cause on every deduction. */
  | 'root_cause_required'
  /** The root cause is not on the card's list. */
  | 'unknown_root_cause'
  /** A root cause on an item that lost nothing: it explains nothing (a body the app would not have written). */
  | 'root_cause_without_deduction'
  /** An answer, comment or cause on an item a condition hides (a body the app would not have written). */
  | 'hidden_item_answered';

export interface SubmissionProblem {
  code: SubmissionProblemCode;
  itemId: string;
}

function itemsById(def: ScorecardDefinition): Map<string, ScorecardItem> {
  return new Map(def.sections.flatMap((s) => s.items.map((i) => [i.id, i] as const)));
}

/** Every rule the submission breaks, in card order for deductions. */
export function submissionProblems(
  def: ScorecardDefinition,
  result: ScoreResult,
  answers: Answers,
  itemComments: ItemComments,
  rootCauses: RootCauses,
): SubmissionProblem[] {
  const items = itemsById(def);
  const causes = new Set((def.rootCauses ?? []).map((c) => c.id));
  const deducted = new Set(result.deductions);
  const hidden = new Set(result.hidden);
  const problems: SubmissionProblem[] = [];
  for (const itemId of result.deductions) {
    const item = items.get(itemId);
    const wantsComment = def.requireCommentOnDeduction === true || item?.requireComment === true;
    if (wantsComment && !(itemComments[itemId] ?? '').trim()) problems.push({ code: 'comment_required', itemId });
    if (def.requireRootCause && !rootCauses[itemId]) problems.push({ code: 'root_cause_required', itemId });
  }
  for (const [itemId, cause] of Object.entries(rootCauses)) {
    if (!causes.has(cause)) problems.push({ code: 'unknown_root_cause', itemId });
    else if (!deducted.has(itemId) && !hidden.has(itemId)) {
      problems.push({ code: 'root_cause_without_deduction', itemId });
    }
  }
  for (const itemId of hidden) {
    if (itemId in answers || itemId in itemComments || itemId in rootCauses) {
      problems.push({ code: 'hidden_item_answered', itemId });
    }
  }
  return problems;
}

/**
 * The submission as the app writes it: answers, comments and causes of hidden items dropped (the inspector cannot
 * see them), and causes kept only on deductions (an item raised back to full keeps no stale cause).
 */
export function normaliseSubmission(
  result: ScoreResult,
  answers: Answers,
  itemComments: ItemComments,
  rootCauses: RootCauses,
): { answers: Answers; itemComments: ItemComments; rootCauses: RootCauses } {
  const hidden = new Set(result.hidden);
  const deducted = new Set(result.deductions);
  const shown = <T>(record: Record<string, T>, keep: (id: string) => boolean = () => true) =>
    Object.fromEntries(Object.entries(record).filter(([id]) => !hidden.has(id) && keep(id)));
  return {
    answers: shown(answers),
    itemComments: shown(itemComments),
    rootCauses: shown(rootCauses, (id) => deducted.has(id)),
  };
}
