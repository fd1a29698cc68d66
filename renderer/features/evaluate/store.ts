import { create } from 'zustand';
import type { EvaluateView, EvaluationDraftState, SubmitResult } from '../../../shared/contracts/evaluations';
import type { Answer } from '../../../shared/evaluation';
import type { ScorecardDefinition } from '../../../shared/scorecard';
import { call } from '../../api';
import { flushWork } from '../calibration/WorkRecorder';

export type Mode = 'edit' | 'locked' | 'rescore';
export type SaveStatus = 'idle' | 'saving' | 'saved' | 'failed';

/** Saves follow the last change by this much, so every change is on disk well within a second. */
export const autosaveDelayMs = 300;

interface EvaluateState {
  recordingId: string | null;
  /** Set while the call is scored for a calibration session (stored apart, never re-scored). */
  calibrationId: string | null;
  loading: boolean;
  /** Why the evaluation could not be opened (the page words it from the code). */
  error: unknown;
  view: EvaluateView | null;
  def: ScorecardDefinition | null;
  form: EvaluationDraftState | null;
  mode: Mode;
  focus: number;
  /** The focus moved by keyboard: the item scrolls into view. A click never scrolls the form under the pointer. */
  revealFocus: boolean;
  save: { status: SaveStatus; savedAt?: string; error?: unknown };
  submitting: boolean;
  load(recordingId: string, calibrationId?: string | null): Promise<void>;
  update(patch: Partial<EvaluationDraftState>): void;
  setAnswer(itemId: string, answer: Answer | undefined): void;
  setFocus(index: number, by?: 'key' | 'pointer'): void;
  startRescore(): void;
  cancelRescore(): Promise<void>;
  flush(): Promise<void>;
  submit(): Promise<SubmitResult>;
}

function definitionOf(view: EvaluateView): ScorecardDefinition | null {
  const card = view.scorecard;
  if (!card) return null;
  return {
    name: card.name,
    channel: card.channel,
    description: card.description,
    sections: card.sections,
    requireCommentOnDeduction: card.requireCommentOnDeduction,
    rootCauses: card.rootCauses,
    requireRootCause: card.requireRootCause,
  };
}

function emptyForm(view: EvaluateView): EvaluationDraftState | null {
  if (!view.scorecard) return null;
  return {
    scorecardId: view.scorecard.id,
    scorecardVersion: view.scorecard.version,
    answers: {},
    itemComments: {},
    rootCauses: {},
    comment: '',
    findings: [],
    suggestion: '',
    reason: '',
    focusItemId: null,
  };
}

function fromLastRevision(view: EvaluateView): EvaluationDraftState | null {
  const last = view.revisions.at(-1)?.body;
  if (!last) return emptyForm(view);
  return {
    scorecardId: last.scorecardId,
    scorecardVersion: last.scorecardVersion,
    answers: last.answers,
    itemComments: last.itemComments,
    rootCauses: last.rootCauses ?? {},
    comment: last.comment,
    findings: last.findings,
    suggestion: last.suggestion,
    reason: '',
    focusItemId: null,
  };
}

const flatItems = (def: ScorecardDefinition | null) => def?.sections.flatMap((s) => s.items) ?? [];

/** The calibration a call is scored for, as the contract's optional field. */
const purpose = (calibrationId: string | null) => (calibrationId ? { calibrationId } : {});

// Autosave bookkeeping lives outside the React state: it is about timing, not about what is shown.
let timer: ReturnType<typeof setTimeout> | null = null;
let inFlight: Promise<void> | null = null;
let changeSeq = 0;
let savedSeq = 0;

export const useEvaluate = create<EvaluateState>((set, get) => {
  const saveNow = async (): Promise<void> => {
    if (timer) {
      clearTimeout(timer);
      timer = null;
    }
    if (inFlight) await inFlight;
    const { recordingId, form, mode, calibrationId } = get();
    if (!recordingId || !form || mode === 'locked' || savedSeq === changeSeq) return;
    const seq = changeSeq;
    set({ save: { ...get().save, status: 'saving' } });
    inFlight = call('evaluations.saveDraft', { recordingId, state: form, ...purpose(calibrationId) })
      .then((r) => {
        savedSeq = seq;
        if (get().recordingId === recordingId) {
          set({ save: { status: seq === changeSeq ? 'saved' : 'saving', savedAt: r.savedAt } });
        }
      })
      .catch((e: unknown) => {
        set({ save: { status: 'failed', error: e } });
      })
      .finally(() => {
        inFlight = null;
      });
    await inFlight;
    // Changes made while this save was on its way go out right after it.
    if (savedSeq !== changeSeq && get().save.status !== 'failed') schedule();
  };

  const schedule = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void saveNow(), autosaveDelayMs);
  };

  const changed = (form: EvaluationDraftState) => {
    changeSeq++;
    set({ form, save: { ...get().save, status: 'saving' } });
    schedule();
  };

  return {
    recordingId: null,
    calibrationId: null,
    loading: false,
    error: null,
    view: null,
    def: null,
    form: null,
    mode: 'edit',
    focus: 0,
    revealFocus: true,
    save: { status: 'idle' },
    submitting: false,

    load: async (recordingId, calibrationId = null) => {
      await get().flush();
      set({ recordingId, calibrationId, loading: true, error: null });
      try {
        const view = await call('evaluations.open', { recordingId, ...purpose(calibrationId) });
        const def = definitionOf(view);
        const submitted = view.evaluation?.status === 'submitted';
        const mode: Mode = submitted ? (view.draft ? 'rescore' : 'locked') : 'edit';
        const form = view.draft?.state ?? (submitted ? fromLastRevision(view) : emptyForm(view));
        const focusIndex = flatItems(def).findIndex((i) => i.id === form?.focusItemId);
        changeSeq = savedSeq = 0;
        set({
          view,
          def,
          form,
          mode,
          loading: false,
          focus: Math.max(0, focusIndex),
          save: view.draft ? { status: 'saved', savedAt: view.draft.savedAt } : { status: 'idle' },
        });
      } catch (e) {
        set({ loading: false, error: e ?? 'error', view: null });
      }
    },

    update: (patch) => {
      const { form, mode } = get();
      if (!form || mode === 'locked') return;
      changed({ ...form, ...patch });
    },

    setAnswer: (itemId, answer) => {
      const { form, mode } = get();
      if (!form || mode === 'locked') return;
      const answers = { ...form.answers };
      if (answer === undefined) delete answers[itemId];
      else answers[itemId] = answer;
      changed({ ...form, answers, focusItemId: itemId });
    },

    setFocus: (index, by = 'key') => {
      const items = flatItems(get().def);
      if (!items.length) return;
      const focus = Math.min(Math.max(index, 0), items.length - 1);
      const { form, mode } = get();
      if (focus !== get().focus || by === 'key') set({ focus, revealFocus: by === 'key' });
      // Where the inspector is counts as draft state too, so reopening continues at the same item.
      if (form && mode !== 'locked' && form.focusItemId !== items[focus].id) {
        changed({ ...form, focusItemId: items[focus].id });
      }
    },

    startRescore: () => {
      const { view, mode } = get();
      if (!view || mode !== 'locked') return;
      const form = fromLastRevision(view);
      if (!form) return;
      set({ mode: 'rescore' });
      changed(form);
    },

    cancelRescore: async () => {
      const { recordingId, calibrationId } = get();
      if (!recordingId) return;
      if (timer) clearTimeout(timer);
      timer = null;
      if (inFlight) await inFlight;
      await call('evaluations.discardDraft', { recordingId, ...purpose(calibrationId) });
      await get().load(recordingId, calibrationId);
    },

    flush: async () => {
      if (timer || inFlight) await saveNow();
    },

    submit: async () => {
      const { recordingId, form, mode, view, calibrationId } = get();
      if (!recordingId || !form || mode === 'locked') throw new Error('nothing to submit');
      // No autosave may land after the submit: it would bring the submitted evaluation's draft back.
      if (timer) clearTimeout(timer);
      timer = null;
      if (inFlight) await inFlight;
      set({ submitting: true });
      try {
        await flushWork(); // the time and listening up to now travel with this revision
        const fields = {
          answers: form.answers,
          itemComments: form.itemComments,
          rootCauses: form.rootCauses,
          comment: form.comment,
          findings: form.findings,
          suggestion: form.suggestion,
        };
        const result =
          mode === 'rescore' && view?.evaluation
            ? await call('evaluations.revise', { evaluationId: view.evaluation.id, reason: form.reason, ...fields })
            : await call('evaluations.submit', {
                recordingId,
                scorecardId: form.scorecardId,
                scorecardVersion: form.scorecardVersion,
                ...purpose(calibrationId),
                ...fields,
              });
        savedSeq = changeSeq;
        await get().load(recordingId, calibrationId);
        return result;
      } finally {
        set({ submitting: false });
        // A refused submit must not leave the latest changes unsaved.
        if (savedSeq !== changeSeq && get().mode !== 'locked') schedule();
      }
    },
  };
});

export { flatItems };
