import { create } from 'zustand';
import type { AppInfo } from '../../shared/api';
import type { Settings, SettingsPatch } from '../../shared/settings';
import { call } from '../api';
import { useI18n } from '../i18n';

interface AppState {
  info: AppInfo | null;
  settings: Settings | null;
  connected: boolean;
  /** Why the app's settings could not be read; the shell words it by its code. */
  loadError: unknown;
  load(): Promise<void>;
  updateSettings(patch: SettingsPatch): Promise<Settings>;
}

export const useApp = create<AppState>((set) => ({
  info: null,
  settings: null,
  connected: false,
  loadError: null,
  load: async () => {
    try {
      const [info, settings] = await Promise.all([call('app.info', {}), call('settings.get', {})]);
      useI18n.getState().setLanguage(settings.language);
      set({ info, settings, connected: true, loadError: null });
    } catch (error) {
      set({ connected: false, loadError: error ?? 'error' });
    }
  },
  updateSettings: async (patch) => {
    const settings = await call('settings.update', patch);
    useI18n.getState().setLanguage(settings.language);
    set({ settings });
    return settings;
  },
}));
