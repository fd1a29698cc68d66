/** Error codes every transport passes through unchanged, so the UI and scripts can branch on them. */
export const errorCodes = [
  'invalid_input',
  'unknown_method',
  'not_found',
  'conflict',
  'unauthorized',
  'forbidden',
  'unavailable',
  'internal',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

export interface ApiError {
  code: ErrorCode;
  message: string;
  /** A finer code for the page to word (e.g. why a dispute was refused); the message stays English detail. */
  reason?: string;
  /** Machine-readable parts of a refusal (e.g. each submission problem by code and item), for the page to word. */
  details?: ApiErrorDetail[];
}

/** One part of a refusal: a catalogue code and the scorecard item it concerns. */
export interface ApiErrorDetail {
  code: string;
  itemId: string;
  /** The line of an imported file the problem is on (a chat log's bad line; itemId is then ''). */
  line?: number;
}

export type ApiResult<T> = { ok: true; data: T } | { ok: false; error: ApiError };

export function isApiError(value: unknown): value is ApiError {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.message === 'string' && (errorCodes as readonly unknown[]).includes(v.code);
}
