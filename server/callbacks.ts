/**
 * Call-backs (回访) at head office: stored once per id from whoever runs the call-back team, filed under the roster's
 * team and site of their agent (else the site they carry), sent down to the leads, sites and head office whose
 * scope they fall in, and refiled with the agent when the roster moves one.
 */
import { callbackHash, type CallbackPushResult, type CallbackRecord } from '../shared/callbacks';
import { canonicalJson } from '../shared/evaluation';
import { audit, type Principal } from './auth';
import type { Db, Queryable } from './db';
import { asciiJson } from './evaluations';
import { rosterOf } from './push-store';
import { evaluationScope } from './scope';
import { reserveVersions, restamp } from './versions';

/**
 * Stores a batch in one transaction and answers each call-back. A site user sends call-backs of their own 分公司
 * only: one carrying another site is refused (forbidden), one carrying none is filed under theirs.
 */
export async function ingestCallbacks(db: Db, who: Principal, items: CallbackRecord[]): Promise<CallbackPushResult[]> {
  return db.transaction(async (tx) => {
    const results = new Map<string, CallbackPushResult>();
    const accepted: CallbackRecord[] = [];
    for (const item of items) {
      if (who.role === 'site' && item.site !== null && item.site !== who.site) {
        results.set(item.id, { id: item.id, status: 'forbidden', reason: `Call-backs of ${item.site} are not yours.` });
        continue;
      }
      if (results.has(item.id) || accepted.some((a) => a.id === item.id)) continue;
      accepted.push(who.role === 'site' ? { ...item, site: item.site ?? who.site } : item);
    }
    const held = new Map(
      (
        await tx.query<{ id: string; hash: string }>('SELECT id, hash FROM callbacks WHERE id = ANY($1::text[])', [
          accepted.map((a) => a.id),
        ])
      ).map((r) => [r.id, r.hash]),
    );
    const roster = await rosterOf(
      tx,
      accepted.map((a) => a.agentNo).filter((n): n is string => n !== null),
    );
    const fresh = accepted.filter((a) => held.get(a.id) !== callbackHash(a));
    for (const a of accepted) if (!fresh.includes(a)) results.set(a.id, { id: a.id, status: 'duplicate' });
    if (fresh.length) {
      const first = await reserveVersions(tx, fresh.length);
      const filing = fresh.map((a) => (a.agentNo ? roster.agents.get(a.agentNo) : undefined));
      await tx.query(
        `INSERT INTO callbacks (id, hash, record_json, call_day, agent_no, given_site, team_id, site, uploaded_by,
                                version)
         SELECT v.id, v.hash, v.json, v.day::date, v.agent, v.given, v.team, v.site, $9, v.version
           FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
                       $8::text[], $10::bigint[])
             AS v(id, hash, json, day, agent, given, team, site, version)
         ON CONFLICT (id) DO UPDATE SET hash = excluded.hash, record_json = excluded.record_json,
           call_day = excluded.call_day, agent_no = excluded.agent_no, given_site = excluded.given_site,
           team_id = excluded.team_id, site = excluded.site, uploaded_by = excluded.uploaded_by,
           received_at = now(), version = excluded.version
         WHERE callbacks.hash IS DISTINCT FROM excluded.hash`,
        [
          fresh.map((a) => a.id),
          fresh.map((a) => callbackHash(a)),
          fresh.map((a) => canonicalJson(a)),
          fresh.map((a) => a.date),
          fresh.map((a) => a.agentNo),
          fresh.map((a) => a.site),
          filing.map((f) => f?.teamId ?? null),
          fresh.map((a, i) => (filing[i] ? filing[i].site : a.site)),
          who.inspectorId,
          fresh.map((_, i) => String(first + i)),
        ],
      );
      for (const a of fresh) results.set(a.id, { id: a.id, status: 'stored' });
    }
    const counts = { stored: fresh.length, duplicate: accepted.length - fresh.length, forbidden: 0 };
    counts.forbidden = [...results.values()].filter((r) => r.status === 'forbidden').length;
    await audit(tx, who.inspectorId, 'push_callbacks', counts, who.tokenId);
    return items.map((i) => results.get(i.id)!);
  });
}

interface CallbackRow {
  v: string;
  record_json: string;
  team_id: string | null;
  site: string | null;
}

/** Call-backs in the puller's scope after the cursor, as change JSON ready for a page. */
export async function callbackChanges(
  db: Queryable,
  who: Principal,
  since: string,
  limit: number,
): Promise<{ v: string; json: string }[]> {
  if (who.role === 'inspector') return [];
  const scope = evaluationScope(who, 'c', 3);
  const rows = await db.query<CallbackRow>(
    `SELECT c.version::text AS v, c.record_json, c.team_id, c.site FROM callbacks c
      WHERE c.version > $1::bigint AND ${scope.sql} ORDER BY c.version LIMIT $2`,
    [since, limit, ...scope.params],
  );
  return rows.map((r) => ({
    v: r.v,
    json: asciiJson(
      `{"kind":"callback","record":${r.record_json},"teamId":${JSON.stringify(r.team_id)},"site":${JSON.stringify(r.site)}}`,
    ),
  }));
}

/** After a roster import: call-backs whose agent moved get the agent's new team and site and a new version. */
export async function refileCallbacks(tx: Queryable): Promise<number> {
  return restamp(
    tx,
    `SELECT c.id, a.team_id, a.site, row_number() OVER (ORDER BY c.id) - 1 AS n
       FROM callbacks c JOIN agents a ON a.agent_no = c.agent_no
      WHERE (c.team_id, c.site) IS DISTINCT FROM (a.team_id, a.site)`,
    (moved) => `UPDATE callbacks c SET team_id = m.team_id, site = m.site, version = $1::bigint + m.n
                  FROM (${moved}) m WHERE m.id = c.id`,
  );
}
