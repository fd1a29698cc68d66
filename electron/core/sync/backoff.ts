/**
 * Capped exponential backoff with "full jitter": a random delay in [base·2^(n-1) / 2, base·2^(n-1)], never above
 * the cap. The jitter keeps a site's laptops from all reconnecting in the same second after an outage.
 */
export interface BackoffOptions {
  baseMs: number;
  capMs: number;
}

export function backoffDelay(
  attempt: number,
  { baseMs, capMs }: BackoffOptions,
  random: () => number = Math.random,
): number {
  const exp = Math.min(capMs, baseMs * 2 ** Math.min(Math.max(attempt, 1) - 1, 30));
  const half = exp / 2;
  return Math.round(half + random() * half);
}
