/**
 * Users, tokens and who a request acts for. The principal (user, role, teams, site) always comes from the token,
 * never from anything the client sends; every query that reads or writes on a user's behalf takes it from here.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Identity, UserRole } from '../shared/sync';
import type { Queryable } from './db';

export type Role = UserRole;

export interface Principal {
  tokenId: string;
  /** The user's id (the column keeps its first name, inspector_id). */
  inspectorId: string;
  name: string;
  role: Role;
  /** A lead's team ids, sorted; empty for other roles. */
  teams: string[];
  /** A site user's 分公司; null for other roles. */
  site: string | null;
}

const tokenPattern = /^qai_[A-Za-z0-9_-]{43}$/;

/** 256 random bits: a plain SHA-256 is enough to store it (no dictionary to guess from). */
export function newToken(): string {
  return `qai_${randomBytes(32).toString('base64url')}`;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export function bearerToken(header: string | string[] | undefined): string | null {
  if (typeof header !== 'string') return null;
  const match = /^Bearer (\S+)$/.exec(header);
  return match && tokenPattern.test(match[1]) ? match[1] : null;
}

export async function authenticate(db: Queryable, token: string): Promise<Principal | null> {
  const rows = await db.query<{
    token_id: string;
    inspector_id: string;
    name: string;
    role: Role;
    site: string | null;
    teams: string[] | null;
  }>(
    `SELECT t.id AS token_id, t.inspector_id, i.name, i.role, i.site,
            ARRAY(SELECT team_id FROM user_teams u WHERE u.user_id = i.id ORDER BY team_id) AS teams
       FROM tokens t JOIN inspectors i ON i.id = t.inspector_id
      WHERE t.token_hash = $1 AND t.revoked_at IS NULL`,
    [hashToken(token)],
  );
  const row = rows[0];
  if (!row) return null;
  return {
    tokenId: row.token_id,
    inspectorId: row.inspector_id,
    name: row.name,
    role: row.role,
    teams: row.role === 'lead' ? (row.teams ?? []) : [],
    site: row.role === 'site' ? row.site : null,
  };
}

/** `GET /v1/me`: the principal with its teams' names from the roster (a team not in it yet shows its id). */
export async function identityOf(db: Queryable, who: Principal): Promise<Identity> {
  const rows = await db.query<{ id: string; name: string | null }>(
    `SELECT u.id, t.name FROM unnest($1::text[]) AS u(id) LEFT JOIN teams t ON t.id = u.id ORDER BY u.id`,
    [who.teams],
  );
  return {
    userId: who.inspectorId,
    name: who.name,
    role: who.role,
    teams: rows.map((r) => ({ id: r.id, name: r.name ?? r.id })),
    site: who.site,
  };
}

export interface NewUser {
  name: string;
  role: Role;
  /** A lead's teams (at least one). */
  teams?: string[];
  /** A site user's 分公司. */
  site?: string;
}

/** Checks the role's own fields, so a lead without a team or a site user without a site never exists. */
export function userProblem(user: NewUser): string | null {
  const teams = user.teams ?? [];
  if (!user.name.trim()) return 'A user needs a name.';
  if (user.role === 'lead' && teams.length === 0) return 'A lead needs at least one --team.';
  if (user.role !== 'lead' && teams.length > 0) return '--team is only for --role lead.';
  if (user.role === 'site' && !user.site?.trim()) return 'A site user needs --site.';
  if (user.role !== 'site' && user.site !== undefined) return '--site is only for --role site.';
  const texts = [user.name, user.site ?? '', ...teams];
  if (texts.some((t) => t.includes('\u0000'))) return 'Names must not contain a NUL character.';
  if (teams.some((t) => !t.trim() || t.length > 100)) return 'Team ids are 1–100 characters.';
  if (user.name.length > 200 || (user.site ?? '').length > 200) return 'Names and sites are at most 200 characters.';
  return null;
}

export async function createUser(
  tx: Queryable,
  user: NewUser,
): Promise<{ inspectorId: string; tokenId: string; token: string }> {
  const problem = userProblem(user);
  if (problem) throw new Error(problem);
  const inspectorId = randomUUID();
  await tx.query('INSERT INTO inspectors (id, name, role, site) VALUES ($1, $2, $3, $4)', [
    inspectorId,
    user.name.trim(),
    user.role,
    user.role === 'site' ? user.site!.trim() : null,
  ]);
  const teams = [...new Set((user.teams ?? []).map((t) => t.trim()))];
  if (teams.length) {
    await tx.query('INSERT INTO user_teams (user_id, team_id) SELECT $1, t FROM unnest($2::text[]) AS u(t)', [
      inspectorId,
      teams,
    ]);
  }
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
