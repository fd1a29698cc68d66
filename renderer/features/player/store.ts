import { create } from 'zustand';
import type { Annotation } from '../../../shared/contracts/evaluations';
import { call } from '../../api';

export interface NoteDraft {
  /** Set when editing an existing note. */
  id?: number;
  startMs: number;
  endMs: number | null;
  text: string;
  itemId: string | null;
}

interface NotesState {
  recordingId: string | null;
  notes: Annotation[];
  draft: NoteDraft | null;
  selected: number | null;
  saving: boolean;
  load(recordingId: string): Promise<void>;
  startDraft(startMs: number, endMs: number | null, itemId?: string | null): void;
  edit(note: Annotation): void;
  updateDraft(patch: Partial<NoteDraft>): void;
  cancelDraft(): void;
  /** Throws the core's error so the caller can show it; the draft stays open. */
  saveDraft(): Promise<void>;
  remove(id: number): Promise<void>;
  select(id: number | null): void;
}

const byTime = (a: Annotation, b: Annotation) => a.startMs - b.startMs || a.id - b.id;

/** The notes of the open recording (annotations.*, saved at once, so they survive a reload or a crash). */
export const useNotes = create<NotesState>((set, get) => ({
  recordingId: null,
  notes: [],
  draft: null,
  selected: null,
  saving: false,
  load: async (recordingId) => {
    set({ recordingId, notes: [], draft: null, selected: null });
    const notes = await call('annotations.list', { recordingId });
    if (get().recordingId === recordingId) set({ notes: [...notes].sort(byTime) });
  },
  startDraft: (startMs, endMs, itemId = null) =>
    set({
      draft: { startMs: Math.round(startMs), endMs: endMs === null ? null : Math.round(endMs), text: '', itemId },
    }),
  edit: (note) =>
    set({
      draft: { id: note.id, startMs: note.startMs, endMs: note.endMs, text: note.text, itemId: note.itemId },
      selected: note.id,
    }),
  updateDraft: (patch) => {
    const draft = get().draft;
    if (draft) set({ draft: { ...draft, ...patch } });
  },
  cancelDraft: () => set({ draft: null }),
  saveDraft: async () => {
    const { draft, recordingId } = get();
    if (!draft || !recordingId || !draft.text.trim()) return;
    set({ saving: true });
    try {
      const saved =
        draft.id === undefined
          ? await call('annotations.create', {
              recordingId,
              startMs: draft.startMs,
              endMs: draft.endMs,
              itemId: draft.itemId,
              text: draft.text,
            })
          : await call('annotations.update', {
              id: draft.id,
              startMs: draft.startMs,
              endMs: draft.endMs,
              itemId: draft.itemId,
              text: draft.text,
            });
      if (get().recordingId !== recordingId) return;
      const notes = [...get().notes.filter((n) => n.id !== saved.id), saved].sort(byTime);
      set({ notes, draft: null, selected: saved.id });
    } finally {
      set({ saving: false });
    }
  },
  remove: async (id) => {
    await call('annotations.delete', { id });
    set({ notes: get().notes.filter((n) => n.id !== id), selected: get().selected === id ? null : get().selected });
  },
  select: (id) => set({ selected: id }),
}));
