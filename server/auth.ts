import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Queryable } from './db';

export type Role = 'inspector' | 'head_office';

/** Who a request acts for. Always derived from the token, never from anything the client sends. */
export interface Principal {
  tokenId: string;
  inspectorId: string;
  role: Role;
}

const tokenPattern = /^qai_[A-Za-z0-9_-]{43}$/;

/** 256 random bits: a plain SHA-256 is enough to store it (no dictionary to guess from). */
export function newToken(): string {
  return `qai_${randomBytes(32).toString('base64url')}`;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer (\S+)$/.exec(header ?? '');
  return match && tokenPattern.test(match[1]) ? match[1] : null;
}

export async function authenticate(db: Queryable, token: string): Promise<Principal | null> {
  const rows = await db.query<{ token_id: string; inspector_id: string; role: Role }>(
    `SELECT t.id AS token_id, t.inspector_id, i.role
       FROM tokens t JOIN inspectors i ON i.id = t.inspector_id
      WHERE t.token_hash = $1 AND t.revoked_at IS NULL`,
    [hashToken(token)],
  );
  const row = rows[0];
  return row ? { tokenId: row.token_id, inspectorId: row.inspector_id, role: row.role } : null;
}

export async function createInspector(
  tx: Queryable,
  name: string,
  role: Role,
): Promise<{ inspectorId: string; tokenId: string; token: string }> {
  const inspectorId = randomUUID();
  await tx.query('INSERT INTO inspectors (id, name, role) VALUES ($1, $2, $3)', [inspectorId, name, role]);
  return { inspectorId, ...(await issueToken(tx, inspectorId)) };
}

export async function issueToken(tx: Queryable, inspectorId: string): Promise<{ tokenId: string; token: string }> {
  const token = newToken();
  const tokenId = randomUUID();
  await tx.query('INSERT INTO tokens (id, inspector_id, token_hash) VALUES ($1, $2, $3)', [
    tokenId,
    inspectorId,
    hashToken(token),
  ]);
  return { tokenId, token };
}

export type RevokeTarget = { token: string } | { tokenId: string } | { inspectorId: string };

/** Returns how many live tokens were revoked. */
export async function revokeTokens(tx: Queryable, target: RevokeTarget): Promise<number> {
  const [column, value] =
    'token' in target
      ? ['token_hash', hashToken(target.token)]
      : 'tokenId' in target
        ? ['id', target.tokenId]
        : ['inspector_id', target.inspectorId];
  const rows = await tx.query(
    `UPDATE tokens SET revoked_at = now() WHERE ${column} = $1 AND revoked_at IS NULL RETURNING id`,
    [value],
  );
  return rows.length;
}

export async function audit(
  tx: Queryable,
  actor: string,
  action: string,
  detail: unknown,
  tokenId: string | null = null,
): Promise<void> {
  await tx.query('INSERT INTO audit (actor, token_id, action, detail_json) VALUES ($1, $2, $3, $4)', [
    actor,
    tokenId,
    action,
    JSON.stringify(detail),
  ]);
}
