/**
 * The contract between the page and the core. Every transport (Electron IPC, browser-mode HTTP, the `qa` command)
 * dispatches through these names and schemas, so a method behaves the same wherever it is called from.
 */
import { z } from 'zod';
import { languageSchema, settingsPatchSchema, type Settings } from './settings';

export interface AppInfo {
  name: string;
  version: string;
  dataDir: string;
  databasePath: string;
  schemaVersion: number;
  migrations: { version: number; name: string; appliedAt: string }[];
  transport?: string;
}

/** Carries the output type alongside the runtime input schema without a runtime cost. */
function method<Out>() {
  return <S extends z.ZodType>(input: S, description: string) => ({
    input,
    description,
    output: undefined as unknown as Out,
  });
}

const empty = z.object({}).strict();

export const contract = {
  'app.info': method<AppInfo>()(empty, 'Version, data folder and database schema version.'),
  'settings.get': method<Settings>()(empty, 'All user settings with their defaults filled in.'),
  'settings.update': method<Settings>()(
    settingsPatchSchema,
    'Change some settings; returns all settings after the change.',
  ),
};

export type Contract = typeof contract;
export type Method = keyof Contract;
export type Input<M extends Method> = z.input<Contract[M]['input']>;
export type Output<M extends Method> = Contract[M]['output'];

export const methodNames = Object.keys(contract) as Method[];

export function isMethod(name: string): name is Method {
  return Object.prototype.hasOwnProperty.call(contract, name);
}

/** Events pushed from the core to the page (progress of long jobs, state changes). */
export const eventSchemas = {
  'job.progress': z.object({
    jobId: z.string(),
    kind: z.string(),
    done: z.number().int().nonnegative(),
    total: z.number().int().nonnegative(),
    current: z.string().optional(),
    elapsedMs: z.number().nonnegative(),
    etaMs: z.number().nonnegative().optional(),
  }),
  'settings.changed': z.object({ language: languageSchema }).passthrough(),
};

export type EventName = keyof typeof eventSchemas;
export type EventPayload<E extends EventName> = z.infer<(typeof eventSchemas)[E]>;
