/**
 * Contacts other than phone calls (domain.md: online chat, store mystery shopping 神秘顾客/暗访): what the page, the
 * core and sync share about them. A contact is a row of the library like a recording; only phone rows have audio.
 */
import { z } from 'zod';
import { localDateTimeSchema, realDateSchema, safeLabel, safeText } from './text';

export const contactChannels = ['phone', 'chat', 'store'] as const;
export type ContactChannel = (typeof contactChannels)[number];
export const contactChannelSchema = z.enum(contactChannels);

export const chatRoles = ['agent', 'customer', 'system'] as const;
export type ChatRole = (typeof chatRoles)[number];

export interface ChatMessage {
  seq: number;
  /** Milliseconds from the first message. */
  atMs: number;
  role: ChatRole;
  speaker: string;
  text: string;
}

/** Why a line of a chat log was refused; the page words each code with the line number. */
export const chatProblemCodes = [
  'no_time',
  'bad_time',
  'no_speaker',
  'no_text',
  'time_order',
  'no_messages',
  'bad_header',
  'bad_json',
  'too_long',
] as const;
export type ChatProblemCode = (typeof chatProblemCodes)[number];
export interface ChatProblem {
  code: ChatProblemCode;
  /** 1-based line of a txt or csv file, 1-based element of a json array; 0 for the whole file. */
  line: number;
}

const agentFields = {
  agentNo: safeText(64, 1).optional(),
  /** A name for an agent number the roster does not know yet. */
  agentName: safeText(64).optional(),
  category: safeText(100, 1).optional(),
  callId: safeText(128, 1).optional(),
};

export const chatImportInputSchema = z
  .object({
    path: z.string().min(1).max(4096),
    ...agentFields,
    /** When the log has only times of day: the day (and time) the chat started. */
    startedAt: localDateTimeSchema.optional(),
    /** The speaker who is the agent, where the log has no role column and the agent's name is not in it. */
    agentSpeaker: safeText(200, 1).optional(),
  })
  .strict();
export type ChatImportInput = z.input<typeof chatImportInputSchema>;

export interface ChatImportResult {
  id: string;
  /** The same file (by SHA-256) was already in the library: nothing was added. */
  duplicate: boolean;
  messages: number;
  agentSpeaker: string | null;
}

export const chatAgentSpeakerInputSchema = z
  .object({ id: z.string().min(1).max(64), speaker: safeText(200, 1) })
  .strict();

export interface ChatTranscript {
  recordingId: string;
  messages: ChatMessage[];
  /** Every speaker of the chat, in order of first appearance (for correcting which one is the agent). */
  speakers: string[];
}

export const storeVisitInputSchema = z
  .object({
    storeName: safeLabel(200),
    visitDate: realDateSchema,
    /** HH:MM, optional. */
    visitTime: z
      .string()
      .regex(/^([01]\d|2[0-3]):[0-5]\d$/)
      .optional(),
    visitor: safeLabel(100),
    notes: safeText(2000).optional(),
    /** Photos on this computer (JPEG, PNG or WebP, at most 10 MB each), copied into the library. */
    photos: z.array(z.string().min(1).max(4096)).max(12).optional(),
    ...agentFields,
  })
  .strict();
export type StoreVisitInput = z.input<typeof storeVisitInputSchema>;

export interface StoreVisit {
  recordingId: string;
  storeName: string;
  visitor: string;
  visitDate: string;
  notes: string;
  photos: VisitPhotoInfo[];
}

export interface VisitPhotoInfo {
  seq: number;
  mime: 'image/jpeg' | 'image/png' | 'image/webp';
  sizeBytes: number;
}

export const visitPhotoInputSchema = z
  .object({ id: z.string().min(1).max(64), seq: z.number().int().min(0).max(100) })
  .strict();

/** One photo's bytes for the page (shown as a data URL: the page's CSP allows those images). */
export interface VisitPhoto {
  mime: VisitPhotoInfo['mime'];
  base64: string;
}

/** What a revision carries of a store visit, so head office sees which store and who visited. */
export const visitContextSchema = z.object({ storeName: safeText(200), visitor: safeText(100) }).strict();
export type VisitContext = z.infer<typeof visitContextSchema>;
