/**
 * The leads' narratives at head office: the team's lead (or head office) writes one per team and month; the last
 * edit to arrive is kept, in the server's order, and sent to the team's lead, its site and head office. Every edit id
 * is remembered, so a push repeated after a lost answer is a duplicate and never overwrites a later edit.
 */
import type { NarrativePushItem, NarrativePushResult } from '../shared/narrative';
import { canonicalJson } from '../shared/evaluation';
import { audit, type Principal } from './auth';
import type { Db, Queryable } from './db';
import { asciiJson } from './evaluations';
import { evaluationScope } from './scope';
import { reserveVersions, restamp } from './versions';

function mayWrite(who: Principal, teamId: string): boolean {
  return who.role === 'head_office' || (who.role === 'lead' && who.teams.includes(teamId));
}

export async function ingestNarratives(
  db: Db,
  who: Principal,
  items: NarrativePushItem[],
): Promise<NarrativePushResult[]> {
  return db.transaction(async (tx) => {
    const results: NarrativePushResult[] = [];
    for (const item of items) {
      if (!mayWrite(who, item.teamId)) {
        results.push({
          changeId: item.changeId,
          status: 'forbidden',
          reason: `Only the lead of ${item.teamId} or head office writes its narrative.`,
        });
        continue;
      }
      const claimed = await tx.query(
        `INSERT INTO narrative_changes (change_id, team_id, month, user_id) VALUES ($1, $2, $3, $4)
         ON CONFLICT (change_id) DO NOTHING RETURNING change_id`,
        [item.changeId, item.teamId, item.month, who.inspectorId],
      );
      if (claimed.length === 0) {
        results.push({ changeId: item.changeId, status: 'duplicate' });
        continue;
      }
      const version = await reserveVersions(tx, 1);
      await tx.query(
        `INSERT INTO narratives (team_id, month, site, change_id, body_json, author_id, author_name, version)
         VALUES ($1, $2, (SELECT site FROM teams WHERE id = $1), $3, $4, $5, $6, $7)
         ON CONFLICT (team_id, month) DO UPDATE SET site = excluded.site, change_id = excluded.change_id,
           body_json = excluded.body_json, author_id = excluded.author_id, author_name = excluded.author_name,
           updated_at = now(), version = excluded.version`,
        [item.teamId, item.month, item.changeId, canonicalJson(item.body), who.inspectorId, who.name, version],
      );
      results.push({ changeId: item.changeId, status: 'stored' });
    }
    const stored = results.filter((r) => r.status === 'stored').length;
    await audit(tx, who.inspectorId, 'push_narratives', { items: items.length, stored }, who.tokenId);
    return results;
  });
}

interface NarrativeRow {
  v: string;
  team_id: string;
  site: string | null;
  month: string;
  change_id: string;
  body_json: string;
  author_name: string;
  updated_at: string;
}

/** Narratives in the puller's scope after the cursor, as change JSON ready for a page. */
export async function narrativeChanges(
  db: Queryable,
  who: Principal,
  since: string,
  limit: number,
): Promise<{ v: string; json: string }[]> {
  if (who.role === 'inspector') return [];
  const scope = evaluationScope(who, 'n', 3);
  const rows = await db.query<NarrativeRow>(
    `SELECT n.version::text AS v, n.team_id, n.site, n.month, n.change_id, n.body_json, n.author_name,
            to_char(n.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS updated_at
       FROM narratives n WHERE n.version > $1::bigint AND ${scope.sql} ORDER BY n.version LIMIT $2`,
    [since, limit, ...scope.params],
  );
  return rows.map((r) => ({
    v: r.v,
    json: asciiJson(
      `{"kind":"narrative","changeId":${JSON.stringify(r.change_id)},"teamId":${JSON.stringify(r.team_id)},` +
        `"site":${JSON.stringify(r.site)},"month":${JSON.stringify(r.month)},"body":${r.body_json},` +
        `"authorName":${JSON.stringify(r.author_name)},"updatedAt":${JSON.stringify(r.updated_at)}}`,
    ),
  }));
}

/** After a roster import: narratives of a team now at another site follow it. */
export async function refileNarratives(tx: Queryable): Promise<number> {
  return restamp(
    tx,
    `SELECT n.team_id, n.month, t.site, row_number() OVER (ORDER BY n.team_id, n.month) - 1 AS n
       FROM narratives n JOIN teams t ON t.id = n.team_id WHERE n.site IS DISTINCT FROM t.site`,
    (moved) => `UPDATE narratives x SET site = m.site, version = $1::bigint + m.n
                  FROM (${moved}) m WHERE m.team_id = x.team_id AND m.month = x.month`,
  );
}
