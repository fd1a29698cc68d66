import { type z } from 'zod';
import { contract, isMethod, type Input, type Method, type Output } from '../../shared/api';
import type { ApiError, ApiResult } from '../../shared/errors';
import { AppError } from './errors';

export type Handler<M extends Method> = (
  input: z.output<(typeof contract)[M]['input']>,
) => Output<M> | Promise<Output<M>>;
export type Handlers = { [M in Method]: Handler<M> };

export interface Dispatcher {
  dispatch(method: string, input: unknown): Promise<ApiResult<unknown>>;
  call<M extends Method>(method: M, input: Input<M>): Promise<Output<M>>;
}

export type InternalErrorLogger = (method: string, error: unknown) => void;

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => (issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}

function toApiError(method: string, error: unknown, log: InternalErrorLogger): ApiError {
  if (error instanceof AppError) return error.toJSON();
  log(method, error);
  return { code: 'internal', message: `${method} failed unexpectedly; details were written to the log.` };
}

/**
 * Every input is validated here, once, whatever transport it came through. Handlers never see unchecked data,
 * and no stack trace ever reaches the user: unexpected errors are logged and reported as `internal`.
 */
export function createDispatcher(handlers: Handlers, log: InternalErrorLogger): Dispatcher {
  async function dispatch(method: string, input: unknown): Promise<ApiResult<unknown>> {
    if (!isMethod(method)) {
      return { ok: false, error: { code: 'unknown_method', message: `Unknown method "${method}".` } };
    }
    const parsed = contract[method].input.safeParse(input ?? {});
    if (!parsed.success) {
      return {
        ok: false,
        error: { code: 'invalid_input', message: `Invalid input for ${method}: ${describeIssues(parsed.error)}` },
      };
    }
    try {
      const handler = handlers[method] as (input: unknown) => unknown;
      const data = await handler(parsed.data);
      return { ok: true, data: data ?? null };
    } catch (error) {
      return { ok: false, error: toApiError(method, error, log) };
    }
  }

  async function call<M extends Method>(method: M, input: Input<M>): Promise<Output<M>> {
    const result = await dispatch(method, input);
    if (!result.ok)
      throw new AppError(result.error.code, result.error.message, result.error.reason, result.error.details);
    return result.data as Output<M>;
  }

  return { dispatch, call };
}
