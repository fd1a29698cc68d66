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

type UnionToIntersection<U> = (U extends unknown ? (k: U) => void : never) extends (k: infer I) => void ? I : never;

/**
 * Objects joined into one whose keys must not clash: an object spread would let a second method of the same name
 * silently replace the first. Thrown at start-up, before anything can call the wrong one.
 */
export function joinDisjoint<T extends object[]>(...parts: T): UnionToIntersection<T[number]> {
  const joined: Record<string, unknown> = {};
  for (const part of parts) {
    for (const [key, value] of Object.entries(part)) {
      if (Object.hasOwn(joined, key)) throw new Error(`"${key}" is declared twice.`);
      joined[key] = value;
    }
  }
  return joined as UnionToIntersection<T[number]>;
}
