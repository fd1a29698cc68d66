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

/**
 * Sort keys; the rowid is appended so the order is total and stable (import order among equals). Every key list
 * matches an index (migrations 002 and 006) whose entries carry the rowid, so a page, however deep, is read from
 * the index alone: no sort, and no table rows for the skipped ones.
 */
const sortKeys: Record<RecordingSortField, string[]> = {
  startedAt: ['r.started_at'],
  durationMs: ['r.duration_ms'],
  agentNo: ['r.agent_no', 'r.started_at'],
  fileName: ['r.file_name'],
  category: ['r.category', 'r.started_at'],
  importedAt: ['r.imported_at'],
  talkOverCount: ['r.talk_over_count', 'r.started_at'],
};

type Row = Omit<RecordingListItem, 'callerNumberMasked'> & { callerNumber: string | null };

/** Search terms at least this many characters long use the trigram index. */
const trigramLength = 3;
/** Measured at 100 000 recordings: past a few thousand matches, probing them from the sort's index is faster. */
const startFromMatchesUpTo = 2000;

const likeEscape = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** A bare date as an upper bound means the whole day. */
const upperBound = (to: string) => (to.length === 10 ? `${to}T23:59:59.999` : to.replace(' ', 'T'));

export class RecordingListQueries {
  private readonly cache = new Map<string, Statement>();
  private readonly hasView: Statement<[string], { n: number }>;
  private readonly categories: Statement<[], { category: string }>;
  private readonly count: Statement<[], { n: number }>;
  private readonly searchCount: Statement<[string], { n: number }>;

  constructor(private readonly db: Database) {
    this.hasView = db.prepare("SELECT COUNT(*) AS n FROM sqlite_master WHERE type IN ('view', 'table') AND name = ?");
    this.categories = db.prepare(
      'SELECT DISTINCT category FROM recordings WHERE category IS NOT NULL ORDER BY category',
    );
    this.count = db.prepare('SELECT COUNT(*) AS n FROM recordings');
    this.searchCount = db.prepare('SELECT COUNT(*) AS n FROM recordings_search WHERE recordings_search MATCH ?');
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
    if (q.channel) add('r.channel = ?', q.channel);
    if (q.durationMin !== undefined) add('r.duration_ms >= ?', Math.round(q.durationMin * 1000));
    if (q.durationMax !== undefined) add('r.duration_ms <= ?', Math.round(q.durationMax * 1000));
    const search = q.search?.trim();
    // How many recordings the trigram index finds for the term, before any other filter.
    let matches: number | undefined;
    if (search && [...search].length >= trigramLength) {
      // The trigram index (migration 008): a quoted phrase of trigrams is a substring match over the same columns.
      const phrase = `"${search.replace(/"/g, '""')}"`;
      matches = this.searchCount.get(phrase)!.n;
      // Few matches: start from them and sort them. Many: walk the sort's index and probe the set of matches (the
      // unary + stops SQLite starting from the rowids), which ends after a page instead of reading and sorting
      // tens of thousands of rows.
      const probe = matches > startFromMatchesUpTo ? '+' : '';
      add(`${probe}r.rowid IN (SELECT rowid FROM recordings_search WHERE recordings_search MATCH ?)`, phrase);
    } else if (search) {
      // Under three characters there is no trigram to look up: LIKE reads every recording.
      const like = likeEscape(search);
      const columns = ['r.file_name', 'r.call_id', 'r.agent_no', 'r.caller_number', 'r.category'];
      const clauses = columns.map((c) => `${c} LIKE ? ESCAPE '\\'`);
      clauses.push(`r.agent_no IN (SELECT agent_no FROM agents WHERE name LIKE ? ESCAPE '\\')`);
      add(`(${clauses.join(' OR ')})`, ...clauses.map(() => like));
    }
    // recordings.talk_over_count mirrors the analysis row (migration 006), so filters need no join.
    if (q.talkOver === true) add('r.talk_over_count > 0');
    if (q.talkOver === false) add('r.talk_over_count = 0');
    // How many recordings have an evaluation in the status asked for (draft or submitted), before other filters.
    let statusMatches: number | undefined;
    if (q.status === 'none') {
      if (withStatus) add(`NOT EXISTS (SELECT 1 FROM ${evaluationStatusView} es WHERE es.recording_id = r.id)`);
    } else if (q.status && !withStatus) add('0');
    else if (q.status) {
      // As with search: a few drafts among 100 000 recordings are found from the evaluations and sorted; many are
      // probed while walking the sort's index. Either way no recording is read that is not on the page.
      const evaluated = `SELECT recording_id FROM ${evaluationStatusView} WHERE status = ?`;
      statusMatches = (this.statement(`SELECT COUNT(*) AS n FROM (${evaluated})`).get(q.status) as { n: number }).n;
      add(`${statusMatches > startFromMatchesUpTo ? '+' : ''}r.id IN (${evaluated})`, q.status);
    }
    const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const countSql = `SELECT COUNT(*) AS n FROM recordings r ${whereSql}`;
    const known = where.length === 1 ? (matches ?? statusMatches) : undefined;
    const total = known ?? (this.statement(countSql).get(...params) as { n: number }).n;
    const order = q.order === 'asc' ? 'ASC' : 'DESC';
    const orderBy = [...sortKeys[q.sort], 'r.rowid'].map((k) => `${k} ${order}`).join(', ');
    // Two steps: find the page's rowids joining only what the filters and the sort need (skipped rows cost an
    // index entry each, not five joins), then fetch the details of those rows alone. CROSS JOIN pins the page as
    // the outer loop; otherwise SQLite walks every recording in index order to avoid sorting the 100-row page.
    const pageSql = `SELECT r.rowid AS rid FROM recordings r ${whereSql} ORDER BY ${orderBy} LIMIT ? OFFSET ?`;
    const sql = `${this.selectSql(withStatus, `(${pageSql}) page CROSS JOIN recordings r ON r.rowid = page.rid`)}
      ORDER BY ${orderBy}`;
    const rows = this.statement(sql).all(...params, q.limit, q.offset) as Row[];
    return { total, items: rows.map(toItem) };
  }

  private selectSql(withStatus: boolean, from = 'recordings r'): string {
    const statusJoin = withStatus ? `LEFT JOIN ${evaluationStatusView} es ON es.recording_id = r.id` : '';
    const statusColumn = withStatus ? "COALESCE(es.status, 'none')" : "'none'";
    return `SELECT r.id, r.channel, r.file_name AS fileName, r.agent_no AS agentNo, a.name AS agentName,
        a.team_id AS teamId, t.name AS teamName, r.call_id AS callId, r.started_at AS startedAt, r.category,
        r.duration_ms AS durationMs, r.channels, r.sample_rate AS sampleRate, r.codec, r.format,
        r.caller_number AS callerNumber, r.imported_at AS importedAt,
        an.talk_over_count AS talkOverCount, an.agent_talk_over_count AS agentTalkOverCount,
        an.silence_count AS silenceCount, ${statusColumn} AS evaluationStatus
      FROM ${from}
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
