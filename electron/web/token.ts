/**
 * QA_TOKEN, a fixed browser-mode token, is the only thing between the core and any local program that can reach
 * 127.0.0.1, so a weak one is refused at start rather than accepted quietly. Required: at least 32 characters of
 * the base64url alphabet, at least 10 different ones, and length × log2(distinct characters) ≥ 128 bits: random
 * base64url (32+ characters) or hex (48+) passes, repetitive values ("password…", "aaaa…", "abcdabcd…") fail.
 */
import { z } from 'zod';

export const minimumTokenBits = 128;

export const hostTokenSchema = z
  .string()
  .min(32)
  .regex(/^[A-Za-z0-9_-]+$/)
  .refine((token) => {
    const distinct = new Set(token).size;
    return distinct >= 10 && token.length * Math.log2(distinct) >= minimumTokenBits;
  });

export function isStrongToken(token: string): boolean {
  return hostTokenSchema.safeParse(token).success;
}
