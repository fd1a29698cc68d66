import { create } from 'zustand';
import type { SyncNowResult, SyncStatus } from '../../../shared/contracts/sync';
import { call } from '../../api';

interface SyncState {
  status: SyncStatus | null;
  error: string | null;
  busy: boolean;
  refresh(): Promise<void>;
  configure(serverUrl: string, token: string): Promise<void>;
  syncNow(): Promise<SyncNowResult>;
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/** Shared by the sync page and the status-bar indicator, so both always show the same state. */
export const useSync = create<SyncState>((set, get) => ({
  status: null,
  error: null,
  busy: false,
  refresh: async () => {
    try {
      set({ status: await call('sync.status', {}), error: null });
    } catch (e) {
      set({ error: message(e) });
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
}));
