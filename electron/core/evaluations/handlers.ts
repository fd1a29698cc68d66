import type { evaluationsContract } from '../../../shared/contracts/evaluations';
import type { CoreContext, HandlersFor } from '../context';
import { CalibrationRepository } from '../calibration/repo';
import { CalibrationScoring } from '../calibration/scoring';
import { ContactsRepository } from '../channels/repo';
import { WorkRepository } from '../calibration/work';
import { AppError } from '../errors';
import { SamplingRepository } from '../sampling/repo';
import { currentMonth, SamplingService } from '../sampling/service';
import { SamplingTargets } from '../sampling/targets';
import { ScorecardRepository } from '../scorecards/repo';
import { AnnotationRepository } from './annotations-repo';
import { EvaluationRepository } from './repo';
import { EvaluationService } from './service';

export function createEvaluationHandlers(ctx: CoreContext): HandlersFor<keyof typeof evaluationsContract> {
  const repo = new EvaluationRepository(ctx.db);
  const annotations = new AnnotationRepository(ctx.db);
  const contacts = new ContactsRepository(ctx.db);
  const service = new EvaluationService(ctx, new ScorecardRepository(ctx.db), repo, annotations);
  // With calibrationId, the page scores the call for a calibration session: stored apart (calibration/scoring.ts).
  const calibration = new CalibrationScoring(
    ctx,
    new CalibrationRepository(ctx.db),
    repo,
    annotations,
    new WorkRepository(ctx.db),
  );
  const localQuota = () => ctx.settings.get().monthlyQuotaPerAgent;
  const sampling = new SamplingService(
    new SamplingRepository(ctx.db),
    new SamplingTargets(ctx.db, localQuota),
    localQuota,
  );

  const mustGetAnnotation = (id: number) => {
    const a = annotations.get(id);
    if (!a) throw new AppError('not_found', `Annotation ${id} does not exist.`);
    return a;
  };

  return {
    'evaluations.open': ({ recordingId, scorecardId, calibrationId }) =>
      calibrationId ? calibration.open(recordingId, calibrationId) : service.open(recordingId, scorecardId),
    'evaluations.saveDraft': ({ recordingId, state, calibrationId }) =>
      calibrationId ? calibration.saveDraft(recordingId, calibrationId, state) : service.saveDraft(recordingId, state),
    'evaluations.getDraft': ({ recordingId, calibrationId }) =>
      calibrationId ? calibration.getDraft(recordingId, calibrationId) : service.getDraft(recordingId),
    'evaluations.discardDraft': ({ recordingId, calibrationId }) =>
      calibrationId ? calibration.discardDraft(recordingId, calibrationId) : service.discardDraft(recordingId),
    'evaluations.submit': ({ calibrationId, ...input }) =>
      calibrationId ? calibration.submit({ ...input, calibrationId }) : service.submit(input),
    'evaluations.revise': (input) => service.revise(input),
    'evaluations.list': (filter) => repo.list(filter),
    'evaluations.history': ({ evaluationId }) => {
      if (!repo.byId(evaluationId)) throw new AppError('not_found', `Evaluation ${evaluationId} does not exist.`);
      return repo.revisions(evaluationId);
    },
    'annotations.list': ({ recordingId }) => annotations.list(recordingId),
    'annotations.create': ({ recordingId, startMs, endMs, itemId, text, messageSeq }) => {
      if (!repo.recording(recordingId)) throw new AppError('not_found', `Recording ${recordingId} does not exist.`);
      if (messageSeq === undefined) {
        return annotations.create({ recordingId, startMs, endMs: endMs ?? null, itemId: itemId ?? null, text });
      }
      // A note on a chat message takes that message's time, so notes stay in the chat's order.
      const message = contacts.messages(recordingId).find((m) => m.seq === messageSeq);
      if (!message) throw new AppError('invalid_input', `The chat has no message ${messageSeq}.`);
      const at = message.atMs;
      return annotations.create({ recordingId, startMs: at, endMs: null, itemId: itemId ?? null, text, messageSeq });
    },
    'annotations.update': ({ id, ...patch }) => {
      const current = mustGetAnnotation(id);
      const next = {
        startMs: patch.startMs ?? current.startMs,
        endMs: patch.endMs === undefined ? current.endMs : patch.endMs,
        itemId: patch.itemId === undefined ? current.itemId : patch.itemId,
        text: patch.text ?? current.text,
      };
      if (next.endMs !== null && next.endMs < next.startMs) {
        throw new AppError('invalid_input', 'The end of a note cannot be before its start.');
      }
      return annotations.update(id, next) ?? mustGetAnnotation(id);
    },
    'annotations.delete': ({ id }) => ({ deleted: annotations.delete(id) }),
    'sampling.queue': ({ month }) => sampling.queue(month ?? currentMonth()),
    'sampling.redraw': ({ month, quotaPerAgent }) => sampling.redraw(month, quotaPerAgent),
  };
}
