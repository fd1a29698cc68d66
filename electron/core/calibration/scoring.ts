/**
 * Scoring a call for a calibration session on the evaluate page (evaluations.open / saveDraft / submit with
 * calibrationId). The same page and card as any evaluation, but blind and apart: the draft and the score live in
 * calibration_evaluations, the score goes to head office through the calibration outbox, and nothing reaches the
 * call's own evaluation, the report store, the sampling plan or the agent's figures.
 */
import { randomUUID } from 'node:crypto';
import type {
  DraftView,
  EvaluateView,
  EvaluationDraftState,
  EvaluationSummary,
  RevisionView,
  SubmitResult,
} from '../../../shared/contracts/evaluations';
import { evaluationDraftStateSchema } from '../../../shared/contracts/evaluations';
import { evaluationRevisionHash, type EvaluationRevision } from '../../../shared/evaluation';
import { answerProblems } from '../../../shared/scoring';
import type { CoreContext } from '../context';
import { AppError } from '../errors';
import type { AnnotationRepository } from '../evaluations/annotations-repo';
import { CallContextReader } from '../evaluations/call-context';
import type { EvaluationRepository } from '../evaluations/repo';
import { buildRevisionOrRefuse, revisionNotes, submittedFields, type SubmissionFields } from '../evaluations/service';
import { ScorecardRepository } from '../scorecards/repo';
import type { CalibrationRepository, OwnEvaluationRow, SessionRow } from './repo';
import type { WorkRepository } from './work';

export class CalibrationScoring {
  private readonly cards: ScorecardRepository;
  private readonly calls: CallContextReader;

  constructor(
    private readonly ctx: CoreContext,
    private readonly repo: CalibrationRepository,
    private readonly evaluations: EvaluationRepository,
    private readonly annotations: AnnotationRepository,
    private readonly work: WorkRepository,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.cards = new ScorecardRepository(ctx.db);
    this.calls = new CallContextReader(ctx.db);
  }

  /** The session, the call's SHA-256 and the recording, once checked: invited, and the recording is one of its calls. */
  private target(recordingId: string, calibrationId: string) {
    const recording = this.evaluations.recording(recordingId);
    if (!recording) throw new AppError('not_found', `Recording ${recordingId} does not exist.`);
    const session = this.repo.session(calibrationId);
    if (!session) throw new AppError('not_found', `Calibration session ${calibrationId} is not in this app.`);
    const me = this.ctx.identity.get();
    if (!me || !session.record.inspectors.some((i) => i.id === me.userId)) {
      throw new AppError('forbidden', 'You are not invited to score this calibration session.');
    }
    const call = this.calls.forRecording(recordingId, recording.agentNo);
    const sha256 = call?.recordingSha256 ?? '';
    if (!session.record.calls.some((c) => c.sha256 === sha256)) {
      throw new AppError('invalid_input', 'This recording is not one of the session’s calls.');
    }
    return { session, recording, call, sha256, me };
  }

  private ensureOpen(session: SessionRow): void {
    if (session.record.closedAt !== null) {
      throw new AppError('conflict', 'The calibration session has closed; scores are no longer taken.');
    }
  }

  private summary(
    row: OwnEvaluationRow | undefined,
    session: SessionRow,
    recordingId: string,
  ): EvaluationSummary | null {
    if (!row) return null;
    const body = row.body_json ? (JSON.parse(row.body_json) as EvaluationRevision) : null;
    const recording = this.evaluations.recording(recordingId)!;
    return {
      id: row.id,
      recordingId,
      agentNo: recording.agentNo,
      agentName: recording.agentName,
      scorecardId: session.record.scorecardId,
      scorecardVersion: session.record.scorecardVersion,
      status: row.status,
      revision: body ? 1 : 0,
      total: body?.total ?? null,
      uncappedTotal: body?.uncappedTotal ?? null,
      criticalFailed: body?.criticalFailed ?? null,
      sections: body?.sections ?? {},
      callStartedAt: recording.startedAt,
      fileName: recording.fileName,
      category: recording.category,
      submittedAt: row.submitted_at,
      updatedAt: row.updated_at,
      hasDraft: row.draft_json !== null,
    };
  }

  private draftOf(row: OwnEvaluationRow | undefined): DraftView | null {
    if (!row?.draft_json || !row.draft_saved_at) return null;
    return {
      state: evaluationDraftStateSchema.parse(JSON.parse(row.draft_json)),
      savedAt: row.draft_saved_at,
      baseRevision: 0,
    };
  }

  open(recordingId: string, calibrationId: string): EvaluateView {
    const { session, recording, sha256 } = this.target(recordingId, calibrationId);
    const row = this.repo.own(calibrationId, sha256);
    const r = session.record;
    return {
      calibration: { id: r.id, name: r.name, deadline: r.deadline, closedAt: r.closedAt },
      recording,
      evaluation: this.summary(row, session, recordingId),
      scorecard: this.cards.get(r.scorecardId, r.scorecardVersion) ?? null,
      draft: this.draftOf(row),
      revisions: this.revisionOf(row),
    };
  }

  /** The submitted score as the page's one revision (what the locked form shows), with how its sending went. */
  private revisionOf(row: OwnEvaluationRow | undefined): RevisionView[] {
    if (!row?.body_json || !row.hash || !row.submitted_at) return [];
    const body = JSON.parse(row.body_json) as EvaluationRevision;
    const sent = this.repo.outboxStates(row.session_id).find((o) => o.kind === 'score' && o.itemId === row.id);
    return [
      {
        revision: 1,
        reason: null,
        submittedAt: row.submitted_at,
        total: body.total,
        hash: row.hash,
        syncStatus: sent?.status ?? 'sent',
        rejectedReason: sent?.status === 'rejected' ? (sent.reason ?? '') : null,
        body,
      },
    ];
  }

  getDraft(recordingId: string, calibrationId: string): DraftView | null {
    const { sha256 } = this.target(recordingId, calibrationId);
    return this.draftOf(this.repo.own(calibrationId, sha256));
  }

  saveDraft(recordingId: string, calibrationId: string, state: EvaluationDraftState) {
    const { session, sha256 } = this.target(recordingId, calibrationId);
    this.ensureOpen(session);
    const r = session.record;
    if (state.scorecardId !== r.scorecardId || state.scorecardVersion !== r.scorecardVersion) {
      throw new AppError('invalid_input', 'A calibration session is scored with its own scorecard version.');
    }
    const card = this.cards.definition(r.scorecardId, r.scorecardVersion);
    if (!card) throw new AppError('unavailable', 'The session’s scorecard is not in this app yet; sync first.');
    const problems = answerProblems(card.definition, state.answers);
    if (problems.length) throw new AppError('invalid_input', problems.join(' '));
    const existing = this.repo.own(calibrationId, sha256);
    if (existing?.status === 'submitted')
      throw new AppError('conflict', 'This call is already scored for the session.');
    const savedAt = this.now().toISOString();
    this.repo.saveDraft(existing?.id ?? randomUUID(), calibrationId, sha256, recordingId, state, savedAt);
    return { evaluationId: this.repo.own(calibrationId, sha256)!.id, savedAt };
  }

  discardDraft(recordingId: string, calibrationId: string): { deleted: boolean } {
    const { sha256 } = this.target(recordingId, calibrationId);
    const row = this.repo.own(calibrationId, sha256);
    return { deleted: row ? this.repo.discardDraft(row.id) : false };
  }

  submit(input: SubmissionFields & { recordingId: string; calibrationId: string }): SubmitResult {
    const { session, recording, call, sha256, me } = this.target(input.recordingId, input.calibrationId);
    this.ensureOpen(session);
    const r = session.record;
    const existing = this.repo.own(r.id, sha256);
    if (existing?.status === 'submitted')
      throw new AppError('conflict', 'This call is already scored for the session.');
    const card = this.cards.definition(r.scorecardId, r.scorecardVersion);
    if (!card) throw new AppError('unavailable', 'The session’s scorecard is not in this app yet; sync first.');
    const id = existing?.id ?? randomUUID();
    const work = this.work.forSubmit(input.recordingId, r.id);
    const body = buildRevisionOrRefuse({
      id,
      revision: 1,
      recordingId: input.recordingId,
      agentNo: recording.agentNo,
      scorecardId: r.scorecardId,
      scorecardVersion: r.scorecardVersion,
      scorecardDefinition: card.definition,
      ...submittedFields(input),
      reason: null,
      inspectorId: me.userId,
      submittedAt: this.now().toISOString(),
      calibrationId: r.id,
      ...(call ? { call } : {}),
      notes: revisionNotes(this.annotations, input.recordingId),
      ...(work ? { work } : {}),
    });
    this.repo.submit(
      { id, sessionId: r.id, sha256, recordingId: input.recordingId },
      body,
      evaluationRevisionHash(body),
      {
        id: me.userId,
        name: me.name,
      },
    );
    this.ctx.events.emit('evaluations.submitted', { evaluationId: id, revision: 1 });
    return { id, revision: 1, total: body.total, sections: body.sections };
  }
}
