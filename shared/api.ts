/**
 * The contract between the page and the core. Every transport (Electron IPC, browser-mode HTTP, the `qa` command)
 * dispatches through these names and schemas, so a method behaves the same wherever it is called from.
 * Each domain declares its methods in shared/contracts/<domain>.ts; this file only joins them.
 */
import { z } from 'zod';
import { appContract } from './contracts/app';
import { calibrationContract } from './contracts/calibration';
import { callbacksContract } from './contracts/callbacks';
import { channelsContract } from './contracts/channels';
import { joinDisjoint } from './contracts/define';
import { disputesContract } from './contracts/disputes';
import { evaluationsContract } from './contracts/evaluations';
import { menuCommands, nativeContract } from './contracts/native';
import { narrativesContract } from './contracts/narratives';
import { recordingsContract } from './contracts/recordings';
import { reportsContract } from './contracts/reports';
import { scorecardsContract } from './contracts/scorecards';
import { syncContract } from './contracts/sync';
import { languageSchema } from './settings';

export type { AppInfo } from './contracts/app';

export const contract = joinDisjoint(
  appContract,
  syncContract,
  scorecardsContract,
  evaluationsContract,
  nativeContract,
  recordingsContract,
  reportsContract,
  disputesContract,
  calibrationContract,
  callbacksContract,
  narrativesContract,
  channelsContract,
);

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
  'recordings.changed': z.object({ imported: z.number().int().nonnegative() }),
  /** A long job ended; the desktop app shows an OS notification when the window is not in front. */
  'job.finished': z.object({
    jobId: z.string(),
    kind: z.string(),
    outcome: z.enum(['done', 'failed', 'cancelled']),
    elapsedMs: z.number().nonnegative(),
    /** One line for the notification, in the user's language, e.g. "导入 12 个，失败 1 个". */
    summary: z.string().max(200).optional(),
  }),
  /** The application menu asks the page to do something (desktop app only). */
  'native.menuCommand': z.object({ command: z.enum(menuCommands) }),
  'evaluations.submitted': z.object({ evaluationId: z.string(), revision: z.number().int().positive() }),
  'settings.changed': z.object({ language: languageSchema }).passthrough(),
};

export type EventName = keyof typeof eventSchemas;
export type EventPayload<E extends EventName> = z.infer<(typeof eventSchemas)[E]>;
