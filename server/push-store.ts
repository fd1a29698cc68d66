/**
 * The SQL of a push, run inside its one transaction. Owners are locked first (in id order, so two batches touching
 * the same evaluations never deadlock), which also makes every later read here see what a concurrent batch for the
 * same evaluation committed: two server processes storing the same revision store it once.
 */
import type { Queryable } from './db';
import type { RevisionContext } from './evaluations';
import { reserveVersions } from './versions';

/** Claims evaluations that start here (revision 1 in the batch) and locks every evaluation the batch touches. */
export async function lockOwners(
  tx: Queryable,
  inspectorId: string,
  newIds: string[],
  allIds: string[],
): Promise<Map<string, string>> {
  if (newIds.length) {
    await tx.query(
      `INSERT INTO evaluation_owners (evaluation_id, inspector_id)
       SELECT id, $2 FROM unnest($1::text[]) AS u(id) ORDER BY id
       ON CONFLICT (evaluation_id) DO NOTHING`,
      [newIds, inspectorId],
    );
  }
  const rows = await tx.query<{ evaluation_id: string; inspector_id: string }>(
    `SELECT evaluation_id, inspector_id FROM evaluation_owners
      WHERE evaluation_id = ANY($1::text[]) ORDER BY evaluation_id FOR UPDATE`,
    [allIds],
  );
  return new Map(rows.map((r) => [r.evaluation_id, r.inspector_id]));
}

/** Hash of every stored revision of these evaluations, by `id#revision`. */
export async function storedHashes(tx: Queryable, ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await tx.query<{ evaluation_id: string; revision: number; hash: string }>(
    'SELECT evaluation_id, revision, hash FROM evaluation_revisions WHERE evaluation_id = ANY($1::text[])',
    [ids],
  );
  return new Map(rows.map((r) => [`${r.evaluation_id}#${Number(r.revision)}`, r.hash]));
}

/** The roster entries of these agents, and whether a roster is loaded at all (at least one agent). */
export async function rosterOf(
  db: Queryable,
  agentNos: string[],
): Promise<{ loaded: boolean; agents: Map<string, { teamId: string | null; site: string | null }> }> {
  const rows = await db.query<{ agent_no: string | null; team_id: string | null; site: string | null }>(
    `SELECT agent_no, team_id, site FROM agents WHERE agent_no = ANY($1::text[])
     UNION ALL
     SELECT NULL, NULL, NULL WHERE EXISTS (SELECT 1 FROM agents)`,
    [agentNos],
  );
  const agents = new Map<string, { teamId: string | null; site: string | null }>();
  let loaded = false;
  for (const r of rows) {
    if (r.agent_no === null) loaded = true;
    else agents.set(r.agent_no, { teamId: r.team_id, site: r.site });
  }
  return { loaded: loaded || agents.size > 0, agents };
}

export interface RevisionRow {
  id: string;
  revision: number;
  hash: string;
  /** Canonical JSON of the body without its scorecard definition. */
  bodyJson: string;
  agentNo: string | null;
  scorecardId: string;
  scorecardVersion: number;
  total: number;
  sectionsJson: string;
  submittedAt: string;
  receivedAt: string;
  context: RevisionContext;
}

const revisionTypes = [
  'text',
  'int',
  'text',
  'text',
  'text',
  'text',
  'int',
  'numeric',
  'text',
  'timestamptz',
  'timestamptz',
  'date',
  'text',
  'text',
  'text',
  'text',
  'text',
];

function revisionValues(rows: RevisionRow[], params: unknown[]): string[] {
  return rows.map((r) => {
    const at = params.length;
    const c = r.context;
    params.push(r.id, r.revision, r.hash, r.bodyJson, r.agentNo, r.scorecardId, r.scorecardVersion, r.total);
    params.push(r.sectionsJson, r.submittedAt, r.receivedAt, c.callDay, c.category, c.agentName, c.callTeamId);
    params.push(c.callSite, c.channel);
    return `(${revisionTypes.map((type, k) => `$${at + k + 1}::${type}`).join(', ')})`;
  });
}

/**
 * Inserts revisions already judged new. One parameter per value, not one array per column: the pg driver escapes
 * every character of a text[] literal and the server parses it back (about 1 ms per 5 KB body); at MAX_PUSH_ITEMS
 * rows this stays far below PostgreSQL's 65 535-parameter limit.
 */
export async function insertRevisions(tx: Queryable, inspectorId: string, rows: RevisionRow[]): Promise<void> {
  if (!rows.length) return;
  const params: unknown[] = [inspectorId];
  const values = revisionValues(rows, params);
  await tx.query(
    `INSERT INTO evaluation_revisions (evaluation_id, revision, inspector_id, hash, body_json, agent_no, scorecard_id,
                                      scorecard_version, total, sections_json, submitted_at, received_at, call_day,
                                      category, agent_name, call_team_id, call_site, channel)
     SELECT v.id, v.rev, $1, v.hash, v.body, v.agent, v.card, v.card_version, v.total, v.sections, v.at, v.received,
            v.day, v.category, v.agent_name, v.team, v.site, v.channel
       FROM (VALUES ${values.join(',\n')})
         AS v(id, rev, hash, body, agent, card, card_version, total, sections, at, received, day, category, agent_name,
              team, site, channel)`,
    params,
  );
}

export interface LatestRow {
  revision: RevisionRow;
  inspectorId: string;
  criticalFailed: boolean;
  totalX100: number;
  /** Final sections, and the total and sections before critical items (server/score-modes.ts). */
  sectionsX100: string;
  uncappedX100: number;
  sectionsUncappedX100: string;
  changeJson: string;
}

const latestTypes = [
  'text',
  'int',
  'text',
  'bigint',
  'text',
  'text',
  'text',
  'text',
  'text',
  'text',
  'text',
  'date',
  'text',
  'int',
  'int',
  'boolean',
  'jsonb',
  'text',
  'int',
  'jsonb',
  'text',
];

/** Makes these revisions the latest of their evaluations, each stamped with a server version of its own. */
export async function upsertLatest(tx: Queryable, rows: LatestRow[]): Promise<void> {
  if (!rows.length) return;
  let version = await reserveVersions(tx, rows.length);
  const params: unknown[] = [];
  const values = rows.map((l) => {
    const r = l.revision;
    const c = r.context;
    const at = params.length;
    params.push(r.id, r.revision, l.inspectorId, version++, c.teamId, c.site, r.agentNo, c.agentName, c.callTeamId);
    params.push(c.callTeamName, c.callSite, c.callDay, r.scorecardId, r.scorecardVersion, l.totalX100);
    params.push(l.criticalFailed, l.sectionsX100, l.changeJson, l.uncappedX100, l.sectionsUncappedX100, c.channel);
    return `(${latestTypes.map((type, k) => `$${at + k + 1}::${type}`).join(', ')})`;
  });
  await tx.query(
    `INSERT INTO evaluation_latest (evaluation_id, revision, inspector_id, version, team_id, site, agent_no, agent_name,
                                   call_team_id, call_team_name, call_site, call_day, scorecard_id, scorecard_version,
                                   total_x100, critical_failed, sections_x100, change_json, uncapped_x100,
                                   sections_uncapped_x100, channel)
     VALUES ${values.join(',\n')}
     ON CONFLICT (evaluation_id) DO UPDATE SET
       revision = excluded.revision, inspector_id = excluded.inspector_id, version = excluded.version,
       team_id = excluded.team_id, site = excluded.site, agent_no = excluded.agent_no,
       agent_name = excluded.agent_name, call_team_id = excluded.call_team_id,
       call_team_name = excluded.call_team_name, call_site = excluded.call_site, call_day = excluded.call_day,
       scorecard_id = excluded.scorecard_id, scorecard_version = excluded.scorecard_version,
       total_x100 = excluded.total_x100, critical_failed = excluded.critical_failed,
       sections_x100 = excluded.sections_x100, change_json = excluded.change_json, change_ascii = TRUE,
       uncapped_x100 = excluded.uncapped_x100, sections_uncapped_x100 = excluded.sections_uncapped_x100,
       channel = excluded.channel
     WHERE excluded.revision > evaluation_latest.revision`,
    params,
  );
}

export interface Refusal {
  id: string;
  revision: number;
  hash: string;
  status: string;
  code: string;
  reason: string;
}

export async function recordRefusals(tx: Queryable, inspectorId: string, refused: Refusal[]): Promise<void> {
  if (!refused.length) return;
  await tx.query(
    `INSERT INTO rejections (evaluation_id, revision, inspector_id, hash, status, code, reason)
     SELECT v.id, v.rev, $7, v.hash, v.status, v.code, v.reason
       FROM unnest($1::text[], $2::int[], $3::text[], $4::text[], $5::text[], $6::text[])
         AS v(id, rev, hash, status, code, reason)`,
    [
      refused.map((r) => r.id),
      refused.map((r) => r.revision),
      refused.map((r) => r.hash),
      refused.map((r) => r.status),
      refused.map((r) => r.code),
      refused.map((r) => r.reason),
      inspectorId,
    ],
  );
}

/**
 * Records these gaps (first sighting only) and returns, per `id#revision`, how long ago each was first seen in
 * milliseconds, on the database's clock.
 */
export async function gapAges(
  tx: Queryable,
  inspectorId: string,
  gaps: { id: string; revision: number }[],
): Promise<Map<string, number>> {
  if (!gaps.length) return new Map();
  const ids = gaps.map((g) => g.id);
  const revisions = gaps.map((g) => g.revision);
  await tx.query(
    `INSERT INTO revision_gaps (evaluation_id, revision, inspector_id)
     SELECT id, rev, $3 FROM unnest($1::text[], $2::int[]) AS g(id, rev)
     ON CONFLICT DO NOTHING`,
    [ids, revisions, inspectorId],
  );
  const rows = await tx.query<{ evaluation_id: string; revision: number; age_ms: string }>(
    `SELECT g.evaluation_id, g.revision, (extract(epoch FROM now() - g.first_seen_at) * 1000)::bigint AS age_ms
       FROM revision_gaps g JOIN unnest($1::text[], $2::int[]) AS k(id, rev)
         ON g.evaluation_id = k.id AND g.revision = k.rev AND g.inspector_id = $3`,
    [ids, revisions, inspectorId],
  );
  return new Map(rows.map((r) => [`${r.evaluation_id}#${Number(r.revision)}`, Number(r.age_ms)]));
}

/** Gaps that closed: these revisions are stored now. */
export async function clearGaps(tx: Queryable, stored: { id: string; revision: number }[]): Promise<void> {
  if (!stored.length) return;
  await tx.query(
    `DELETE FROM revision_gaps g USING unnest($1::text[], $2::int[]) AS k(id, rev)
      WHERE g.evaluation_id = k.id AND g.revision = k.rev`,
    [stored.map((r) => r.id), stored.map((r) => r.revision)],
  );
}
