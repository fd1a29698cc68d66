/**
 * All of the call-backs' SQL: the rows (own imports and head office's), their outbox, and the scoped reads the
 * report makes. A call-back's agent, team and site are decided when it is read, as evaluations are filed: the agent
 * the row names, else the agent of the evaluated call it names (report_facts.call_id); the roster's team and site of
 * that agent, else the evaluation's, else head office's filing, else the site it was imported under.
 */
import type { Database, Statement } from 'better-sqlite3';
import { callbackHash, type CallbackPushResult, type CallbackRecord } from '../../../shared/callbacks';
import type { ScopeFilter } from '../reports/repo';

/** Every call-back of the months @from..@to with the agent, team and site it counts under; see the file comment. */
const scopedSql = `
  WITH base AS (
    SELECT c.*, (SELECT f2.evaluation_id FROM report_facts f2 WHERE f2.call_id = c.call_id
                  ORDER BY f2.day DESC, f2.evaluation_id DESC LIMIT 1) AS eval_id
      FROM callbacks c WHERE c.month BETWEEN @from AND @to
  ), linked AS (
    SELECT b.*, f.total_x100 AS eval_total, f.mine AS eval_mine, COALESCE(b.agent_no, f.agent_no) AS eff_agent,
           NULLIF(f.team_id, '') AS f_team, NULLIF(f.site, '') AS f_site, NULLIF(f.agent_name, '') AS f_name
      FROM base b LEFT JOIN report_facts f ON f.evaluation_id = b.eval_id
  ), scoped AS (
    SELECT l.*, COALESCE(a.team_id, l.f_team, l.filed_team_id) AS eff_team,
           COALESCE(NULLIF(a.site, ''), NULLIF(t.site, ''), l.f_site, l.filed_site, l.site) AS eff_site,
           COALESCE(NULLIF(a.name, ''), l.f_name) AS eff_name
      FROM linked l LEFT JOIN agents a ON a.agent_no = l.eff_agent LEFT JOIN teams t ON t.id = a.team_id
  )`;
const scopeWhere = `(@mine = 0 OR eval_mine = 1)
  AND (@teams IS NULL OR eff_team IN (SELECT value FROM json_each(@teams)))
  AND (@site IS NULL OR eff_site = @site)`;

export interface MonthCounts {
  month: string;
  total: number;
  timeOk: number;
  overallOk: number;
}

export interface GroupCounts {
  month: string;
  grp: string;
  total: number;
  overallOk: number;
}

export interface AgentCounts {
  agentNo: string;
  name: string | null;
  total: number;
  overallOk: number;
  linked: number;
  linkedSumX100: number;
}

export interface AnnexDbRow {
  id: string;
  day: string;
  grp: string;
  call_id: string | null;
  eff_agent: string | null;
  eff_name: string | null;
  time_ok: number;
  overall_ok: number;
  reason: string;
  suggestion: string;
  eval_id: string | null;
  eval_total: number | null;
}

export interface OutboxItem {
  outboxId: number;
  record: CallbackRecord;
}

const recordColumns = `c.id, c.day, c.call_id, c.grp, c.agent_no, c.time_ok, c.overall_ok, c.reason, c.suggestion,
  c.site`;

interface RecordRow {
  id: string;
  day: string;
  call_id: string | null;
  grp: string;
  agent_no: string | null;
  time_ok: number;
  overall_ok: number;
  reason: string;
  suggestion: string;
  site: string | null;
}

const toRecord = (r: RecordRow): CallbackRecord => ({
  id: r.id,
  date: r.day,
  callId: r.call_id,
  group: r.grp,
  agentNo: r.agent_no,
  timeSatisfied: r.time_ok === 1,
  overallSatisfied: r.overall_ok === 1,
  reason: r.reason,
  suggestion: r.suggestion,
  site: r.site,
});

export class CallbackRepository {
  private readonly s;

  constructor(private readonly db: Database) {
    const p = <R>(sql: string) => db.prepare<[Record<string, unknown>], R>(sql);
    this.s = {
      held: db.prepare<[string], { id: string; hash: string; source: string }>(
        'SELECT id, hash, source FROM callbacks WHERE id IN (SELECT value FROM json_each(?))',
      ),
      insert: p(`INSERT INTO callbacks (id, hash, day, month, call_id, grp, agent_no, time_ok, overall_ok, reason,
          suggestion, site, source, filed_team_id, filed_site, batch_id, line)
        VALUES (@id, @hash, @date, substr(@date, 1, 7), @callId, @group, @agentNo, @timeOk, @overallOk, @reason,
          @suggestion, @site, @source, @teamId, @filedSite, @batchId, @line)
        ON CONFLICT (id) DO UPDATE SET hash = excluded.hash, day = excluded.day, month = excluded.month,
          call_id = excluded.call_id, grp = excluded.grp, agent_no = excluded.agent_no, time_ok = excluded.time_ok,
          overall_ok = excluded.overall_ok, reason = excluded.reason, suggestion = excluded.suggestion,
          site = excluded.site, batch_id = COALESCE(excluded.batch_id, batch_id), line = COALESCE(excluded.line, line),
          filed_team_id = excluded.filed_team_id, filed_site = excluded.filed_site`),
      refile: p('UPDATE callbacks SET filed_team_id = @teamId, filed_site = @filedSite WHERE id = @id'),
      enqueue: p(`INSERT INTO callback_outbox (callback_id) VALUES (@id)
        ON CONFLICT (callback_id) DO UPDATE SET status = 'pending', attempts = 0, last_error = NULL`),
      pending: db.prepare<[number, number], RecordRow & { outbox_id: number; eff_agent: string | null }>(
        `SELECT o.id AS outbox_id, ${recordColumns},
                COALESCE(c.agent_no, (SELECT f.agent_no FROM report_facts f WHERE f.call_id = c.call_id
                                       ORDER BY f.day DESC, f.evaluation_id DESC LIMIT 1)) AS eff_agent
           FROM callback_outbox o JOIN callbacks c ON c.id = o.callback_id
          WHERE o.status = 'pending' AND o.id > ? ORDER BY o.id LIMIT ?`,
      ),
      acked: db.prepare<[string | null, string]>(`UPDATE callbacks SET sent_agent_no = ? WHERE id = ?`),
      dequeue: db.prepare<[string]>('DELETE FROM callback_outbox WHERE callback_id = ?'),
      refuse: db.prepare<[string, string]>(
        "UPDATE callback_outbox SET status = 'refused', last_error = ? WHERE callback_id = ?",
      ),
      failed: db.prepare<[string, number]>(
        'UPDATE callback_outbox SET attempts = attempts + 1, last_error = ? WHERE id = ?',
      ),
      count: db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM callback_outbox WHERE status = ?'),
      // Own call-backs sent without an agent whose call now links to an evaluation: sent again, refiled.
      relinkable: db.prepare<[], { id: string }>(
        `SELECT c.id FROM callbacks c
          WHERE c.source = 'own' AND c.agent_no IS NULL AND c.sent_agent_no IS NULL AND c.call_id IS NOT NULL
            AND NOT EXISTS (SELECT 1 FROM callback_outbox o WHERE o.callback_id = c.id)
            AND EXISTS (SELECT 1 FROM report_facts f WHERE f.call_id = c.call_id)`,
      ),
      linked: db.prepare<[string], { n: number }>(
        `SELECT count(*) AS n FROM callbacks c WHERE c.id IN (SELECT value FROM json_each(?))
            AND (c.agent_no IS NOT NULL OR EXISTS (SELECT 1 FROM report_facts f WHERE f.call_id = c.call_id))`,
      ),
      clearPulled: db.prepare<[]>("DELETE FROM callbacks WHERE source = 'pulled'"),
      clearFiling: db.prepare<[]>("UPDATE callbacks SET filed_team_id = NULL, filed_site = NULL WHERE source = 'own'"),
      months: p<MonthCounts>(`${scopedSql}
        SELECT month, count(*) AS total, sum(time_ok) AS timeOk, sum(overall_ok) AS overallOk
          FROM scoped WHERE ${scopeWhere} GROUP BY month ORDER BY month`),
      groups: p<GroupCounts>(`${scopedSql}
        SELECT month, grp, count(*) AS total, sum(overall_ok) AS overallOk
          FROM scoped WHERE ${scopeWhere} GROUP BY month, grp ORDER BY month, grp`),
      reasons: p<{ text: string; count: number }>(`${scopedSql}
        SELECT reason AS text, count(*) AS count FROM scoped WHERE ${scopeWhere} AND overall_ok = 0
         GROUP BY reason ORDER BY count(*) DESC, reason`),
      suggestions: p<{ text: string; count: number }>(`${scopedSql}
        SELECT suggestion AS text, count(*) AS count FROM scoped WHERE ${scopeWhere} AND suggestion <> ''
         GROUP BY suggestion ORDER BY count(*) DESC, suggestion`),
      agents: p<AgentCounts>(`${scopedSql}
        SELECT eff_agent AS agentNo, max(eff_name) AS name, count(*) AS total, sum(overall_ok) AS overallOk,
               count(eval_id) AS linked, COALESCE(sum(eval_total), 0) AS linkedSumX100
          FROM scoped WHERE ${scopeWhere} AND eff_agent IS NOT NULL GROUP BY eff_agent ORDER BY eff_agent`),
      annexCount: p<{ n: number }>(`${scopedSql} SELECT count(*) AS n FROM scoped WHERE ${scopeWhere}`),
      annex: p<AnnexDbRow>(`${scopedSql}
        SELECT id, day, grp, call_id, eff_agent, eff_name, time_ok, overall_ok, reason, suggestion, eval_id, eval_total
          FROM scoped WHERE ${scopeWhere}
         ORDER BY day, imported_at, COALESCE(line, 0), id LIMIT @limit OFFSET @offset`),
    } satisfies Record<string, Statement>;
  }

  private params(filter: ScopeFilter, extra: Record<string, unknown>) {
    return {
      mine: filter.mine ? 1 : 0,
      teams: filter.teams ? JSON.stringify(filter.teams) : null,
      site: filter.site,
      ...extra,
    };
  }

  /** Which of these ids are held already, with their content hash. */
  held(ids: string[]): Map<string, { hash: string; source: string }> {
    const out = new Map<string, { hash: string; source: string }>();
    for (let i = 0; i < ids.length; i += 5000) {
      for (const r of this.s.held.all(JSON.stringify(ids.slice(i, i + 5000)))) out.set(r.id, r);
    }
    return out;
  }

  private row(record: CallbackRecord, extra: Record<string, unknown>) {
    return {
      id: record.id,
      hash: callbackHash(record),
      date: record.date,
      callId: record.callId,
      group: record.group,
      agentNo: record.agentNo,
      timeOk: record.timeSatisfied ? 1 : 0,
      overallOk: record.overallSatisfied ? 1 : 0,
      reason: record.reason,
      suggestion: record.suggestion,
      site: record.site,
      teamId: null,
      filedSite: null,
      batchId: null,
      line: null,
      ...extra,
    };
  }

  /** Imported rows, and each into the outbox; call inside the import's transaction. */
  putOwn(rows: { row: number; record: CallbackRecord }[], batchId: string): void {
    for (const { row, record } of rows) {
      this.s.insert.run(this.row(record, { source: 'own', batchId, line: row }));
      this.s.enqueue.run({ id: record.id });
    }
  }

  /** A call-back head office sent: a pulled one is stored as sent; one of this app's own only takes its filing. */
  putPulled(record: CallbackRecord, teamId: string | null, site: string | null): void {
    const held = this.held([record.id]).get(record.id);
    if (held?.source === 'own') this.s.refile.run({ id: record.id, teamId, filedSite: site });
    else this.s.insert.run(this.row(record, { source: 'pulled', teamId, filedSite: site }));
  }

  /** Own call-backs waiting for head office, each with the agent its call links to where the row names none. */
  pending(limit: number, after = 0): OutboxItem[] {
    return this.s.pending.all(after, limit).map((r) => ({
      outboxId: r.outbox_id,
      record: { ...toRecord(r), agentNo: r.eff_agent },
    }));
  }

  applyResults(sent: OutboxItem[], results: CallbackPushResult[]): { acked: number; refused: number } {
    const agents = new Map(sent.map((s) => [s.record.id, s.record.agentNo]));
    let acked = 0;
    let refused = 0;
    this.db.transaction(() => {
      for (const r of results) {
        if (!agents.has(r.id)) continue;
        if (r.status === 'forbidden') {
          this.s.refuse.run(r.reason ?? 'forbidden', r.id);
          refused++;
        } else {
          this.s.acked.run(agents.get(r.id) ?? null, r.id);
          this.s.dequeue.run(r.id);
          acked++;
        }
      }
    })();
    return { acked, refused };
  }

  markFailed(outboxIds: number[], error: string): void {
    this.db.transaction(() => {
      for (const id of outboxIds) this.s.failed.run(error, id);
    })();
  }

  count(status: 'pending' | 'refused'): number {
    return this.s.count.get(status)!.n;
  }

  /** Puts call-backs whose call has since found its evaluation back in the outbox; returns how many. */
  requeueLinked(): number {
    const ids = this.s.relinkable.all();
    this.db.transaction(() => {
      for (const { id } of ids) this.s.enqueue.run({ id });
    })();
    return ids.length;
  }

  /** How many of these call-backs name an agent or a call the reports hold an evaluation of. */
  linked(ids: string[]): number {
    let n = 0;
    for (let i = 0; i < ids.length; i += 5000) n += this.s.linked.get(JSON.stringify(ids.slice(i, i + 5000)))!.n;
    return n;
  }

  /** What an earlier scope sent down goes (the next pull sends what the new scope holds). */
  clearPulled(): void {
    this.s.clearPulled.run();
    this.s.clearFiling.run();
  }

  months(fromMonth: string, toMonth: string, filter: ScopeFilter): MonthCounts[] {
    return this.s.months.all(this.params(filter, { from: fromMonth, to: toMonth }));
  }

  groups(fromMonth: string, toMonth: string, filter: ScopeFilter): GroupCounts[] {
    return this.s.groups.all(this.params(filter, { from: fromMonth, to: toMonth }));
  }

  reasons(month: string, filter: ScopeFilter) {
    return this.s.reasons.all(this.params(filter, { from: month, to: month }));
  }

  suggestions(month: string, filter: ScopeFilter) {
    return this.s.suggestions.all(this.params(filter, { from: month, to: month }));
  }

  agents(month: string, filter: ScopeFilter): AgentCounts[] {
    return this.s.agents.all(this.params(filter, { from: month, to: month }));
  }

  annexCount(month: string, filter: ScopeFilter): number {
    return this.s.annexCount.get(this.params(filter, { from: month, to: month }))!.n;
  }

  annex(month: string, filter: ScopeFilter, offset: number, limit: number): AnnexDbRow[] {
    return this.s.annex.all(this.params(filter, { from: month, to: month, offset, limit }));
  }
}
