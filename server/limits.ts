/**
 * Request limits, counted before anything else looks at a request (a global onRequest hook runs before a route's
 * own guard): a request with a token counts against that token, and one without a token the process has seen
 * succeed (none, a guess, a refusal) also counts against its address. Repeated refusals from one address
 * lock it out for windows that double with each further refusal, so guessing tokens costs exponential time while
 * proven tokens from the same office keep working. Counts live in this process: with several server processes each
 * limits on its own, which still bounds a guesser to a small multiple.
 */

export interface LimitOptions {
  /** Requests per token, or per address for unproven requests, per window. */
  perWindow: number;
  windowMs?: number;
  /** Refusals from one address (in failureWindowMs) before it is locked out. */
  failuresBeforeLockout?: number;
  failureWindowMs?: number;
  /** First lockout; each further refusal doubles it, up to maxLockMs. */
  baseLockMs?: number;
  maxLockMs?: number;
  now?: () => number;
}

interface Counter {
  count: number;
  resetAt: number;
}

/** Most entries kept per map; past it expired ones are dropped, and if that is not enough the map starts afresh. */
const maxEntries = 100_000;

export class RequestLimiter {
  private readonly counters = new Map<string, Counter>();
  private readonly failures = new Map<string, Counter & { lockedUntil: number }>();
  private readonly proven = new Set<string>();
  private readonly o: Required<LimitOptions>;

  constructor(options: LimitOptions) {
    this.o = {
      windowMs: 60_000,
      failuresBeforeLockout: 20,
      failureWindowMs: 10 * 60_000,
      baseLockMs: 1_000,
      maxLockMs: 15 * 60_000,
      now: Date.now,
      ...options,
    };
  }

  /** Null to let the request through, else the seconds to wait (the request is not served). */
  admit(address: string, tokenHash: string | null): number | null {
    const now = this.o.now();
    if (tokenHash === null || !this.proven.has(tokenHash)) {
      const failure = this.failures.get(address);
      if (failure && failure.lockedUntil > now) return Math.ceil((failure.lockedUntil - now) / 1000);
      const wait = this.count(`a:${address}`, now);
      if (wait !== null) return wait;
    }
    return tokenHash === null ? null : this.count(`t:${tokenHash}`, now);
  }

  /** A token authenticated: its requests count against it from now on, and pass an address lockout. */
  succeeded(tokenHash: string): void {
    if (this.proven.size >= maxEntries) this.proven.clear();
    this.proven.add(tokenHash);
  }

  /** A request was refused (no or bad token, wrong protocol): it counts toward its address's lockout. */
  failed(address: string): void {
    const now = this.o.now();
    let f = this.failures.get(address);
    if (!f || f.resetAt <= now) {
      prune(this.failures, now);
      f = { count: 0, resetAt: now + this.o.failureWindowMs, lockedUntil: 0 };
      this.failures.set(address, f);
    }
    f.count++;
    const over = f.count - this.o.failuresBeforeLockout;
    if (over > 0) {
      const lock = Math.min(this.o.baseLockMs * 2 ** Math.min(over - 1, 30), this.o.maxLockMs);
      f.lockedUntil = now + lock;
      // The failure record lives at least as long as the lockout it holds.
      f.resetAt = Math.max(f.resetAt, f.lockedUntil + this.o.failureWindowMs);
    }
  }

  /** Counts one request against `key`, returning the seconds to wait if it is over the limit. */
  private count(key: string, now: number): number | null {
    let c = this.counters.get(key);
    if (!c || c.resetAt <= now) {
      prune(this.counters, now);
      c = { count: 0, resetAt: now + this.o.windowMs };
      this.counters.set(key, c);
    }
    if (c.count >= this.o.perWindow) return Math.max(1, Math.ceil((c.resetAt - now) / 1000));
    c.count++;
    return null;
  }
}

function prune(map: Map<string, { resetAt: number }>, now: number): void {
  if (map.size < maxEntries) return;
  for (const [k, v] of map) if (v.resetAt <= now) map.delete(k);
  if (map.size >= maxEntries) map.clear();
}
