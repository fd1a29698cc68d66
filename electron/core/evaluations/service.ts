import { randomUUID } from 'node:crypto';
import type {
  DraftView,
  EvaluateView,
  EvaluationDraftState,
  SubmitResult,
} from '../../../shared/contracts/evaluations';
import type { ScorecardVersionView } from '../../../shared/contracts/scorecards';
import {
  buildEvaluationRevision,
  evaluationRevisionHash,
  SubmissionRulesError,
  type Answers,
  type EvaluationRevision,
  type RootCauses,
} from '../../../shared/evaluation';
import { answerProblems, computeScore, ScoringError } from '../../../shared/scoring';
import { WorkRepository } from '../calibration/work';
import type { CoreContext } from '../context';
import { AppError } from '../errors';
import type { ScorecardRepository, StoredScorecard } from '../scorecards/repo';
import type { AnnotationRepository } from './annotations-repo';
import { CallContextReader } from './call-context';
import type { EvaluationRepository, EvaluationRow } from './repo';
import { toSummary } from './repo';

type Draftable = Omit<EvaluationRevision, 'total' | 'uncappedTotal' | 'criticalFailed' | 'sections'>;

export interface SubmissionFields {
  answers: Answers;
  itemComments?: Record<string, string>;
  rootCauses?: RootCauses;
  comment?: string;
  findings?: string[];
  suggestion?: string;
}

/** What a first submission carries of what the inspector entered (the rest default to empty). */
export function submittedFields(input: SubmissionFields) {
  return {
    answers: input.answers,
    itemComments: input.itemComments ?? {},
    rootCauses: input.rootCauses ?? {},
    comment: input.comment ?? '',
    findings: input.findings ?? [],
    suggestion: input.suggestion ?? '',
  };
}

/** The call's notes as a revision carries them. */
export function revisionNotes(annotations: AnnotationRepository, recordingId: string) {
  return annotations.list(recordingId).map((a) => ({
    startMs: a.startMs,
    endMs: a.endMs,
    itemId: a.itemId,
    text: a.text,
    // Only notes on chat messages carry it, so a call's revision body is what it was before chats.
    ...(a.messageSeq == null ? {} : { messageSeq: a.messageSeq }),
  }));
}

/**
 * buildEvaluationRevision, its refusals turned into errors the page can word: the card's rules on deductions travel
 * as reason `submission_rules` with one `{code, itemId}` per problem, so the page names each item in the user's
 * language and focuses the first.
 */
export function buildRevisionOrRefuse(body: Parameters<typeof buildEvaluationRevision>[0]): EvaluationRevision {
  try {
    return buildEvaluationRevision(body);
  } catch (error) {
    if (error instanceof ScoringError) {
      throw new AppError('invalid_input', `Cannot submit: ${error.problems.join(' ')}`);
    }
    if (error instanceof SubmissionRulesError) {
      throw new AppError(
        'invalid_input',
        `Cannot submit: ${error.message}`,
        'submission_rules',
        error.problems.map((p) => ({ code: p.code, itemId: p.itemId })),
      );
    }
    throw error;
  }
}

/** Drafts, submit and re-score. Every score stored comes from shared/scoring.ts via buildEvaluationRevision. */
export class EvaluationService {
  private readonly calls: CallContextReader;
  private readonly work: WorkRepository;

  constructor(
    private readonly ctx: CoreContext,
    private readonly cards: ScorecardRepository,
    private readonly repo: EvaluationRepository,
    private readonly annotations: AnnotationRepository,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.calls = new CallContextReader(ctx.db);
    this.work = new WorkRepository(ctx.db);
  }

  /**
   * What every revision carries besides the scores: the call as it is now, the notes on it, and who scored it
   * (this app's user at head office, once sync knows it), and the work so far (active time, audio played). Frozen
   * into the revision, so reports and head office see the call as it was when scored.
   */
  private context(
    recordingId: string,
    agentNo: string | null,
  ): Pick<Draftable, 'call' | 'notes' | 'inspectorId' | 'work'> {
    const call = this.calls.forRecording(recordingId, agentNo) ?? undefined;
    const notes = revisionNotes(this.annotations, recordingId);
    const work = this.work.forSubmit(recordingId, null);
    return { call, notes, inspectorId: this.ctx.identity.get()?.userId ?? null, ...(work ? { work } : {}) };
  }

  private recording(recordingId: string) {
    const recording = this.repo.recording(recordingId);
    if (!recording) throw new AppError('not_found', `Recording ${recordingId} does not exist.`);
    return recording;
  }

  private publishedCard(id: string, version: number): StoredScorecard {
    const card = this.cards.definition(id, version);
    if (!card) throw new AppError('not_found', `Scorecard ${id} v${version} does not exist.`);
    if (card.status !== 'published') {
      throw new AppError('invalid_input', `Scorecard ${id} v${version} is a draft; publish it before scoring with it.`);
    }
    return card;
  }

  /**
   * The card a new evaluation uses: the one asked for, else the newest published card of the contact's channel
   * (phone, chat, store), else the newest of any channel.
   */
  private defaultCard(scorecardId?: string, channel: string = 'phone'): ScorecardVersionView | null {
    if (scorecardId) {
      const card = this.cards.get(scorecardId);
      if (!card) throw new AppError('not_found', `No published scorecard ${scorecardId}.`);
      return card;
    }
    const published = this.cards.list().filter((c) => c.status === 'published');
    const newest = (list: ScorecardVersionView[]) =>
      list.reduce<ScorecardVersionView | null>(
        (best, c) => (!best || (c.publishedAt ?? '') > (best.publishedAt ?? '') ? c : best),
        null,
      );
    return newest(published.filter((c) => c.channel === channel)) ?? newest(published);
  }

  open(recordingId: string, scorecardId?: string): EvaluateView {
    const recording = this.recording(recordingId);
    const row = this.repo.byRecording(recordingId);
    const draft = row ? this.repo.draft(row.id) : null;
    let scorecard: ScorecardVersionView | null;
    if (row && row.status === 'submitted') scorecard = this.cards.get(row.scorecard_id, row.scorecard_version) ?? null;
    else if (scorecardId) scorecard = this.defaultCard(scorecardId);
    else if (draft) scorecard = this.cards.get(draft.state.scorecardId, draft.state.scorecardVersion) ?? null;
    else scorecard = this.defaultCard(undefined, recording.channel);
    return {
      recording,
      evaluation: row ? toSummary(row) : null,
      scorecard,
      draft,
      revisions: row ? this.repo.revisions(row.id) : [],
    };
  }

  saveDraft(recordingId: string, state: EvaluationDraftState): { evaluationId: string; savedAt: string } {
    const recording = this.recording(recordingId);
    const card = this.publishedCard(state.scorecardId, state.scorecardVersion);
    const problems = answerProblems(card.definition, state.answers);
    if (problems.length) throw new AppError('invalid_input', problems.join(' '));
    const savedAt = this.now().toISOString();
    return this.ctx.db.transaction(() => {
      let row = this.repo.byRecording(recordingId);
      if (
        row &&
        row.status === 'submitted' &&
        (row.scorecard_id !== card.id || row.scorecard_version !== card.version)
      ) {
        throw new AppError('conflict', 'A re-score uses the scorecard version of the submitted evaluation.');
      }
      if (!row) {
        this.repo.createDraftEvaluation(randomUUID(), recordingId, recording.agentNo, card.id, card.version);
        row = this.repo.byRecording(recordingId) as EvaluationRow;
      }
      this.repo.saveDraft(row, state, savedAt, card.id, card.version);
      return { evaluationId: row.id, savedAt };
    })();
  }

  getDraft(recordingId: string): DraftView | null {
    const row = this.repo.byRecording(recordingId);
    return row ? this.repo.draft(row.id) : null;
  }

  discardDraft(recordingId: string): { deleted: boolean } {
    const row = this.repo.byRecording(recordingId);
    return { deleted: row ? this.repo.discardDraft(row.id) : false };
  }

  private write(body: Draftable): SubmitResult {
    const revision = buildRevisionOrRefuse(body);
    const result = computeScore(revision.scorecardDefinition, revision.answers);
    this.ctx.db.transaction(() => {
      this.repo.writeRevision(revision, evaluationRevisionHash(revision), result);
      this.ctx.reports.putOwn(revision);
    })();
    return { id: revision.id, revision: revision.revision, total: revision.total, sections: revision.sections };
  }

  submit(
    input: SubmissionFields & { recordingId: string; scorecardId?: string; scorecardVersion?: number },
  ): SubmitResult {
    const recording = this.recording(input.recordingId);
    const result = this.ctx.db.transaction(() => {
      const existing = this.repo.byRecording(input.recordingId);
      if (existing?.status === 'submitted') {
        throw new AppError(
          'conflict',
          `Recording ${input.recordingId} is already evaluated (revision ${existing.revision}); re-score it with a reason.`,
        );
      }
      let cardId = input.scorecardId ?? existing?.scorecard_id;
      let version = input.scorecardVersion;
      if (!version && existing && existing.scorecard_id === cardId) version = existing.scorecard_version;
      if (!cardId || !version) {
        const card = this.defaultCard(cardId, recording.channel);
        if (!card) throw new AppError('not_found', 'No published scorecard to score with.');
        cardId = card.id;
        version = card.version;
      }
      const card = this.publishedCard(cardId, version);
      const id = existing?.id ?? randomUUID();
      if (!existing) this.repo.createDraftEvaluation(id, input.recordingId, recording.agentNo, card.id, card.version);
      return this.write({
        id,
        revision: 1,
        recordingId: input.recordingId,
        agentNo: recording.agentNo,
        scorecardId: card.id,
        scorecardVersion: card.version,
        scorecardDefinition: card.definition,
        ...submittedFields(input),
        reason: null,
        submittedAt: this.now().toISOString(),
        ...this.context(input.recordingId, recording.agentNo),
      });
    })();
    this.announce(result);
    return result;
  }

  /** After the commit, so a listener (the sync service) finds the outbox row. */
  private announce(result: SubmitResult): void {
    this.ctx.events.emit('evaluations.submitted', { evaluationId: result.id, revision: result.revision });
  }

  /** Revision n+1 of a submitted evaluation; fields left out are carried over from revision n. */
  revise(input: Partial<SubmissionFields> & { evaluationId: string; reason: string; answers: Answers }): SubmitResult {
    const result = this.ctx.db.transaction(() => {
      const row = this.repo.byId(input.evaluationId);
      if (!row) throw new AppError('not_found', `Evaluation ${input.evaluationId} does not exist.`);
      if (row.status !== 'submitted') {
        throw new AppError('conflict', 'Only a submitted evaluation can be re-scored; submit it first.');
      }
      const previous = this.repo.revisions(row.id).at(-1)?.body;
      if (!previous) throw new AppError('internal', `Evaluation ${row.id} has no stored revision.`);
      const card = this.publishedCard(row.scorecard_id, row.scorecard_version);
      return this.write({
        ...previous,
        revision: row.revision + 1,
        scorecardDefinition: card.definition,
        answers: input.answers,
        itemComments: input.itemComments ?? previous.itemComments,
        rootCauses: input.rootCauses ?? previous.rootCauses,
        comment: input.comment ?? previous.comment,
        findings: input.findings ?? previous.findings,
        suggestion: input.suggestion ?? previous.suggestion,
        reason: input.reason.trim(),
        submittedAt: this.now().toISOString(),
        ...this.context(previous.recordingId, previous.agentNo),
      });
    })();
    this.announce(result);
    return result;
  }
}
