import type { DisputeRefusalCode } from '../../../shared/disputes';
import { disputeRefusalCodes } from '../../../shared/disputes';
import { ApiCallError } from '../../api';
import type { Translate } from '../../i18n';

const codes = new Set<string>(disputeRefusalCodes);

/** A failed call in the user's words: the refusal's own reason where there is one, else the error code's. */
export function failureText(t: Translate, error: unknown): string {
  if (error instanceof ApiCallError) {
    if (error.reason && codes.has(error.reason)) return t(`disputes.refusal.${error.reason as DisputeRefusalCode}`);
    return t(`disputes.error.${error.code}`);
  }
  return t('disputes.error.internal');
}

export function answerText(t: Translate, value: number | string | null | undefined): string {
  if (value === 'pass') return t('disputes.pass');
  if (value === 'fail') return t('disputes.fail');
  return typeof value === 'number' ? String(value) : '—';
}

/** YYYY-MM-DD HH:mm in the centre's time zone (UTC+8): head office's times, never the laptop's zone. */
export function centreTime(at: string | null): string {
  if (!at) return '—';
  return new Date(Date.parse(at) + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}
