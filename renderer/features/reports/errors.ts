import type { ErrorCode } from '../../../shared/errors';
import { ApiCallError } from '../../api';

/**
 * What the page shows for a failed call is the code's message in the user's language: the core's `message` is
 * English detail for logs and scripts, never the screen's text.
 */
export function errorCodeOf(error: unknown): ErrorCode {
  return error instanceof ApiCallError ? error.code : 'internal';
}
