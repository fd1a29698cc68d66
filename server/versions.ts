import type { Queryable } from './db';

/**
 * Reserves `count` consecutive server versions inside the caller's transaction and returns the first. The row lock
 * is held until commit, so head-office writes commit in version order and a pull cursor never passes a change
 * that has yet to commit. Every changed row gets a version of its own, so a page may end anywhere.
 */
export async function reserveVersions(tx: Queryable, count: number): Promise<number> {
  const [row] = await tx.query<{ first: string }>(
    'UPDATE server_version SET version = version + $1 WHERE id = 1 RETURNING (version - $1 + 1)::text AS first',
    [count],
  );
  return Number(row.first);
}
