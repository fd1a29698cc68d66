import { create } from 'zustand';
import type { SyncNowResult, SyncStatus } from '../../../shared/contracts/sync';
import type { ErrorCode } from '../../../shared/errors';
import { ApiCallError, call } from '../../api';

interface SyncState {
  status: SyncStatus | null;
  /** The code of the last failed call; the page words it from the catalogue. */
  error: ErrorCode | null;
  busy: boolean;
  refresh(): Promise<void>;
  configure(serverUrl: string, token: string): Promise<void>;
  syncNow(): Promise<SyncNowResult>;
  /** Refused revisions back into the queue (one evaluation's, or all), then a sync; the number requeued. */
  resend(evaluationId?: string): Promise<number>;
}

export const codeOf = (e: unknown): ErrorCode => (e instanceof ApiCallError ? e.code : 'internal');

/** Shared by the sync page and the status-bar indicator, so both always show the same state. */
export const useSync = create<SyncState>((set, get) => ({
  status: null,
  error: null,
  busy: false,
  refresh: async () => {
    try {
      set({ status: await call('sync.status', {}), error: null });
    } catch (e) {
      set({ error: codeOf(e) });
    }
  },
  configure: async (serverUrl, token) => {
    set({ status: await call('sync.configure', { serverUrl, token }) });
  },
  syncNow: async () => {
    set({ busy: true });
    try {
      return await call('sync.now', {});
    } finally {
      set({ busy: false });
      await get().refresh();
    }
  },
  resend: async (evaluationId) => {
    try {
      const { requeued } = await call('sync.resend', evaluationId ? { evaluationId } : {});
      return requeued;
    } finally {
      await get().refresh();
    }
  },
}));
