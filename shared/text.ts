/**
 * Schemas for values as the databases will read them. A value that passes zod but that PostgreSQL or SQLite
 * refuses (a NUL byte in text, 30 February, a revision above int4) would fail a whole batch with a 500; checked
 * here, it is refused on its own with a clear reason.
 */
import { z } from 'zod';

/** PostgreSQL's INTEGER (int4): the largest revision, count or duration the server can store. */
export const INT4_MAX = 2_147_483_647;

const noNul = (v: string) => !v.includes('\u0000');

/** Text of at most `max` characters, without NUL (PostgreSQL text cannot hold it). */
export function safeText(max: number, min = 0) {
  return z.string().min(min).max(max).refine(noNul, 'must not contain a NUL character');
}

/** Trimmed text of 1..max characters without NUL. */
export function safeLabel(max: number) {
  return z.string().trim().min(1).max(max).refine(noNul, 'must not contain a NUL character');
}

export const int4 = (min = 0) => z.number().int().min(min).max(INT4_MAX);

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Year 1000–9999, a real month and day: PostgreSQL's date range, and what any report period can hold. */
export function isRealDate(day: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return y >= 1000 && mo >= 1 && mo <= 12 && d >= 1 && d <= daysIn(y, mo);
}

const timeOk = (h: string, mi: string, s: string) => Number(h) <= 23 && Number(mi) <= 59 && Number(s) <= 59;

const instantRe = /^(\d{4})-(\d{2})-(\d{2})T([01]\d|2[0-3]):([0-5]\d):([0-5]\d)(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

/** An ISO 8601 instant with a zone (Z or ±hh:mm) on a real calendar day. One regex and a day check: it runs for
 * every evaluation a lead pulls. */
export const instantSchema = z.string().refine((v) => {
  const m = instantRe.exec(v);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return y >= 1000 && mo >= 1 && mo <= 12 && d >= 1 && (d <= 28 || d <= daysIn(y, mo));
}, 'an ISO 8601 time with a zone, on a real date');

/** Scorecard part ids: what keys an answers or comments object (shared/scorecard.ts scorecardPartIdSchema). */
const partIdRe = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

/**
 * An object of scorecard part ids to values, checked in one loop. zod's record re-validates and rebuilds such an
 * object key by key (about 20 µs for a card's answers), which was a quarter of a lead's pull; the rules are the same.
 */
export function partRecord<T>(valid: (value: unknown) => value is T, what: string) {
  return z.custom<Record<string, T>>((value) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) if (!partIdRe.test(key) || !valid(record[key])) return false;
    return true;
  }, `an object of ${what}`);
}

/** A wall-clock time without zone, as call recorders write it: YYYY-MM-DDTHH:MM:SS on a real day. */
export const localDateTimeSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/, 'YYYY-MM-DDTHH:MM:SS')
  .refine((v) => isRealDate(v.slice(0, 10)) && timeOk(v.slice(11, 13), v.slice(14, 16), v.slice(17, 19)), {
    message: 'not a real date and time',
  });

/** YYYY-MM-DD on a real calendar day (years 1000–9999). */
export const realDateSchema = z.string().refine(isRealDate, 'a real date YYYY-MM-DD');

export const sha256HexSchema = z.string().regex(/^[0-9a-f]{64}$/, 'SHA-256 hex');
