/**
 * The sync service: push the outbox, pull head-office changes, and keep trying in the background.
 * One run at a time; a request arriving during a run gets the next run, so nothing submitted meanwhile waits for
 * a later trigger. Transient faults put the engine offline and the reconnect loop probes /v1/health with capped,
 * jittered backoff, then syncs without waiting for a new local write. Faults a person must fix (revoked token,
 * incompatible app) stop automatic attempts until the settings change or someone presses "sync now".
 */
import {
  headOfficeFixes,
  MAX_PUSH_ITEMS,
  PROTOCOL_VERSION,
  type PullPage,
  type RevisionHistory,
} from '../../../shared/sync';
import type { z } from 'zod';
import type { SyncNowResult, SyncStatus } from '../../../shared/contracts/sync';
import { pushCalibration } from '../calibration/push';
import type { ReportStore } from '../reports/store';
import type { IdentityRepository } from './identity-repo';
import { AppError } from '../errors';
import type { Logger } from '../logger';
import { backoffDelay, type BackoffOptions } from './backoff';
import { SyncHttp, SyncHttpError } from './http';
import { pushOutbox } from './outbox-push';
import type { SyncRepository, SyncTrigger } from './repo';
import type { SecretStore } from './secret-store';
import { statusOf } from './status';

export interface SyncTimings {
  /** How often the outbox is checked for newly submitted work while online. */
  pollMs: number;
  /** How often, while online, head office is asked for changes even when nothing was submitted. */
  pullEveryMs: number;
  backoff: BackoffOptions;
  requestTimeoutMs: number;
  batchSize: number;
}

export const defaultTimings: SyncTimings = {
  pollMs: 2_000,
  pullEveryMs: 5 * 60_000,
  backoff: { baseMs: 1_000, capMs: 5 * 60_000 },
  requestTimeoutMs: 30_000,
  // The most the server takes in one push (about 3 MB of bodies, well under its 16 MB body limit): each request
  // costs a round trip and a transaction, whatever its size.
  batchSize: MAX_PUSH_ITEMS,
};

type Mode = 'unconfigured' | 'offline' | 'online' | 'blocked';

/** Pulled changes applied in one transaction (see pullAll). */
const pullBatchChanges = 5000;

/**
 * Another kind of outbox riding on each sync run (disputes): pushed after the revisions and before the pull; after
 * the pull it may write revisions of its own (an accepted dispute), which are pushed in the same run.
 */
export interface SyncExtension {
  push(http: SyncHttp): Promise<{ pushed: number; rejected: number }>;
  /** Returns how many revisions it wrote. */
  afterPull(): number;
}

interface RunCounts {
  pushed: number;
  rejected: number;
  pulled: number;
}

export class SyncEngine {
  private mode: Mode = 'offline';
  private running: Promise<SyncNowResult> | null = null;
  private ticking = false;
  private timer: NodeJS.Timeout | null = null;
  private attempt = 0;
  private nextAttemptAt: string | null = null;
  private lastPullAt = 0;
  private startedOnce = false;
  private closed = false;
  private background = false;
  private notes: string[] = [];
  private readonly extensions: SyncExtension[] = [];

  constructor(
    private readonly repo: SyncRepository,
    private readonly secrets: SecretStore,
    private readonly logger: Logger,
    private readonly timings: SyncTimings = defaultTimings,
    private readonly identity?: IdentityRepository,
    private readonly reports?: ReportStore,
  ) {
    if (!repo.state().serverUrl) this.mode = 'unconfigured';
  }

  extend(extension: SyncExtension): void {
    this.extensions.push(extension);
  }

  /** Starts the reconnect loop (Electron and browser mode; the one-shot qa command does not). */
  start(): void {
    this.background = true;
    this.schedule(0);
  }

  /** Something was submitted: if online and idle, sync now instead of at the next poll. */
  nudge(): void {
    if (this.background && this.mode === 'online' && !this.running && !this.ticking) this.schedule(0);
  }

  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  async configure(serverUrl: string, token: string): Promise<void> {
    const sealed = await this.secrets.seal(token);
    const before = this.repo.state().serverUrl;
    this.repo.configure(serverUrl, sealed, this.secrets.kind);
    // Another head office is another history: what the old one sent down goes, and who "I" am is asked again.
    if (before !== serverUrl) {
      this.identity?.set(null);
      this.repo.resetScope(null);
    }
    this.mode = 'offline';
    this.attempt = 0;
    this.startedOnce = false;
    if (this.background) this.schedule(0);
  }

  private async client(): Promise<SyncHttp> {
    const state = this.repo.state();
    if (!state.serverUrl || !state.tokenSealed) {
      throw new AppError('conflict', 'Sync is not set up yet: enter the head-office server address and your token.');
    }
    if (state.tokenProtection !== this.secrets.kind) {
      throw new AppError('conflict', 'The saved token was sealed by another key store; enter the token again.');
    }
    const token = await this.secrets.open(state.tokenSealed);
    return new SyncHttp({ serverUrl: state.serverUrl, token, timeoutMs: this.timings.requestTimeoutMs });
  }

  /** Runs a sync now (or joins the one running and then runs again); throws when it fails. */
  syncNow(trigger: SyncTrigger): Promise<SyncNowResult> {
    if (this.running) {
      return this.running.then(() => this.syncNow(trigger));
    }
    this.running = this.run(trigger).finally(() => {
      this.running = null;
      // A manual run outside the loop (e.g. after a revoked token was replaced) hands back to the loop.
      if (!this.ticking && !this.timer) {
        if (this.mode === 'online') this.schedule(this.timings.pollMs);
        else if (this.mode === 'offline') this.schedule(backoffDelay(++this.attempt, this.timings.backoff));
      }
    });
    return this.running;
  }

  private async run(trigger: SyncTrigger): Promise<SyncNowResult> {
    const startedAt = new Date().toISOString();
    const counts: RunCounts = { pushed: 0, rejected: 0, pulled: 0 };
    try {
      const http = await this.client();
      const health = await http.health();
      if (health.protocolVersion !== PROTOCOL_VERSION) {
        throw new SyncHttpError(
          `The server speaks sync protocol ${health.protocolVersion}, this app ${PROTOCOL_VERSION}: update the app.`,
          false,
          undefined,
          'protocol_mismatch',
        );
      }
      const me = await http.me();
      if (this.identity?.set(me)) this.reports?.rebuild();
      await pushOutbox(this.repo, http, this.timings.batchSize, counts);
      for (const extension of this.extensions) {
        const pushed = await extension.push(http);
        counts.pushed += pushed.pushed;
        counts.rejected += pushed.rejected;
      }
      await pushCalibration(this.repo.calibration, http);
      const fixes = await this.pullAll(http, counts);
      if (counts.pulled >= 5000) this.repo.keepStatistics(); // a lead's first pull: the reports' tables grew a lot
      const written = this.extensions.reduce((n, extension) => n + extension.afterPull(), 0);
      // Revisions refused for something head office has to fix go again by themselves once a pull brought such a
      // fix (a card, the roster): never by re-scoring.
      if ((fixes && this.repo.requeue({ codes: [...headOfficeFixes] }) > 0) || written > 0) {
        await pushOutbox(this.repo, http, this.timings.batchSize, counts);
      }
      this.lastPullAt = Date.now();
      const note = this.notes.splice(0).join(' ') || null;
      this.repo.recordOutcome(true, null);
      this.repo.addHistory({
        trigger,
        startedAt,
        finishedAt: new Date().toISOString(),
        ok: true,
        ...counts,
        error: note,
        errorCode: note ? 'note' : null,
      });
      this.mode = 'online';
      this.attempt = 0;
      return { ...counts, pending: this.repo.count('pending'), rejected: counts.rejected };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const code =
        error instanceof SyncHttpError ? error.code : error instanceof AppError ? `app_${error.code}` : 'internal';
      this.repo.recordOutcome(false, message, code);
      this.repo.addHistory({
        trigger,
        startedAt,
        finishedAt: new Date().toISOString(),
        ok: false,
        ...counts,
        error: message,
        errorCode: code,
      });
      if (error instanceof SyncHttpError && error.transient) this.mode = 'offline';
      else if (!(error instanceof AppError)) {
        this.mode = 'blocked';
        if (!(error instanceof SyncHttpError)) this.logger.error('sync failed', error);
      }
      throw error instanceof AppError
        ? error
        : new AppError(error instanceof SyncHttpError && error.transient ? 'unavailable' : 'conflict', message);
    }
  }

  /**
   * Pulls every page; true when head-office data a refused revision may wait for arrived. The next page is already
   * on its way while a batch is applied, and pages are applied a few at a time (one transaction, with the cursor of
   * the last), so a lead's first pull of a year of evaluations is bounded by the work, not by round trips.
   */
  private async pullAll(http: SyncHttp, counts: RunCounts): Promise<boolean> {
    let fixes = false;
    let cursor = this.repo.state().cursor;
    let next: Promise<PullPage> | null = http.pull(cursor);
    const batch: PullPage[] = [];
    let batched = 0;
    const apply = () => {
      if (batch.length === 0) return;
      const outcome = this.repo.applyPages(
        batch.map((p) => p.changes),
        batch[batch.length - 1].cursor,
      );
      this.notes.push(...outcome.notes);
      fixes ||= outcome.fixesArrived;
      batch.length = 0;
      batched = 0;
    };
    try {
      while (next) {
        const page: PullPage = await next;
        next = null;
        if (page.scopeKey !== this.repo.scopeKey()) {
          apply();
          this.repo.resetScope(page.scopeKey);
          if (cursor !== '0') {
            cursor = '0'; // pulled under another scope: start again from the beginning
            next = http.pull(cursor);
            continue;
          }
        }
        if (page.changes.length === 0 && page.cursor === cursor) break;
        counts.pulled += page.changes.length;
        batch.push(page);
        batched += page.changes.length;
        cursor = page.cursor;
        if (page.more) next = http.pull(cursor);
        if (!page.more || batched >= pullBatchChanges) apply();
      }
    } catch (error) {
      apply(); // the pages that did arrive are kept; the rest come again from the cursor
      throw error;
    } finally {
      // A page fetched ahead of a failure is dropped (its changes come again from the stored cursor next time).
      void next?.catch(() => undefined);
    }
    apply();
    return fixes;
  }

  /** Refused revisions back into the queue (all, or one evaluation's), then a sync. */
  resend(evaluationId?: string): number {
    const n = this.repo.requeue({ evaluationId });
    if (n > 0) this.syncNow('manual').catch(() => undefined); // the outcome shows in sync.status
    return n;
  }

  /** Every revision of a pulled evaluation, from head office. */
  async history(evaluationId: string): Promise<RevisionHistory> {
    if (!this.repo.state().serverUrl) {
      throw new AppError('unavailable', 'Sync is not set up: the history of this evaluation is at head office.');
    }
    return this.remote((http) => http.history(evaluationId));
  }

  /** A read from head office on the user's behalf (calibration's inspector list, an inspector's grader row). */
  fetch<S extends z.ZodType>(path: string, schema: S): Promise<z.output<S>> {
    if (!this.repo.state().serverUrl) throw new AppError('unavailable', 'Sync is not set up.');
    return this.remote((http) => http.call(path, schema));
  }

  private async remote<T>(ask: (http: SyncHttp) => Promise<T>): Promise<T> {
    try {
      return await ask(await this.client());
    } catch (error) {
      if (error instanceof SyncHttpError) {
        throw new AppError(
          error.status === 404 ? 'not_found' : error.transient ? 'unavailable' : 'conflict',
          error.message,
        );
      }
      throw error;
    }
  }

  private schedule(delayMs: number): void {
    if (this.closed || !this.background) return;
    if (this.timer) clearTimeout(this.timer);
    this.nextAttemptAt = new Date(Date.now() + delayMs).toISOString();
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.tick();
    }, delayMs);
    this.timer.unref?.();
  }

  /** One step of the reconnect loop. */
  private async tick(): Promise<void> {
    this.ticking = true;
    try {
      await this.step();
    } finally {
      this.ticking = false;
    }
  }

  private async step(): Promise<void> {
    if (this.closed) return;
    if (!this.repo.state().serverUrl) {
      this.mode = 'unconfigured';
      return; // configure() schedules again
    }
    if (this.mode === 'blocked') return; // configure() or a manual sync lifts it
    const due =
      this.mode !== 'online' ||
      this.repo.count('pending') > 0 ||
      this.repo.calibration.pendingCount() > 0 ||
      Date.now() - this.lastPullAt >= this.timings.pullEveryMs;
    if (due) {
      const trigger: SyncTrigger = !this.startedOnce
        ? 'start'
        : this.mode !== 'online'
          ? 'reconnect'
          : this.repo.count('pending') > 0
            ? 'submit'
            : 'retry';
      try {
        await this.syncNow(trigger);
        this.startedOnce = true;
      } catch {
        // recorded in history and state by run(); the mode decides what happens next
      }
    }
    if (this.closed) return;
    if (this.mode === 'offline') {
      this.attempt++;
      this.schedule(backoffDelay(this.attempt, this.timings.backoff));
    } else if (this.mode === 'online') this.schedule(this.timings.pollMs);
  }

  status(): SyncStatus {
    return statusOf(this.repo, this.identity?.get() ?? null, {
      state: this.running ? 'syncing' : this.mode,
      online: this.mode === 'online',
      nextAttemptAt: this.mode === 'offline' ? this.nextAttemptAt : null,
    });
  }
}
