import type { Identity } from '../../../shared/sync';
import type { MessageKey, Translate } from '../../i18n';

/** Sync failure codes the catalogue has words for (the server's error codes and what this side saw). */
export const syncFailureCodes = [
  'unreachable',
  'timeout',
  'unreadable',
  'incompatible_answer',
  'server_error',
  'refused',
  'protocol_mismatch',
  'unauthorized',
  'forbidden',
  'rate_limited',
  'bad_request',
  'invalid_body',
  'body_too_large',
  'not_found',
  'method_not_allowed',
  'unsupported_media_type',
  'internal',
  'note',
  'app_conflict',
  'app_unavailable',
  'other',
] as const;
export type SyncFailureCode = (typeof syncFailureCodes)[number];

/** A code from sync.status in the user's words; a code this page does not know reads as a plain sync failure. */
export function failureText(t: Translate, code: string | null): string {
  const known = (syncFailureCodes as readonly string[]).includes(code ?? '') ? (code as SyncFailureCode) : 'other';
  return t(`sync.error.${known}` as MessageKey);
}

/** 「班组长 · 一组、二组」, 「分公司 · 武汉」, 「总部」, 「质检员」. */
export function identityText(t: Translate, identity: Identity): string {
  const role = t(`sync.role.${identity.role}`);
  if (identity.role === 'lead' && identity.teams.length > 0) {
    return `${role} · ${identity.teams.map((x) => x.name || x.id).join(t('sync.listSeparator'))}`;
  }
  if (identity.role === 'site' && identity.site) return `${role} · ${identity.site}`;
  return role;
}

/** A time in this computer's zone, written the way the interface language writes dates. */
export function when(iso: string | null, language: string, never: string): string {
  return iso
    ? new Date(iso).toLocaleString(language, {
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
      })
    : never;
}
