/** The error shape of every refusal, and request parsing that turns a schema failure into a 400. */
import type { z } from 'zod';

export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message))
    .join('; ');
}

export function parse<S extends z.ZodType>(
  schema: S,
  value: unknown,
  what: string,
  code = 'invalid_query',
): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw new HttpError(400, code, `Invalid ${what}: ${describeIssues(result.error)}`);
  return result.data;
}
