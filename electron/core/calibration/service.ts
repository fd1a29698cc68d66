/**
 * Calibration sessions in the app: creating one (it reaches head office with the next sync), the sessions this app
 * knows with their calls found in the library by SHA-256, closing early, and the results — shown to the creator and
 * head office, and to an inspector only once the session has closed (head office's clock) and after they scored.
 */
import { randomUUID } from 'node:crypto';
import {
  calibrationSessionSchema,
  referenceProblems,
  type CalibrationReference,
  type CalibrationSession,
} from '../../../shared/calibration';
import { calibrationResults, scoreInput } from '../../../shared/calibration-math';
import type {
  CalibrationCreateInput,
  CalibrationResultsView,
  CalibrationRole,
  CalibrationSessionView,
} from '../../../shared/contracts/calibration';
import { canonicalJson } from '../../../shared/evaluation';
import { sha256Hex } from '../../../shared/sha256';
import type { CoreContext } from '../context';
import { AppError } from '../errors';
import { EvaluationViews } from '../reports/evaluation-view';
import { ScorecardRepository } from '../scorecards/repo';
import type { CalibrationRepository, SessionRecord, SessionRow } from './repo';

/** A day means its end in the centre's time zone (China Standard Time); a time is kept as the instant it names. */
export function deadlineOf(input: string): string {
  const iso = /^\d{4}-\d{2}-\d{2}$/.test(input) ? `${input}T23:59:59+08:00` : input;
  return new Date(iso).toISOString();
}

export class CalibrationService {
  private readonly cards: ScorecardRepository;
  private readonly evaluations: EvaluationViews;
  /** Names from head office's inspector list, last asked (so a session created offline still shows them). */
  readonly names = new Map<string, string>();

  constructor(
    private readonly ctx: CoreContext,
    private readonly repo: CalibrationRepository,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.cards = new ScorecardRepository(ctx.db);
    this.evaluations = new EvaluationViews(ctx.db, ctx.reports, () => ctx.identity.get());
  }

  private me() {
    return this.ctx.identity.get();
  }

  /** The expert's evaluation as the session carries it; it must score the same card and one of the calls. */
  private reference(
    evaluationId: string,
    cardId: string,
    version: number,
  ): { sha256: string; ref: CalibrationReference } {
    const view = this.evaluations.view(evaluationId); // not_found when the app does not hold it
    const sha256 = view.call?.recordingSha256 ?? null;
    if (view.body.scorecardId !== cardId || view.body.scorecardVersion !== version) {
      throw new AppError('invalid_input', `Reference ${evaluationId} was scored with another scorecard version.`);
    }
    if (!sha256) throw new AppError('invalid_input', `Reference ${evaluationId} does not name its call's audio.`);
    return {
      sha256,
      ref: {
        evaluationId,
        inspectorName: view.inspectorName.slice(0, 200),
        answers: view.body.answers,
        itemComments: view.body.itemComments,
        total: view.body.total,
        sections: view.body.sections,
      },
    };
  }

  create(input: CalibrationCreateInput): { id: string } {
    const card = input.scorecardVersion
      ? this.cards.get(input.scorecardId, input.scorecardVersion)
      : this.cards.get(input.scorecardId);
    if (!card || card.status !== 'published') {
      throw new AppError(
        'not_found',
        `No published scorecard ${input.scorecardId}${input.scorecardVersion ? ` v${input.scorecardVersion}` : ''}.`,
      );
    }
    const shas = input.calls.map((c) => c.sha256);
    if (new Set(shas).size !== shas.length) throw new AppError('invalid_input', 'A call is listed twice.');
    if (new Set(input.inspectors).size !== input.inspectors.length) {
      throw new AppError('invalid_input', 'An inspector is listed twice.');
    }
    const references = new Map<string, CalibrationReference>();
    const refIds = [
      ...input.calls.flatMap((c) => (c.referenceEvaluationId ? [c.referenceEvaluationId] : [])),
      ...(input.referenceEvaluationId ? [input.referenceEvaluationId] : []),
    ];
    for (const id of refIds) {
      const { sha256, ref } = this.reference(id, card.id, card.version);
      if (!shas.includes(sha256)) throw new AppError('invalid_input', `Reference ${id} is not of one of the calls.`);
      references.set(sha256, ref);
    }
    const definition = this.cards.definition(card.id, card.version)!.definition;
    for (const ref of references.values()) {
      const problems = referenceProblems(definition, ref);
      if (problems.length) throw new AppError('invalid_input', `Reference ${ref.evaluationId}: ${problems.join(' ')}`);
    }
    const session: CalibrationSession = calibrationSessionSchema.parse({
      id: randomUUID(),
      name: input.name,
      scorecardId: card.id,
      scorecardVersion: card.version,
      deadline: deadlineOf(input.deadline),
      calls: input.calls.map((c) => ({
        sha256: c.sha256,
        callId: c.callId ?? null,
        reference: references.get(c.sha256) ?? null,
      })),
      inspectors: input.inspectors,
      createdAt: this.now().toISOString(),
    });
    const me = this.me();
    const known = this.knownNames();
    const record: SessionRecord = {
      id: session.id,
      name: session.name,
      createdBy: { id: me?.userId ?? '', name: me?.name ?? '' },
      scorecardId: session.scorecardId,
      scorecardVersion: session.scorecardVersion,
      deadline: session.deadline,
      closedAt: null,
      calls: session.calls,
      inspectors: session.inspectors.map((id) => ({ id, name: known.get(id) ?? '' })),
      receivedAt: null,
    };
    this.ctx.db.transaction(() => {
      this.repo.putSession(record, 'local');
      this.repo.enqueue(
        { kind: 'session', id: session.id, hash: sha256Hex(canonicalJson(session)), session },
        session.id,
      );
    })();
    this.announce(session.id);
    return { id: session.id };
  }

  /** Inspectors' names this app knows: head office's list last asked, then those of the evaluations it holds. */
  knownNames(): Map<string, string> {
    const names = new Map(
      (
        this.ctx.db
          .prepare('SELECT DISTINCT inspector_id AS id, inspector_name AS name FROM pulled_evaluations')
          .all() as { id: string; name: string }[]
      ).map((r) => [r.id, r.name]),
    );
    for (const [id, name] of this.names) names.set(id, name);
    return names;
  }

  /** Sync right away (the sync service listens for submits). */
  private announce(id: string): void {
    this.ctx.events.emit('evaluations.submitted', { evaluationId: id, revision: 1 });
  }

  list(): CalibrationSessionView[] {
    return this.repo.sessions().map((row) => this.view(row));
  }

  get(id: string): CalibrationSessionView {
    return this.view(this.mustGet(id));
  }

  mustGet(id: string): SessionRow {
    const row = this.repo.session(id);
    if (!row) throw new AppError('not_found', `Calibration session ${id} is not in this app.`);
    return row;
  }

  roleOf(row: SessionRow): CalibrationRole {
    const me = this.me()?.userId;
    if (row.source === 'local' || (me && row.record.createdBy.id === me)) return 'creator';
    if (me && row.record.inspectors.some((i) => i.id === me)) return 'inspector';
    return 'observer';
  }

  view(row: SessionRow): CalibrationSessionView {
    const r = row.record;
    const role = this.roleOf(row);
    const scores = this.repo.scores(r.id);
    const own = this.repo.ownOfSession(r.id);
    const outbox = this.repo.outboxStates(r.id);
    const sessionPush = outbox.find((o) => o.kind === 'session');
    const submitted = own.filter((o) => o.status === 'submitted');
    const results: CalibrationSessionView['results'] =
      role === 'inspector'
        ? r.closedAt === null
          ? 'not_closed'
          : submitted.length === 0
            ? 'not_scored'
            : 'available'
        : scores.length
          ? 'available'
          : 'no_scores';
    return {
      id: r.id,
      name: r.name,
      createdBy: r.createdBy,
      scorecardId: r.scorecardId,
      scorecardVersion: r.scorecardVersion,
      scorecardName: this.cards.get(r.scorecardId, r.scorecardVersion)?.name ?? null,
      deadline: r.deadline,
      closedAt: r.closedAt,
      role,
      sync:
        role !== 'creator'
          ? null
          : sessionPush
            ? { status: sessionPush.status, code: sessionPush.code, reason: sessionPush.reason }
            : { status: 'sent', code: null, reason: null },
      calls: r.calls.map((c) => {
        const recording = this.repo.recordingOf(c.sha256);
        const mine = own.find((o) => o.sha256 === c.sha256);
        return {
          sha256: c.sha256,
          callId: c.callId,
          recordingId: recording?.id ?? null,
          fileName: recording?.fileName ?? null,
          hasReference: c.reference !== null,
          mine: role === 'inspector' ? (mine?.status ?? 'todo') : null,
          scored: scores.filter((s) => s.sha256 === c.sha256).length,
        };
      }),
      inspectors: r.inspectors.map((i) => ({
        id: i.id,
        name: i.name || this.names.get(i.id) || '',
        scored: scores.filter((s) => s.inspectorId === i.id).length,
      })),
      mine:
        role === 'inspector'
          ? {
              submitted: submitted.length,
              pending: outbox.filter((o) => o.kind === 'score' && o.status === 'pending').length,
              rejected: outbox
                .filter((o) => o.kind === 'score' && o.status === 'rejected')
                .map((o) => ({ sha256: o.sha256 ?? '', code: o.code, reason: o.reason ?? '' })),
            }
          : null,
      results,
    };
  }

  results(id: string): CalibrationResultsView {
    const row = this.mustGet(id);
    const session = this.view(row);
    if (session.results === 'not_closed') {
      throw new AppError(
        'forbidden',
        'The results are shown once the session has closed: scoring is blind until then.',
      );
    }
    if (session.results === 'not_scored') {
      throw new AppError('forbidden', 'Only inspectors who scored in the session see its results.');
    }
    const stored = this.cards.definition(row.record.scorecardId, row.record.scorecardVersion);
    if (!stored) {
      throw new AppError(
        'unavailable',
        `Scorecard ${row.record.scorecardId} v${row.record.scorecardVersion} is not in this app yet; sync first.`,
      );
    }
    const names = new Map(row.record.inspectors.map((i) => [i.id, i.name]));
    const scores = this.repo
      .scores(id)
      .map((s) =>
        scoreInput({ id: s.inspectorId, name: s.inspectorName || names.get(s.inspectorId) || '' }, s.sha256, s.body),
      );
    return {
      session,
      card: stored.definition,
      ...calibrationResults(stored.definition, row.record.calls, scores),
    };
  }

  close(id: string): CalibrationSessionView {
    const row = this.mustGet(id);
    if (this.roleOf(row) !== 'creator' && this.me()?.role !== 'head_office') {
      throw new AppError('forbidden', 'Only the session’s creator or head office closes it.');
    }
    if (row.record.closedAt === null) {
      this.repo.enqueue({ kind: 'close', id }, id);
      this.announce(id);
    }
    return this.view(row);
  }

  resend(id: string): { requeued: number } {
    this.mustGet(id);
    const requeued = this.repo.requeue(id);
    if (requeued) this.announce(id);
    return { requeued };
  }
}
