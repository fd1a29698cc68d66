import { create } from 'zustand';
import type { EventPayload } from '../../../shared/api';
import type { ImportResult } from '../../../shared/recording';
import { call, onEvent } from '../../api';

export type ImportPhase = 'closed' | 'choose' | 'running' | 'done';

export interface ImportDraft {
  pathsText: string;
  manifest: string;
  agentChannel: 0 | 1;
}

interface ImportState {
  phase: ImportPhase;
  kind: 'import' | 'sample';
  draft: ImportDraft;
  jobId: string | null;
  progress: EventPayload<'job.progress'> | null;
  result: ImportResult | null;
  /** Why the whole import failed; the dialog words it by its code. */
  error: unknown;
  cancelling: boolean;
  /** Opens the dialog; dropped or picked paths are added to whatever is already listed. */
  open(paths?: string[]): void;
  close(): void;
  editDraft(patch: Partial<ImportDraft>): void;
  start(paths: string[]): Promise<void>;
  loadSample(): Promise<void>;
  cancel(): Promise<void>;
}

const emptyDraft: ImportDraft = { pathsText: '', manifest: '', agentChannel: 0 };

export const useImport = create<ImportState>((set, get) => {
  /** Runs one job: progress events for our jobId only, since another window may be importing too. */
  const run = async (kind: ImportState['kind'], work: (jobId: string) => Promise<ImportResult>) => {
    const jobId = crypto.randomUUID();
    set({ phase: 'running', kind, jobId, progress: null, result: null, error: null, cancelling: false });
    const off = onEvent('job.progress', (p) => {
      if (p.jobId === jobId) set({ progress: p });
    });
    try {
      const result = await work(jobId);
      set({ phase: 'done', result });
    } catch (e) {
      set({ phase: 'done', error: e ?? 'error' });
    } finally {
      off();
      set({ jobId: null, cancelling: false });
    }
  };

  return {
    phase: 'closed',
    kind: 'import',
    draft: emptyDraft,
    jobId: null,
    progress: null,
    result: null,
    error: null,
    cancelling: false,
    open: (paths = []) => {
      const { phase, draft } = get();
      if (phase === 'running') return set({ phase: 'running' });
      // "Import more" after a result keeps the last paths, so a re-import is one click.
      const kept = phase === 'closed' ? emptyDraft : draft;
      const pathsText = [kept.pathsText.trim(), ...paths].filter(Boolean).join('\n');
      set({ phase: 'choose', draft: { ...kept, pathsText }, result: null, error: null });
    },
    close: () => {
      // A running import keeps going; closing only hides it (the result is still shown when reopened).
      if (get().phase !== 'running') set({ phase: 'closed', result: null, error: null, progress: null });
    },
    editDraft: (patch) => set((s) => ({ draft: { ...s.draft, ...patch } })),
    start: (paths) => {
      const { manifest, agentChannel } = get().draft;
      return run('import', (jobId) =>
        call('recordings.import', {
          paths,
          ...(manifest.trim() ? { manifest: manifest.trim() } : {}),
          agentChannel,
          jobId,
        }),
      );
    },
    loadSample: () => run('sample', (jobId) => call('recordings.loadSample', { jobId })),
    cancel: async () => {
      const { jobId } = get();
      if (!jobId) return;
      set({ cancelling: true });
      await call('recordings.cancelImport', { jobId }).catch(() => undefined);
    },
  };
});
