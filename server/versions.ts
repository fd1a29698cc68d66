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

/**
 * Gives the rows `moved` selects new consecutive versions: `moved` is a SELECT with a 0-based `n` column, `update`
 * the UPDATE that applies it (`$1` is the first version, `m` the moved rows). What a roster import does to every kind
 * filed by team and site, so the pulls of the scope they now belong to receive them. Returns how many moved.
 */
export async function restamp(tx: Queryable, moved: string, update: (moved: string) => string): Promise<number> {
  const [row] = await tx.query<{ n: string }>(`SELECT count(*) AS n FROM (${moved}) m`);
  const count = Number(row.n);
  if (count === 0) return 0;
  const first = await reserveVersions(tx, count);
  await tx.query(update(moved), [first]);
  return count;
}
