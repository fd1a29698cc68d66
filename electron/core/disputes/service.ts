/**
 * Sign-off and disputes in this app. A step is checked with the shared rules (shared/disputes.ts reduceDispute,
 * without the clock checks only head office's clock decides), kept in the dispute outbox, and synced at once when
 * head office can be reached; a refusal, local or head office's, is an error whose `reason` is the refusal code.
 * What a user sees is head office's state with this app's pending steps applied on top.
 */
import { randomUUID } from 'node:crypto';
import type { DisputableItem, DisputeView, EvaluationFeedback } from '../../../shared/contracts/disputes';
import {
  type DisputeRefusalCode,
  type DisputeState,
  type DisputeStatus,
  type DisputeStep,
  type ItemVerdict,
} from '../../../shared/disputes';
import {
  addDays,
  isBelowFull,
  isFinal,
  itemsOf,
  reduceDispute,
  type DisputedEvaluation,
  type StepActor,
} from '../../../shared/dispute-rules';
import type { ErrorCode } from '../../../shared/errors';
import type { ScorecardDefinition } from '../../../shared/scorecard';
import type { CoreContext } from '../context';
import { AppError } from '../errors';
import type { EvaluationViews } from '../reports/evaluation-view';
import type { DisputeRepository, StepRow } from './repo';

const errorCodeOf: Partial<Record<DisputeRefusalCode, ErrorCode>> = {
  role_not_allowed: 'forbidden',
  not_in_scope: 'forbidden',
  evaluation_unknown: 'not_found',
  dispute_unknown: 'not_found',
  not_below_full: 'invalid_input',
  invalid_points: 'invalid_input',
  no_items: 'invalid_input',
  items_mismatch: 'invalid_input',
  note_required: 'invalid_input',
  invalid: 'invalid_input',
};

export function refusal(code: DisputeRefusalCode, message: string): AppError {
  return new AppError(errorCodeOf[code] ?? 'conflict', message, code);
}

const stepViews = (rows: StepRow[]): DisputeView['steps'] =>
  rows.map((s) => ({
    stepId: s.stepId,
    kind: s.kind,
    recordedAt: s.recordedAt,
    sync: s.status,
    code: s.code,
    reason: s.reason,
  }));

export interface SyncHook {
  /** Syncs now when sync is set up; resolves either way (the outcome is in the outbox). */
  trySync(): Promise<void>;
}

export class DisputeService {
  constructor(
    private readonly ctx: CoreContext,
    private readonly repo: DisputeRepository,
    private readonly views: EvaluationViews,
    private readonly sync: SyncHook,
    private readonly now: () => Date = () => new Date(),
  ) {}

  private actor(): StepActor {
    const me = this.ctx.identity.get();
    if (!me)
      throw refusal('role_not_allowed', 'Set up sync first: head office decides who may sign off, dispute or decide.');
    return { userId: me.userId, name: me.name, role: me.role, teams: me.teams.map((t) => t.id), site: me.site };
  }

  /** The evaluation as this app holds it (its own, or one head office sent down). */
  evaluation(id: string): DisputedEvaluation | null {
    let view;
    try {
      view = this.views.view(id);
    } catch {
      return null;
    }
    const filing = this.ctx.db
      .prepare<[string], { teamId: string | null; site: string | null }>(
        'SELECT team_id AS teamId, site FROM pulled_evaluations WHERE id = ?',
      )
      .get(id);
    return {
      id,
      revision: view.revision,
      answers: view.body.answers,
      card: view.scorecard,
      scorecardId: view.body.scorecardId,
      scorecardVersion: view.body.scorecardVersion,
      agentNo: view.body.agentNo,
      agentName: view.call?.agentName ?? null,
      teamId: filing ? filing.teamId : (view.call?.teamId ?? null),
      site: filing ? filing.site : (view.call?.site ?? null),
      inspectorId: view.inspectorId,
      inspectorName: view.inspectorName,
      receivedAt: view.receivedAt ?? view.body.submittedAt,
    };
  }

  /** Head office's state with this app's pending steps applied (those that no longer apply are left to be refused). */
  private effective(server: DisputeState | null, steps: StepRow[]): DisputeState | null {
    let state = server;
    const stored = new Set(server?.history.map((h) => h.stepId) ?? []);
    const pending = steps.filter((s) => s.status !== 'rejected' && !stored.has(s.stepId));
    if (!pending.length) return state;
    const actor = this.actor();
    for (const row of pending) {
      const outcome = reduceDispute(state, row.step, {
        actor,
        at: row.recordedAt,
        checkClock: false,
        policy: this.repo.policy(),
        evaluation: this.evaluation(row.evaluationId),
        filedThisMonth: 0,
      });
      if (outcome.ok) state = outcome.state;
    }
    return state;
  }

  private cardOf(state: DisputeState): ScorecardDefinition | null {
    const row = this.ctx.db
      .prepare<[string, number], { json: string }>(
        'SELECT definition_json AS json FROM scorecards WHERE id = ? AND version = ?',
      )
      .get(state.scorecardId, state.scorecardVersion);
    return row ? (JSON.parse(row.json) as ScorecardDefinition) : null;
  }

  private toView(server: DisputeState | null, steps: StepRow[]): DisputeView | null {
    const state = this.effective(server, steps);
    if (!state) return null;
    const items = itemsOf(this.cardOf(state) ?? { name: '', channel: 'phone', description: '', sections: [] });
    return {
      id: state.id,
      evaluationId: state.evaluationId,
      revision: state.revision,
      agentNo: state.agentNo,
      agentName: state.agentName,
      teamId: state.teamId,
      inspectorId: state.inspectorId,
      inspectorName: state.inspectorName,
      status: state.status,
      synced: server !== null,
      filedAt: server?.filedAt ?? null,
      deadline: server?.deadline ?? null,
      decidedAt: server?.decidedAt ?? null,
      escalationDeadline: server?.escalationDeadline ?? null,
      escalationReason: state.escalationReason,
      closedAt: server?.closedAt ?? null,
      final: server !== null && isFinal(state, null) && steps.every((s) => s.status === 'rejected'),
      items: state.items.map((d) => {
        const item = items.get(d.itemId);
        return { ...d, name: item?.name ?? d.itemId, maxPoints: item?.maxPoints ?? 0, kind: item?.kind ?? 'points' };
      }),
      history: server?.history ?? [],
      steps: stepViews(steps),
      appliedRevision: this.repo.appliedRevision(state.id),
    };
  }

  view(disputeId: string): DisputeView {
    const server = this.repo.get(disputeId);
    const view = this.toView(server, this.repo.stepsOf(disputeId));
    if (!view) throw refusal('dispute_unknown', `There is no dispute ${disputeId} here.`);
    return view;
  }

  /** Every dispute this app holds or has steps for; newest first. */
  list(filter: { status?: DisputeStatus; evaluationId?: string }): DisputeView[] {
    const steps = new Map<string, StepRow[]>();
    for (const s of this.repo.allSteps()) steps.set(s.disputeId, [...(steps.get(s.disputeId) ?? []), s]);
    const views: DisputeView[] = [];
    const seen = new Set<string>();
    for (const state of this.repo.all()) {
      seen.add(state.id);
      const v = this.toView(state, steps.get(state.id) ?? []);
      if (v) views.push(v);
    }
    for (const [id, rows] of steps) {
      if (seen.has(id)) continue;
      const v = this.toView(null, rows);
      // A filing refused by head office has no state: shown from its own step, with the refusal.
      views.push(v ?? this.refusedFiling(rows));
    }
    return views.filter(
      (v) =>
        (!filter.status || v.status === filter.status) &&
        (!filter.evaluationId || v.evaluationId === filter.evaluationId),
    );
  }

  private refusedFiling(rows: StepRow[]): DisputeView {
    const first = rows[0];
    const ev = this.evaluation(first.evaluationId);
    return {
      id: first.disputeId,
      evaluationId: first.evaluationId,
      revision: 'revision' in first.step ? first.step.revision : (ev?.revision ?? 1),
      agentNo: ev?.agentNo ?? null,
      agentName: ev?.agentName ?? null,
      teamId: ev?.teamId ?? null,
      inspectorId: ev?.inspectorId ?? null,
      inspectorName: ev?.inspectorName ?? null,
      status: first.kind === 'acknowledge' ? 'acknowledged' : 'open',
      synced: false,
      filedAt: null,
      deadline: null,
      decidedAt: null,
      escalationDeadline: null,
      escalationReason: null,
      closedAt: null,
      final: false,
      items: [],
      history: [],
      steps: stepViews(rows),
      appliedRevision: null,
    };
  }

  /** The current dispute of an evaluation: head office's, else a filing or sign-off still pending here. */
  private currentFor(evaluationId: string): { server: DisputeState | null; steps: StepRow[] } {
    const server = this.repo.forEvaluation(evaluationId);
    if (server) return { server, steps: this.repo.stepsOf(server.id) };
    const steps = this.repo.stepsOfEvaluation(evaluationId);
    const live = steps.filter((s) => s.status !== 'rejected');
    return { server: null, steps: live.length ? steps.filter((s) => s.disputeId === live[0].disputeId) : [] };
  }

  /** Checks a step against the dispute as this app sees it, records it, and syncs if it can. */
  private async record(step: DisputeStep, evaluationId: string, current: DisputeState | null): Promise<DisputeState> {
    const outcome = reduceDispute(current, step, {
      actor: this.actor(),
      at: this.now().toISOString(),
      checkClock: false,
      policy: this.repo.policy(),
      evaluation: this.evaluation(evaluationId),
      filedThisMonth: 0,
    });
    if (!outcome.ok) throw refusal(outcome.code, outcome.reason);
    this.repo.addStep(step, outcome.state.id, evaluationId);
    await this.sync.trySync();
    const row = this.repo.step(step.id);
    if (row?.status === 'rejected') {
      throw refusal(row.code ?? 'invalid', `Head office refused it: ${row.reason ?? row.code ?? ''}`);
    }
    return outcome.state;
  }

  private startState(evaluationId: string): DisputeState | null {
    const { server, steps } = this.currentFor(evaluationId);
    return this.effective(server, steps);
  }

  async acknowledge(evaluationId: string): Promise<DisputeView> {
    const ev = this.evaluation(evaluationId);
    if (!ev) throw refusal('evaluation_unknown', `Evaluation ${evaluationId} is not in this app.`);
    const step: DisputeStep = { id: randomUUID(), kind: 'acknowledge', evaluationId, revision: ev.revision };
    const state = await this.record(step, evaluationId, this.startState(evaluationId));
    return this.view(state.id);
  }

  async file(
    evaluationId: string,
    items: Record<string, { reason: string; proposedPoints?: number | null }>,
  ): Promise<{ id: string; status: DisputeStatus }> {
    const ev = this.evaluation(evaluationId);
    if (!ev) throw refusal('evaluation_unknown', `Evaluation ${evaluationId} is not in this app.`);
    const claims = Object.fromEntries(
      Object.entries(items).map(([id, c]) => [
        id,
        { reason: c.reason.trim(), proposedPoints: c.proposedPoints ?? null },
      ]),
    );
    const step: DisputeStep = { id: randomUUID(), kind: 'file', evaluationId, revision: ev.revision, items: claims };
    const state = await this.record(step, evaluationId, this.startState(evaluationId));
    return { id: state.id, status: this.view(state.id).status };
  }

  private disputeFor(disputeId: string): DisputeState {
    const state = this.effective(this.repo.get(disputeId), this.repo.stepsOf(disputeId));
    if (!state) throw refusal('dispute_unknown', `There is no dispute ${disputeId} here.`);
    return state;
  }

  private verdicts(items: Record<string, { accept: boolean; points?: number | null; note?: string }>) {
    return Object.fromEntries(
      Object.entries(items).map(([id, v]): [string, ItemVerdict] => [
        id,
        { accept: v.accept, points: v.points ?? null, note: (v.note ?? '').trim() },
      ]),
    );
  }

  async decide(
    disputeId: string,
    items: Record<string, { accept: boolean; points?: number | null; note?: string }>,
  ): Promise<{ status: DisputeStatus; revision?: number }> {
    const state = this.disputeFor(disputeId);
    const step: DisputeStep = { id: randomUUID(), kind: 'decide', disputeId, items: this.verdicts(items) };
    await this.record(step, state.evaluationId, state);
    const view = this.view(disputeId);
    return view.appliedRevision ? { status: view.status, revision: view.appliedRevision } : { status: view.status };
  }

  async escalate(disputeId: string, reason: string): Promise<DisputeView> {
    const state = this.disputeFor(disputeId);
    await this.record(
      { id: randomUUID(), kind: 'escalate', disputeId, reason: reason.trim() },
      state.evaluationId,
      state,
    );
    return this.view(disputeId);
  }

  async arbitrate(
    disputeId: string,
    items: Record<string, { accept: boolean; points?: number | null; note?: string }>,
  ): Promise<DisputeView> {
    const state = this.disputeFor(disputeId);
    const step: DisputeStep = { id: randomUUID(), kind: 'arbitrate', disputeId, items: this.verdicts(items) };
    await this.record(step, state.evaluationId, state);
    return this.view(disputeId);
  }

  /** What the read-only evaluation view offers: the dispute, or whether one may be filed and on which items. */
  forEvaluation(evaluationId: string): EvaluationFeedback {
    const ev = this.evaluation(evaluationId);
    if (!ev) throw refusal('evaluation_unknown', `Evaluation ${evaluationId} is not in this app.`);
    const { server, steps } = this.currentFor(evaluationId);
    const dispute = this.toView(server, steps);
    const policy = this.repo.policy();
    const disputable: DisputableItem[] = ev.card.sections.flatMap((section) =>
      section.items
        .filter((item) => isBelowFull(item, ev.answers[item.id]))
        .map((item) => ({
          itemId: item.id,
          name: item.name,
          sectionName: section.name,
          kind: item.kind,
          answer: ev.answers[item.id],
          maxPoints: item.maxPoints,
          step: item.step,
        })),
    );
    let cannotFile: DisputeRefusalCode | null = null;
    const me = this.ctx.identity.get();
    if (!me || me.role !== 'lead') cannotFile = 'role_not_allowed';
    else if (!ev.teamId || !me.teams.some((t) => t.id === ev.teamId)) cannotFile = 'not_in_scope';
    else if (dispute) cannotFile = 'already_filed';
    const pulled = this.views.view(evaluationId).source === 'pulled';
    return {
      evaluationId,
      dispute,
      policy,
      canFile: cannotFile === null,
      cannotFile,
      disputable,
      deadline: pulled ? addDays(ev.receivedAt, policy.windowDays) : null,
    };
  }
}
