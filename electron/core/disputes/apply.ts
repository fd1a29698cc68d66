/**
 * The owner's app turns a dispute's outcome into a revision. Both the inspector's decision and head office's
 * arbitration change a score only once head office has stored them: the app that scored the call writes the
 * revision when a pull brings the decided (or arbitrated) dispute, through the normal re-score path, so the revision
 * reaches head office and every lead like any other. A decision that lost to another device's never changes a score.
 */
import { type DisputeState } from '../../../shared/disputes';
import { changedAnswers, itemsOf } from '../../../shared/dispute-rules';
import type { EvaluationRevision } from '../../../shared/evaluation';
import type { CoreContext } from '../context';
import type { EvaluationService } from '../evaluations/service';
import type { DisputeRepository } from './repo';

const reasons = { decided: '申诉成立', arbitrated: '申诉仲裁改判' } as const;

export class DisputeOutcomes {
  constructor(
    private readonly ctx: CoreContext,
    private readonly repo: DisputeRepository,
    private readonly evaluations: EvaluationService,
  ) {}

  private latest(evaluationId: string): EvaluationRevision | null {
    const row = this.ctx.db
      .prepare<[string], { json: string }>(
        `SELECT v.body_json AS json FROM evaluations e
           JOIN evaluation_revisions v ON v.evaluation_id = e.id AND v.revision = e.revision
          WHERE e.id = ? AND e.status = 'submitted'`,
      )
      .get(evaluationId);
    return row ? (JSON.parse(row.json) as EvaluationRevision) : null;
  }

  /** Writes the revision each decided or arbitrated dispute of this app's own evaluations still needs; returns how many. */
  applyAll(): number {
    let written = 0;
    for (const state of this.repo.all()) {
      if (state.status === 'decided' || state.status === 'arbitrated') written += this.apply(state, state.status);
    }
    return written;
  }

  private apply(state: DisputeState, stage: 'decided' | 'arbitrated'): number {
    if (this.repo.applied(state.id, stage)) return 0;
    const body = this.latest(state.evaluationId);
    if (!body) return 0; // not this app's evaluation
    return this.ctx.db.transaction(() => {
      const changed = changedAnswers(state, body.answers);
      const ids = Object.keys(changed);
      if (ids.length === 0) {
        this.repo.markApplied(state.id, stage, body.revision);
        return 0;
      }
      const items = itemsOf(body.scorecardDefinition);
      const names = ids.map((id) => items.get(id)?.name ?? id).join('、');
      const result = this.evaluations.revise({
        evaluationId: state.evaluationId,
        reason: `${reasons[stage]}：${names}`,
        answers: { ...body.answers, ...changed },
      });
      this.repo.markApplied(state.id, stage, result.revision);
      return 1;
    })();
  }
}
