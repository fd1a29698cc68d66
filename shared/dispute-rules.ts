/**
 * The dispute rules (shared/disputes.ts has the wire format): reduceDispute judges one step against a dispute, the
 * server with its own clock, the app without the clock checks; and what an outcome changes in the scores.
 */
import type { Answer, Answers } from './evaluation';
import type {
  DisputeHistoryEntry,
  DisputeItem,
  DisputePolicy,
  DisputeRefusalCode,
  DisputeState,
  DisputeStep,
  ItemVerdict,
} from './disputes';
import { callDay } from './report-math';
import { hundredths, type ScorecardDefinition, type ScorecardItem } from './scorecard';
import { isDeduction, itemEarnedX100 } from './scoring';
import type { UserRole } from './sync';

/** The evaluation a step is about, as the deciding side holds it. */
export interface DisputedEvaluation {
  id: string;
  /** Its latest revision. */
  revision: number;
  answers: Answers;
  card: ScorecardDefinition;
  scorecardId: string;
  scorecardVersion: number;
  agentNo: string | null;
  agentName: string | null;
  teamId: string | null;
  site: string | null;
  inspectorId: string;
  inspectorName: string;
  /** When head office received that revision (its clock): the dispute window starts there. */
  receivedAt: string;
}

export interface StepActor {
  userId: string;
  name: string;
  role: UserRole;
  teams: string[];
  site: string | null;
}

export interface StepContext {
  actor: StepActor;
  /** The time the step counts at: the server's clock (or the laptop's, with checkClock false). */
  at: string;
  /** Only the server decides deadlines and monthly counts; the app leaves them to it. */
  checkClock: boolean;
  policy: DisputePolicy;
  evaluation: DisputedEvaluation | null;
  /** Disputes already filed for this agent in the month of `at` (centre time zone). */
  filedThisMonth: number;
}

export type StepOutcome = { ok: true; state: DisputeState } | { ok: false; code: DisputeRefusalCode; reason: string };

const refuse = (code: DisputeRefusalCode, reason: string): StepOutcome => ({ ok: false, code, reason });

export function itemsOf(card: ScorecardDefinition): Map<string, ScorecardItem> {
  return new Map(card.sections.flatMap((s) => s.items.map((i) => [i.id, i] as const)));
}

/** Below full points: a points or choice item short of its maximum, a failed yes/no or critical item. N/A never. */
export function isBelowFull(item: ScorecardItem, answer: Answer | undefined): boolean {
  if (answer === undefined || answer === 'na') return false;
  if (item.kind === 'points') return typeof answer === 'number' && hundredths(answer) < hundredths(item.maxPoints);
  if (item.kind === 'choice') return isDeduction(item, answer);
  return answer === 'fail';
}

/** A choice item's option worth `points`, above the original's (a verdict can only raise an item). */
function raisedOption(item: ScorecardItem, original: Answer, points: number): string | undefined {
  const before = itemEarnedX100(item, original) ?? 0;
  return (item.options ?? []).find((o) => hundredths(o.points) === hundredths(points) && hundredths(o.points) > before)
    ?.id;
}

/** The option with the item's full points (a checked card always has one). */
const fullOption = (item: ScorecardItem) =>
  (item.options ?? []).find((o) => hundredths(o.points) === hundredths(item.maxPoints))?.id ?? 'na';

/** A valid raised score for a disputed points item: above the original, at most the maximum, on a step. */
function pointsProblem(item: ScorecardItem, original: Answer, value: number | null): boolean {
  if (item.kind === 'choice') return value !== null && raisedOption(item, original, value) === undefined;
  if (item.kind !== 'points') return value !== null;
  if (value === null) return false;
  const v = hundredths(value);
  if (Math.abs(value * 100 - v) > 1e-6 || v > hundredths(item.maxPoints)) return true;
  if (typeof original === 'number' && v <= hundredths(original)) return true;
  return v !== hundredths(item.maxPoints) && v % hundredths(item.step) !== 0;
}

export const addDays = (at: string, days: number) => new Date(Date.parse(at) + days * 86_400_000).toISOString();
/** The month an instant falls in, in the centre's time zone. */
export const centreMonth = (at: string) => callDay(null, at).slice(0, 7);

function entry(stepId: string, kind: DisputeHistoryEntry['kind'], ctx: StepContext, note: string | null) {
  const { actor } = ctx;
  return { stepId, kind, userId: actor.userId, userName: actor.name, role: actor.role, at: ctx.at, note };
}

function inLeadScope(actor: StepActor, teamId: string | null): boolean {
  return actor.role === 'lead' && teamId !== null && actor.teams.includes(teamId);
}

/** Checks verdicts (decide, arbitrate) on exactly `expected` items; null when sound. */
function verdictProblem(
  items: Record<string, ItemVerdict>,
  expected: DisputeItem[],
  card: Map<string, ScorecardItem>,
): StepOutcome | null {
  const ids = Object.keys(items).sort();
  if (
    ids.join() !==
    expected
      .map((i) => i.itemId)
      .sort()
      .join()
  ) {
    return refuse('items_mismatch', 'Decide on every disputed item, and only those.');
  }
  for (const d of expected) {
    const v = items[d.itemId];
    const item = card.get(d.itemId);
    if (!v.accept && !v.note.trim()) return refuse('note_required', `Say why item ${d.itemId} stays as scored.`);
    if (v.accept && item && pointsProblem(item, d.original, v.points)) {
      return refuse(
        'invalid_points',
        `Points for item ${d.itemId} must be above the score given and at most its maximum.`,
      );
    }
  }
  return null;
}

/**
 * The answer a verdict gives an item: the points given, else the proposed ones, else full marks (or pass); on a
 * choice item, the option worth those points, else the full option.
 */
function verdictAnswer(item: ScorecardItem | undefined, d: DisputeItem, v: ItemVerdict): Answer {
  if (!v.accept) return d.original;
  if (item?.kind === 'choice') {
    const points = v.points ?? d.proposedPoints;
    return (points !== null && raisedOption(item, d.original, points)) || fullOption(item);
  }
  if (!item || item.kind !== 'points') return 'pass';
  return v.points ?? d.proposedPoints ?? item.maxPoints;
}

/**
 * Applies one step to a dispute (null: none yet for this evaluation). The state returned is what the server stores;
 * a refusal says why with a code. Pure: the caller supplies the evaluation, the policy, the clock and the count.
 */
export function reduceDispute(state: DisputeState | null, step: DisputeStep, ctx: StepContext): StepOutcome {
  const { actor, evaluation: ev } = ctx;
  if (step.kind === 'acknowledge' || step.kind === 'file') {
    if (actor.role !== 'lead') return refuse('role_not_allowed', 'Only a team lead records a sign-off or a dispute.');
    if (!ev) return refuse('evaluation_unknown', 'Head office does not hold this evaluation.');
    if (!inLeadScope(actor, ev.teamId)) return refuse('not_in_scope', 'This evaluation is not of your teams.');
    if (state) return refuse('already_filed', 'This evaluation was already signed off or disputed.');
    if (step.revision < ev.revision) {
      return refuse('revision_superseded', `The inspector re-scored it (revision ${ev.revision}); read the new score.`);
    }
    if (step.revision > ev.revision) return refuse('evaluation_unknown', 'Head office holds an older revision.');
    const deadline = addDays(ev.receivedAt, ctx.policy.windowDays);
    const base: DisputeState = {
      id: step.id,
      evaluationId: ev.id,
      revision: ev.revision,
      agentNo: ev.agentNo,
      agentName: ev.agentName,
      teamId: ev.teamId,
      site: ev.site,
      inspectorId: ev.inspectorId,
      inspectorName: ev.inspectorName,
      scorecardId: ev.scorecardId,
      scorecardVersion: ev.scorecardVersion,
      status: 'acknowledged',
      filedBy: actor.userId,
      filedByName: actor.name,
      filedAt: ctx.at,
      deadline,
      decidedAt: null,
      escalationDeadline: null,
      escalatedAt: null,
      escalationReason: null,
      closedAt: null,
      items: [],
      history: [],
    };
    if (step.kind === 'acknowledge') {
      return { ok: true, state: { ...base, closedAt: ctx.at, history: [entry(step.id, 'acknowledge', ctx, null)] } };
    }
    const card = itemsOf(ev.card);
    const ids = Object.keys(step.items);
    if (ids.length === 0) return refuse('no_items', 'Pick at least one item to dispute.');
    const items: DisputeItem[] = [];
    for (const id of ids) {
      const item = card.get(id);
      const answer = ev.answers[id];
      if (!item || !isBelowFull(item, answer)) {
        return refuse('not_below_full', `Item ${id} got full points (or N/A): only items below full can be disputed.`);
      }
      const claim = step.items[id];
      if (pointsProblem(item, answer, claim.proposedPoints)) {
        return refuse(
          'invalid_points',
          `The proposed points for item ${id} must be above the score given and at most its maximum.`,
        );
      }
      items.push({
        itemId: id,
        reason: claim.reason,
        proposedPoints: claim.proposedPoints,
        original: answer as number | 'fail',
        decision: null,
        arbitration: null,
      });
    }
    if (ctx.checkClock && ctx.at > deadline) {
      return refuse('window_closed', `The dispute window closed at ${deadline} (head office's clock).`);
    }
    if (ctx.checkClock && ctx.filedThisMonth >= ctx.policy.monthlyLimit) {
      return refuse(
        'monthly_limit',
        `This agent already has ${ctx.filedThisMonth} disputes this month (limit ${ctx.policy.monthlyLimit}).`,
      );
    }
    return { ok: true, state: { ...base, status: 'open', items, history: [entry(step.id, 'file', ctx, null)] } };
  }

  if (!state || state.status === 'acknowledged') return refuse('dispute_unknown', 'There is no such dispute.');
  const card = ev ? itemsOf(ev.card) : new Map<string, ScorecardItem>();
  if (step.kind === 'decide') {
    if (actor.userId !== state.inspectorId)
      return refuse('role_not_allowed', 'Only the inspector who scored the call decides.');
    if (state.status !== 'open') return refuse('already_decided', 'This dispute was already decided.');
    const problem = verdictProblem(step.items, state.items, card);
    if (problem) return problem;
    const items = state.items.map((d) => ({
      ...d,
      decision: { ...step.items[d.itemId], points: verdictAnswer(card.get(d.itemId), d, step.items[d.itemId]) },
    }));
    const rejected = items.some((d) => !d.decision.accept);
    return {
      ok: true,
      state: {
        ...state,
        status: 'decided',
        items,
        decidedAt: ctx.at,
        escalationDeadline: rejected ? addDays(ctx.at, ctx.policy.windowDays) : null,
        closedAt: rejected ? null : ctx.at,
        history: [...state.history, entry(step.id, 'decide', ctx, null)],
      },
    };
  }
  if (step.kind === 'escalate') {
    if (!inLeadScope(actor, state.teamId))
      return refuse('role_not_allowed', 'Only a lead of the agent’s team escalates.');
    if (state.status === 'open') return refuse('not_decided', 'The inspector has not decided yet.');
    if (state.status !== 'decided') return refuse('already_escalated', 'This dispute was already escalated once.');
    if (!state.items.some((d) => d.decision && !d.decision.accept)) {
      return refuse('nothing_to_escalate', 'Every disputed item was accepted.');
    }
    if (ctx.checkClock && state.escalationDeadline && ctx.at > state.escalationDeadline) {
      return refuse('window_closed', `Escalation closed at ${state.escalationDeadline} (head office's clock).`);
    }
    return {
      ok: true,
      state: {
        ...state,
        status: 'escalated',
        escalatedAt: ctx.at,
        escalationReason: step.reason,
        history: [...state.history, entry(step.id, 'escalate', ctx, step.reason)],
      },
    };
  }
  // arbitrate
  if (actor.role !== 'head_office') return refuse('role_not_allowed', 'Only head office arbitrates.');
  if (state.status !== 'escalated') {
    return refuse(
      state.status === 'arbitrated' ? 'already_decided' : 'not_escalated',
      'This dispute is not waiting for head office.',
    );
  }
  const open = state.items.filter((d) => d.decision && !d.decision.accept);
  const problem = verdictProblem(step.items, open, card);
  if (problem) return problem;
  const items = state.items.map((d) => {
    const v = step.items[d.itemId];
    return v ? { ...d, arbitration: { ...v, points: verdictAnswer(card.get(d.itemId), d, v) } } : d;
  });
  return {
    ok: true,
    state: {
      ...state,
      status: 'arbitrated',
      items,
      closedAt: ctx.at,
      history: [...state.history, entry(step.id, 'arbitrate', ctx, null)],
    },
  };
}

/** The answer each item ends with so far: head office's, else the inspector's decision, else as scored. */
export function currentAnswers(state: DisputeState): Answers {
  return Object.fromEntries(
    state.items.map((d) => [d.itemId, d.arbitration?.points ?? d.decision?.points ?? d.original] as const),
  );
}

/** Items whose answer the dispute changed: what the owning app writes into a new revision. */
export function changedAnswers(state: DisputeState, answers: Answers): Answers {
  const out: Answers = {};
  for (const [id, value] of Object.entries(currentAnswers(state))) {
    if (value !== 'fail' && value !== answers[id]) out[id] = value;
  }
  return out;
}

/** Overturned: the final answer of an item differs from the one disputed (in the agent's favour). */
export function overturned(d: DisputeItem): boolean {
  const final = d.arbitration?.points ?? d.decision?.points ?? d.original;
  return final !== d.original;
}

/** No step can follow: signed off, arbitrated, every item accepted, or the escalation window passed (given `now`). */
export function isFinal(state: DisputeState, now: string | null): boolean {
  if (state.status === 'acknowledged' || state.status === 'arbitrated') return true;
  if (state.status !== 'decided') return false;
  if (state.closedAt) return true;
  return now !== null && state.escalationDeadline !== null && now > state.escalationDeadline;
}
