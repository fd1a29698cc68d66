/**
 * The client half of shared/sync.ts over fetch. Every failure is classified once, here: transient faults (network,
 * timeouts, 5xx, 429, unreadable answers) are retried with backoff; anything else needs a person to act.
 */
import type { z } from 'zod';
import { disputePushResponseSchema, type DisputeStep, type DisputeStepResult } from '../../../shared/disputes';
import { callbackPushResponseSchema, type CallbackPushResult, type CallbackRecord } from '../../../shared/callbacks';
import {
  narrativePushResponseSchema,
  type NarrativePushItem,
  type NarrativePushResult,
} from '../../../shared/narrative';
import {
  healthSchema,
  identitySchema,
  revisionHistorySchema,
  PROTOCOL_HEADER,
  PROTOCOL_VERSION,
  pullPageSchema,
  pushResponseSchema,
  serverErrorSchema,
  type Health,
  type Identity,
  type PullPage,
  type RevisionHistory,
  type PushItem,
  type PushResponse,
} from '../../../shared/sync';

/**
 * What went wrong, for the page to say in the user's language: the server's own error code where it sent one
 * (unauthorized, protocol_mismatch, rate_limited, …), else what this side saw.
 */
export type SyncFailure = 'unreachable' | 'timeout' | 'unreadable' | 'incompatible_answer' | 'server_error' | string;

export class SyncHttpError extends Error {
  constructor(
    message: string,
    readonly transient: boolean,
    readonly status?: number,
    readonly code: SyncFailure = transient ? 'server_error' : 'refused',
  ) {
    super(message);
    this.name = 'SyncHttpError';
  }
}

export interface SyncHttpOptions {
  serverUrl: string;
  token: string;
  timeoutMs?: number;
}

export class SyncHttp {
  private readonly base: string;
  constructor(private readonly options: SyncHttpOptions) {
    this.base = options.serverUrl.replace(/\/+$/, '');
  }

  private async request<S extends z.ZodType>(path: string, schema: S, init: RequestInit = {}): Promise<z.output<S>> {
    let response: Response;
    const signal = AbortSignal.timeout(this.options.timeoutMs ?? 30_000);
    try {
      response = await fetch(`${this.base}${path}`, {
        ...init,
        signal,
        headers: {
          [PROTOCOL_HEADER]: String(PROTOCOL_VERSION),
          authorization: `Bearer ${this.options.token}`,
          ...(init.body ? { 'content-type': 'application/json' } : {}),
        },
      });
    } catch (error) {
      const timedOut = error instanceof Error && error.name === 'TimeoutError';
      throw new SyncHttpError(
        `The server ${timedOut ? 'timed out' : 'is unreachable'} (${this.base}).`,
        true,
        undefined,
        timedOut ? 'timeout' : 'unreachable',
      );
    }
    let payload: unknown;
    try {
      payload = await response.json();
    } catch {
      throw new SyncHttpError(
        `The server's answer (${response.status}) was cut off or unreadable.`,
        true,
        response.status,
        'unreadable',
      );
    }
    if (!response.ok) {
      const parsed = serverErrorSchema.safeParse(payload);
      const message = parsed.success ? parsed.data.error.message : `The server answered ${response.status}.`;
      const transient = response.status >= 500 || response.status === 429 || response.status === 408;
      const code = parsed.success ? parsed.data.error.code : response.status >= 500 ? 'server_error' : 'refused';
      throw new SyncHttpError(message, transient, response.status, code);
    }
    const parsed = schema.safeParse(payload);
    if (!parsed.success) {
      throw new SyncHttpError(
        'The server sent an answer this app does not understand.',
        true,
        undefined,
        'incompatible_answer',
      );
    }
    return parsed.data;
  }

  health(): Promise<Health> {
    return this.request('/v1/health', healthSchema);
  }

  push(items: PushItem[]): Promise<PushResponse> {
    return this.request('/v1/sync/push', pushResponseSchema, { method: 'POST', body: JSON.stringify({ items }) });
  }

  pushDisputes(steps: DisputeStep[]): Promise<{ results: DisputeStepResult[] }> {
    return this.request('/v1/sync/disputes', disputePushResponseSchema, {
      method: 'POST',
      body: JSON.stringify({ steps }),
    });
  }

  pull(since: string): Promise<PullPage> {
    return this.request(`/v1/sync/pull?since=${encodeURIComponent(since)}`, pullPageSchema);
  }

  me(): Promise<Identity> {
    return this.request('/v1/me', identitySchema);
  }

  /** Any other endpoint of the protocol (calibration, graders), read with its shared schema. */
  call<S extends z.ZodType>(path: string, schema: S, body?: unknown): Promise<z.output<S>> {
    return this.request(path, schema, body === undefined ? {} : { method: 'POST', body: JSON.stringify(body) });
  }

  history(evaluationId: string): Promise<RevisionHistory> {
    return this.request(`/v1/evaluations/${encodeURIComponent(evaluationId)}/revisions`, revisionHistorySchema);
  }

  pushCallbacks(items: CallbackRecord[]): Promise<{ results: CallbackPushResult[] }> {
    return this.request('/v1/sync/callbacks', callbackPushResponseSchema, {
      method: 'POST',
      body: JSON.stringify({ items }),
    });
  }

  pushNarratives(items: NarrativePushItem[]): Promise<{ results: NarrativePushResult[] }> {
    return this.request('/v1/sync/narratives', narrativePushResponseSchema, {
      method: 'POST',
      body: JSON.stringify({ items }),
    });
  }
}
