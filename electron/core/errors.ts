import type { ApiError, ErrorCode } from '../../shared/errors';

/** An error meant for the user: its message is shown as is, so it must be clear and free of internals. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'AppError';
  }

  toJSON(): ApiError {
    return { code: this.code, message: this.message };
  }
}
