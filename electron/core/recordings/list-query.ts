import type { Database, Statement } from 'better-sqlite3';
import {
  maskPhone,
  type EvaluationStatus,
  type RecordingFacets,
  type RecordingList,
  type RecordingListItem,
  type RecordingListQuery,
  type RecordingSortField,
} from '../../../shared/recording';

/**
 * The evaluations domain exposes one row per recording with its latest evaluation's status ('draft' or
 * 'submitted') through this view. It is created by the evaluations migration; until it exists every recording is
 * 'none', so the library works before (and without) that feature.
 */
export const evaluationStatusView = 'recording_evaluation_status';

const sortColumns: Record<RecordingSortField, string> = {
  startedAt: 'r.started_at',
  durationMs: 'r.duration_ms',
  agentNo: 'r.agent_no',
  fileName: 'r.file_name',
  category: 'r.category',
  importedAt: 'r.imported_at',
  talkOverCount: 'an.talk_over_count',
};

type Row = Omit<RecordingListItem, 'callerNumberMasked'> & { callerNumber: string | null };

const likeEscape = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** A bare date as an upper bound means the whole day. */
const upperBound = (to: string) => (to.length === 10 ? `${to}T23:59:59.999` : to.replace(' ', 'T'));

export class RecordingListQueries {
  private readonly cache = new Map<string, Statement>();
  private readonly hasView: Statement<[string], { n: number }>;
  private readonly categories: Statement<[], { category: string }>;
  private readonly count: Statement<[], { n: number }>;

  constructor(private readonly db: Database) {
    this.hasView = db.prepare("SELECT COUNT(*) AS n FROM sqlite_master WHERE type IN ('view', 'table') AND name = ?");
    this.categories = db.prepare(
      'SELECT DISTINCT category FROM recordings WHERE category IS NOT NULL ORDER BY category',
    );
    this.count = db.prepare('SELECT COUNT(*) AS n FROM recordings');
  }

  private statement(sql: string): Statement {
    let stmt = this.cache.get(sql);
    if (!stmt) {
      stmt = this.db.prepare(sql);
      this.cache.set(sql, stmt);
    }
    return stmt;
  }

  list(q: RecordingListQuery): RecordingList {
    const withStatus = this.hasView.get(evaluationStatusView)!.n > 0;
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (clause: string, ...values: unknown[]) => {
      where.push(clause);
      params.push(...values);
    };
    if (q.agentNo) add('r.agent_no = ?', q.agentNo);
    if (q.team) add('r.agent_no IN (SELECT agent_no FROM agents WHERE team_id = ?)', q.team);
    if (q.from) add('r.started_at >= ?', q.from.replace(' ', 'T'));
    if (q.to) add('r.started_at <= ?', upperBound(q.to));
    if (q.category) add('r.category = ?', q.category);
    if (q.durationMin !== undefined) add('r.duration_ms >= ?', Math.round(q.durationMin * 1000));
    if (q.durationMax !== undefined) add('r.duration_ms <= ?', Math.round(q.durationMax * 1000));
    const search = q.search?.trim();
    if (search) {
      const like = likeEscape(search);
      const columns = ['r.file_name', 'r.call_id', 'r.agent_no', 'r.caller_number', 'r.category'];
      const clauses = columns.map((c) => `${c} LIKE ? ESCAPE '\\'`);
      clauses.push(`r.agent_no IN (SELECT agent_no FROM agents WHERE name LIKE ? ESCAPE '\\')`);
      add(`(${clauses.join(' OR ')})`, ...clauses.map(() => like));
    }
    if (q.talkOver === true) add('an.talk_over_count > 0');
    if (q.talkOver === false) add('COALESCE(an.talk_over_count, 0) = 0');
    if (q.status) {
      if (withStatus) add("COALESCE(es.status, 'none') = ?", q.status);
      else if (q.status !== 'none') add('0');
    }
    const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const statusJoin = withStatus ? `LEFT JOIN ${evaluationStatusView} es ON es.recording_id = r.id` : '';
    const needsAnalysis = q.talkOver !== undefined || q.sort === 'talkOverCount';
    const countSql = `SELECT COUNT(*) AS n FROM recordings r
      ${needsAnalysis ? 'LEFT JOIN recording_analysis an ON an.recording_id = r.id' : ''}
      ${q.status && withStatus ? statusJoin : ''} ${whereSql}`;
    const total = (this.statement(countSql).get(...params) as { n: number }).n;
    const order = q.order === 'asc' ? 'ASC' : 'DESC';
    const sql = `${this.selectSql(withStatus)} ${whereSql}
      ORDER BY ${sortColumns[q.sort]} ${order}, r.id ${order}
      LIMIT ? OFFSET ?`;
    const rows = this.statement(sql).all(...params, q.limit, q.offset) as Row[];
    return { total, items: rows.map(toItem) };
  }

  private selectSql(withStatus: boolean): string {
    const statusJoin = withStatus ? `LEFT JOIN ${evaluationStatusView} es ON es.recording_id = r.id` : '';
    const statusColumn = withStatus ? "COALESCE(es.status, 'none')" : "'none'";
    return `SELECT r.id, r.file_name AS fileName, r.agent_no AS agentNo, a.name AS agentName,
        a.team_id AS teamId, t.name AS teamName, r.call_id AS callId, r.started_at AS startedAt, r.category,
        r.duration_ms AS durationMs, r.channels, r.sample_rate AS sampleRate, r.codec, r.format,
        r.caller_number AS callerNumber, r.imported_at AS importedAt,
        an.talk_over_count AS talkOverCount, an.agent_talk_over_count AS agentTalkOverCount,
        an.silence_count AS silenceCount, ${statusColumn} AS evaluationStatus
      FROM recordings r
      LEFT JOIN agents a ON a.agent_no = r.agent_no
      LEFT JOIN teams t ON t.id = a.team_id
      LEFT JOIN recording_analysis an ON an.recording_id = r.id
      ${statusJoin}`;
  }

  byId(id: string): RecordingListItem | undefined {
    const withStatus = this.hasView.get(evaluationStatusView)!.n > 0;
    const row = this.statement(`${this.selectSql(withStatus)} WHERE r.id = ?`).get(id) as Row | undefined;
    return row ? toItem(row) : undefined;
  }

  facets(agents: RecordingFacets['agents'], teams: RecordingFacets['teams']): RecordingFacets {
    return {
      agents,
      teams,
      categories: this.categories.all().map((r) => r.category),
      total: this.count.get()!.n,
    };
  }
}

/** Caller numbers never leave the core unmasked. */
export function toItem(row: Row): RecordingListItem {
  const { callerNumber, ...rest } = row;
  return {
    ...rest,
    agentName: rest.agentName || null,
    evaluationStatus: (rest.evaluationStatus ?? 'none') as EvaluationStatus,
    callerNumberMasked: maskPhone(callerNumber),
  };
}
