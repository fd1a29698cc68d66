import { z } from 'zod';
import { settingsPatchSchema, type Settings } from '../settings';
import { method } from './define';

export interface AppInfo {
  name: string;
  version: string;
  dataDir: string;
  databasePath: string;
  schemaVersion: number;
  migrations: { version: number; name: string; appliedAt: string }[];
  transport?: string;
}

export const emptyInput = z.object({}).strict();

export const appContract = {
  'app.info': method<AppInfo>()(emptyInput, 'Version, data folder and database schema version.'),
  'settings.get': method<Settings>()(emptyInput, 'All user settings with their defaults filled in.'),
  'settings.update': method<Settings>()(
    settingsPatchSchema,
    'Change some settings; returns all settings after the change.',
  ),
};
