import type { z } from 'zod';

export interface MethodSpec<S extends z.ZodType, Out> {
  input: S;
  description: string;
  /** Type-level only: carries the output type next to the runtime input schema. */
  output: Out;
}

export function method<Out>() {
  return <S extends z.ZodType>(input: S, description: string): MethodSpec<S, Out> => ({
    input,
    description,
    output: undefined as unknown as Out,
  });
}
