import type { ApiError, ApiErrorDetail, ErrorCode } from '../../shared/errors';
import { describeStartupProblem, type StartupProblem } from '../../shared/startup';

/** An error meant for the user: its message is shown as is, so it must be clear and free of internals. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly reason?: string,
    readonly details?: ApiErrorDetail[],
  ) {
    super(message);
    this.name = 'AppError';
  }

  toJSON(): ApiError {
    return {
      code: this.code,
      message: this.message,
      ...(this.reason ? { reason: this.reason } : {}),
      ...(this.details ? { details: this.details } : {}),
    };
  }
}

/**
 * The core refused to start (a damaged or missing database, a weak token…). Its message is the English text for
 * logs; what the user sees comes from `problem` through shared/startup.ts, in their language.
 */
export class StartupError extends AppError {
  constructor(readonly problem: StartupProblem) {
    super('unavailable', describeStartupProblem(problem, 'en'));
    this.name = 'StartupError';
  }
}
