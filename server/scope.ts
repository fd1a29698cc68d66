/**
 * What each role may see, as SQL predicates with their values as parameters. Every query that reads evaluations,
 * agents, teams or targets on a user's behalf adds one of these, so a scope is enforced by the database query
 * itself and never depends on a filter the client sent.
 */
import { createHash } from 'node:crypto';
import type { Principal } from './auth';

export interface ScopeSql {
  /** A boolean SQL expression; `$n` placeholders numbered from the `first` given. */
  sql: string;
  params: unknown[];
}

const everything = (): ScopeSql => ({ sql: 'TRUE', params: [] });
const nothing = (): ScopeSql => ({ sql: 'FALSE', params: [] });

/**
 * Evaluations (rows of evaluation_latest aliased `alias`): a lead's teams, a site's 分公司, everything for head
 * office, none for an inspector (an inspector reads only their own, through the history endpoint).
 */
export function evaluationScope(who: Principal, alias: string, first: number): ScopeSql {
  switch (who.role) {
    case 'head_office':
      return everything();
    case 'lead':
      return { sql: `${alias}.team_id = ANY($${first}::text[])`, params: [who.teams] };
    case 'site':
      return { sql: `${alias}.site = $${first}::text`, params: [who.site] };
    case 'inspector':
      return nothing();
  }
}

/** Teams (`alias` over teams): every team for inspectors and head office (they score or see any agent). */
export function teamScope(who: Principal, alias: string, first: number): ScopeSql {
  if (who.role === 'lead') return { sql: `${alias}.id = ANY($${first}::text[])`, params: [who.teams] };
  if (who.role === 'site') return { sql: `${alias}.site = $${first}::text`, params: [who.site] };
  return everything();
}

/** Agents (`alias` over agents). */
export function agentScope(who: Principal, alias: string, first: number): ScopeSql {
  if (who.role === 'lead') return { sql: `${alias}.team_id = ANY($${first}::text[])`, params: [who.teams] };
  if (who.role === 'site') return { sql: `${alias}.site = $${first}::text`, params: [who.site] };
  return everything();
}

/**
 * Sampling targets (`alias` over sampling_targets): `all`, plus the targets of the teams and agents in scope.
 */
export function targetScope(who: Principal, alias: string, first: number): ScopeSql {
  if (who.role === 'lead') {
    // the lead's own team ids, whether or not the roster lists those teams yet
    return {
      sql: `(${alias}.scope = 'all'
             OR ${alias}.scope IN (SELECT 'team:' || u.id FROM unnest($${first}::text[]) AS u(id))
             OR ${alias}.scope IN (SELECT 'agent:' || a.agent_no FROM agents a WHERE a.team_id = ANY($${first}::text[])))`,
      params: [who.teams],
    };
  }
  if (who.role === 'site') {
    return {
      sql: `(${alias}.scope = 'all'
             OR ${alias}.scope IN (SELECT 'team:' || t.id FROM teams t WHERE t.site = $${first}::text)
             OR ${alias}.scope IN (SELECT 'agent:' || a.agent_no FROM agents a WHERE a.site = $${first}::text))`,
      params: [who.site],
    };
  }
  return everything();
}

/**
 * Names the scope a pull cursor was built under. It changes whenever what the token may see changes (role, teams,
 * site), so the app starts again from 0 instead of keeping a cursor that skipped what the new scope adds.
 */
export function scopeKey(who: Principal): string {
  const material = JSON.stringify([who.role, [...who.teams].sort(), who.site]);
  return `${who.role}:${createHash('sha256').update(material, 'utf8').digest('hex').slice(0, 32)}`;
}
