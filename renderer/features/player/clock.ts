/**
 * The one way a time in a call or a call's length is written, everywhere in the app: 1:05, 12:40, 1:02:05 (tenths
 * on request: 1:05.3). A position is floored (0:04.99 is still in second 4); a length is rounded to the second.
 */
export function formatClock(seconds: number, withTenths = false): string {
  const negative = seconds < 0;
  const t = Math.abs(seconds);
  const whole = Math.floor(t + 1e-6);
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = whole % 60;
  const mm = h ? String(m).padStart(2, '0') : String(m);
  let text = `${h ? `${h}:` : ''}${mm}:${String(s).padStart(2, '0')}`;
  if (withTenths) text += `.${Math.floor((t - whole) * 10 + 1e-6)}`;
  return negative ? `-${text}` : text;
}

/** A position in a call given in milliseconds (a note's start): 12_345 → "0:12". */
export const formatPosition = (ms: number) => formatClock(ms / 1000);

/** A call's length: 65_000 → "1:05"; an hour or more → "1:02:05". */
export const formatDuration = (ms: number) => formatClock(Math.max(0, Math.round(ms / 1000)));
