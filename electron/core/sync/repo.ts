/** All of sync's SQL: its own state and history, the outbox (A's table, 003) and applying head-office changes. */
import type { Database, Statement } from 'better-sqlite3';
import { canonicalJson } from '../../../shared/evaluation';
import {
  fixedBy,
  rejectionCodes,
  type Change,
  type EvaluationChange,
  type FixedBy,
  type PushResult,
  type RejectionCode,
} from '../../../shared/sync';
import { keepStatistics } from '../db/open';
import { DisputeRepository } from '../disputes/repo';
import { CalibrationRepository } from '../calibration/repo';
import { CallbackRepository } from '../callbacks/repo';
import { NarrativeRepository } from '../reports/narrative-store';
import type { ReportStore } from '../reports/store';
import { ScorecardRepository } from '../scorecards/repo';

export interface SyncStateRow {
  serverUrl: string | null;
  tokenSealed: string | null;
  tokenProtection: string | null;
  cursor: string;
  lastAttemptAt: string | null;
  lastSuccessAt: string | null;
  lastError: string | null;
  lastErrorCode: string | null;
  lastErrorAt: string | null;
}

export interface OutboxRow {
  id: number;
  evaluationId: string;
  revision: number;
  hash: string;
  bodyJson: string;
}

export interface OutboxListRow {
  evaluationId: string;
  revision: number;
  attempts: number;
  lastError: string | null;
  rejectedReason: string | null;
  rejectedCode: RejectionCode | null;
  fixBy: FixedBy | null;
  createdAt: string;
  /** The call, so a person can tell which evaluation this is. */
  recordingId: string | null;
  agentNo: string | null;
  agentName: string | null;
  callStartedAt: string | null;
  fileName: string | null;
  scorecardId: string | null;
  scorecardVersion: number | null;
}

export interface PageOutcome {
  notes: string[];
  /** Head-office data a refused revision may have waited for (cards, roster) came with this page. */
  fixesArrived: boolean;
  evaluations: number;
}

const knownCodes = new Set<string>(rejectionCodes);
const asCode = (code: string | null | undefined): RejectionCode | null =>
  code && knownCodes.has(code) ? (code as RejectionCode) : null;

export type SyncTrigger = 'start' | 'reconnect' | 'submit' | 'manual' | 'retry';

export interface HistoryRow {
  id: number;
  trigger: SyncTrigger;
  startedAt: string;
  finishedAt: string;
  ok: boolean;
  pushed: number;
  rejected: number;
  pulled: number;
  error: string | null;
  errorCode: string | null;
}

const historyKept = 200;
const now = () => new Date().toISOString();

export class SyncRepository {
  private readonly stateStmt: Statement<[], SyncStateRow>;
  private readonly pendingStmt: Statement<[number, number], OutboxRow>;
  private readonly countStmt: Statement<[string], { n: number }>;
  private readonly listStmt: Statement<[string, number], Omit<OutboxListRow, 'fixBy'>>;
  private readonly deleteStmt: Statement<[string, number]>;
  private readonly rejectStmt: Statement<[string, string | null, string, number]>;
  private readonly supersededStmt: Statement<[string, number]>;
  private readonly requeueStmt: Statement<[{ id: string | null; codes: string | null }]>;
  private readonly failStmt: Statement<[string, number]>;
  private readonly cursorStmt: Statement<[string]>;
  private readonly teamStmt: Statement<[string, string, string | null]>;
  private readonly agentStmt: Statement<[string, string, string | null, string | null, number]>;
  private readonly teamPlaceholderStmt: Statement<[string, string]>;
  private readonly targetStmt: Statement<[string, number]>;
  private readonly cardJsonStmt: Statement<[string, number], { json: string }>;
  private readonly cards: ScorecardRepository;
  private readonly disputes: DisputeRepository;
  /** Calibration's own outbox and pulled sessions and scores (kept apart from evaluations). */
  readonly calibration: CalibrationRepository;
  private readonly callbacks: CallbackRepository;
  private readonly narratives: NarrativeRepository;

  constructor(
    private readonly db: Database,
    private readonly reports: ReportStore,
  ) {
    this.cards = new ScorecardRepository(db);
    this.disputes = new DisputeRepository(db);
    this.calibration = new CalibrationRepository(db);
    this.callbacks = new CallbackRepository(db);
    this.narratives = new NarrativeRepository(db);
    this.stateStmt = db.prepare(
      `SELECT server_url AS serverUrl, token_sealed AS tokenSealed, token_protection AS tokenProtection, cursor,
              last_attempt_at AS lastAttemptAt, last_success_at AS lastSuccessAt, last_error AS lastError,
              last_error_at AS lastErrorAt, last_error_code AS lastErrorCode
         FROM sync_state WHERE id = 1`,
    );
    this.pendingStmt = db.prepare(
      `SELECT id, evaluation_id AS evaluationId, revision, hash, body_json AS bodyJson
         FROM outbox WHERE status = 'pending' AND id > ? ORDER BY id LIMIT ?`,
    );
    this.countStmt = db.prepare('SELECT count(*) AS n FROM outbox WHERE status = ?');
    this.listStmt = db.prepare(
      `SELECT o.evaluation_id AS evaluationId, o.revision, o.attempts, o.last_error AS lastError,
              o.rejected_reason AS rejectedReason, o.rejected_code AS rejectedCode, o.created_at AS createdAt,
              e.recording_id AS recordingId, e.agent_no AS agentNo, NULLIF(a.name, '') AS agentName,
              r.started_at AS callStartedAt, r.file_name AS fileName, e.scorecard_id AS scorecardId,
              e.scorecard_version AS scorecardVersion
         FROM outbox o
         LEFT JOIN evaluations e ON e.id = o.evaluation_id
         LEFT JOIN recordings r ON r.id = e.recording_id
         LEFT JOIN agents a ON a.agent_no = e.agent_no
        WHERE o.status = ? ORDER BY o.id LIMIT ?`,
    );
    this.deleteStmt = db.prepare("DELETE FROM outbox WHERE evaluation_id = ? AND revision = ? AND status = 'pending'");
    this.rejectStmt = db.prepare(
      `UPDATE outbox SET status = 'rejected', rejected_reason = ?, rejected_code = ?, attempts = attempts + 1
        WHERE evaluation_id = ? AND revision = ? AND status = 'pending'`,
    );
    // A revision head office accepted makes the evaluation's older refused revisions moot: it supersedes them.
    this.supersededStmt = db.prepare(
      "DELETE FROM outbox WHERE evaluation_id = ? AND revision < ? AND status = 'rejected'",
    );
    this.requeueStmt = db.prepare(
      `UPDATE outbox SET status = 'pending', attempts = 0, last_error = NULL
        WHERE status = 'rejected' AND (@id IS NULL OR evaluation_id = @id)
          AND (@codes IS NULL OR rejected_code IN (SELECT value FROM json_each(@codes)))`,
    );
    this.failStmt = db.prepare(
      "UPDATE outbox SET attempts = attempts + 1, last_error = ? WHERE id = ? AND status = 'pending'",
    );
    this.cursorStmt = db.prepare('UPDATE sync_state SET cursor = ? WHERE id = 1');
    this.teamStmt = db.prepare(
      `INSERT INTO teams (id, name, site, source) VALUES (?, ?, ?, 'server')
       ON CONFLICT (id) DO UPDATE SET name = excluded.name, site = excluded.site, source = 'server',
         updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')`,
    );
    // Pulls deliver each row's latest version, so an agent can arrive before its team (a team updated after the
    // agent was). The placeholder keeps the foreign key; the team's own change, later in the same pull, fills it in.
    this.teamPlaceholderStmt = db.prepare(
      "INSERT INTO teams (id, name, source) VALUES (?, ?, 'server') ON CONFLICT (id) DO NOTHING",
    );
    this.agentStmt = db.prepare(
      `INSERT INTO agents (agent_no, name, team_id, site, active, source) VALUES (?, ?, ?, ?, ?, 'server')
       ON CONFLICT (agent_no) DO UPDATE SET name = excluded.name, team_id = excluded.team_id, site = excluded.site,
         active = excluded.active, source = 'server', updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')`,
    );
    this.targetStmt = db.prepare(
      `INSERT INTO sampling_targets (scope, calls_per_month, source) VALUES (?, ?, 'server')
       ON CONFLICT (scope) DO UPDATE SET calls_per_month = excluded.calls_per_month, source = 'server',
         updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')`,
    );
    this.cardJsonStmt = db.prepare('SELECT definition_json AS json FROM scorecards WHERE id = ? AND version = ?');
  }

  state(): SyncStateRow {
    return this.stateStmt.get()!;
  }

  /** A different server means a different change history: start pulling from the beginning. */
  configure(serverUrl: string, tokenSealed: string, protection: string): void {
    this.db
      .prepare(
        `UPDATE sync_state SET cursor = CASE WHEN server_url IS ? THEN cursor ELSE '0' END,
           server_url = ?, token_sealed = ?, token_protection = ?, last_error = NULL, last_error_at = NULL,
           updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
         WHERE id = 1`,
      )
      .run(serverUrl, serverUrl, tokenSealed, protection);
  }

  recordOutcome(ok: boolean, error: string | null, code: string | null = null): void {
    const at = now();
    this.db
      .prepare(
        `UPDATE sync_state SET last_attempt_at = ?,
           last_success_at = CASE WHEN ? THEN ? ELSE last_success_at END,
           last_error = CASE WHEN ? THEN last_error ELSE ? END,
           last_error_code = CASE WHEN ? THEN last_error_code ELSE ? END,
           last_error_at = CASE WHEN ? THEN last_error_at ELSE ? END
         WHERE id = 1`,
      )
      .run(at, ok ? 1 : 0, at, ok ? 1 : 0, error, ok ? 1 : 0, code, ok ? 1 : 0, at);
  }

  addHistory(row: Omit<HistoryRow, 'id'>): void {
    this.db.transaction(() => {
      this.db
        .prepare(
          `INSERT INTO sync_history (trigger, started_at, finished_at, ok, pushed, rejected, pulled, error, error_code)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        )
        .run(
          row.trigger,
          row.startedAt,
          row.finishedAt,
          row.ok ? 1 : 0,
          row.pushed,
          row.rejected,
          row.pulled,
          row.error,
          row.errorCode,
        );
      this.db.prepare('DELETE FROM sync_history WHERE id <= (SELECT max(id) FROM sync_history) - ?').run(historyKept);
    })();
  }

  history(limit: number): HistoryRow[] {
    const rows = this.db
      .prepare<[number], Omit<HistoryRow, 'ok'> & { ok: number }>(
        `SELECT id, trigger, started_at AS startedAt, finished_at AS finishedAt, ok, pushed, rejected, pulled, error,
                error_code AS errorCode
           FROM sync_history ORDER BY id DESC LIMIT ?`,
      )
      .all(limit);
    return rows.map((r) => ({ ...r, ok: r.ok === 1 }));
  }

  /** The oldest pending rows after outbox row afterId (0: from the start). */
  pending(limit: number, afterId = 0): OutboxRow[] {
    return this.pendingStmt.all(afterId, limit);
  }

  count(status: 'pending' | 'rejected'): number {
    return this.countStmt.get(status)!.n;
  }

  list(status: 'pending' | 'rejected', limit: number): OutboxListRow[] {
    return this.listStmt.all(status, limit).map((r) => {
      const code = asCode(r.rejectedCode);
      return { ...r, rejectedCode: code, fixBy: code ? fixedBy(code) : null };
    });
  }

  /**
   * Refused revisions back into the queue: all of them, one evaluation's, or those with the given codes (what a pull
   * may have fixed). A revision_gap waits for an earlier revision, so it always goes back with them.
   */
  requeue(filter: { evaluationId?: string; codes?: RejectionCode[] } = {}): number {
    const codes = filter.codes ? [...filter.codes, 'revision_gap'] : null;
    return this.requeueStmt.run({ id: filter.evaluationId ?? null, codes: codes ? JSON.stringify(codes) : null })
      .changes;
  }

  /** Per-item answers of one push, applied together: acknowledged rows go, refused ones stay with the reason. */
  applyPushResults(results: PushResult[]): { acked: number; rejected: number } {
    let acked = 0;
    let rejected = 0;
    this.db.transaction(() => {
      for (const r of results) {
        if (r.status === 'stored' || r.status === 'duplicate') {
          acked += this.deleteStmt.run(r.id, r.revision).changes;
          this.supersededStmt.run(r.id, r.revision);
        } else {
          const code = r.code ?? (r.status === 'forbidden' ? 'not_owner' : 'invalid');
          rejected += this.rejectStmt.run(r.reason ?? r.status, code, r.id, r.revision).changes;
        }
      }
    })();
    return { acked, rejected };
  }

  markFailed(ids: number[], error: string): void {
    this.db.transaction(() => {
      for (const id of ids) this.failStmt.run(error, id);
    })();
  }

  /**
   * One pulled page and its cursor in one transaction: the cursor is never ahead of the applied data. Evaluations
   * go to the report store in runs (a page holds hundreds), after the cards and roster rows before them.
   */
  applyPage(changes: Change[], cursor: string): PageOutcome {
    return this.applyPages([changes], cursor);
  }

  /**
   * Several pulled pages and the last one's cursor in one transaction. A lead's first pull brings hundreds of pages
   * of evaluations; applied five at a time, the summaries they touch are written once per batch instead of once per
   * page (a day's evaluations touch every agent and every item of every team once).
   */
  applyPages(pages: Change[][], cursor: string): PageOutcome {
    const changes = pages.length === 1 ? pages[0] : pages.flat();
    const outcome: PageOutcome = { notes: [], fixesArrived: false, evaluations: 0 };
    this.db.transaction(() => {
      let run: EvaluationChange[] = [];
      const flush = () => {
        if (run.length) outcome.evaluations += this.reports.putPulled(run).stored;
        run = [];
      };
      for (const c of changes) {
        if (c.kind === 'evaluation') {
          run.push(c);
          continue;
        }
        flush();
        switch (c.kind) {
          case 'team':
            this.teamStmt.run(c.id, c.name, c.site);
            break;
          case 'agent':
            if (c.teamId) this.teamPlaceholderStmt.run(c.teamId, c.teamId);
            this.agentStmt.run(c.agentNo, c.name, c.teamId, c.site, c.active ? 1 : 0);
            outcome.fixesArrived = true;
            break;
          case 'sampling_target':
            this.targetStmt.run(c.scope, c.callsPerMonth);
            break;
          case 'dispute': {
            const { kind: _kind, ...state } = c;
            this.disputes.put(state);
            break;
          }
          case 'dispute_policy':
            this.disputes.setPolicy({ windowDays: c.windowDays, monthlyLimit: c.monthlyLimit });
            break;
          case 'calibration_session':
            this.calibration.putPulledSession(c);
            break;
          case 'calibration_score':
            this.calibration.putPulledScore(c);
            break;
          case 'callback':
            this.callbacks.putPulled(c.record, c.teamId, c.site);
            break;
          case 'narrative':
            this.narratives.putPulled(c);
            break;
          case 'scorecard':
            outcome.fixesArrived = true;
            if (!this.cards.insertPublished(c.id, c.version, c.definition, 'server')) {
              const local = this.cardJsonStmt.get(c.id, c.version);
              if (local && canonicalJson(JSON.parse(local.json)) !== canonicalJson(c.definition)) {
                outcome.notes.push(
                  `Scorecard ${c.id} version ${c.version} from head office differs from the local one; kept the local one.`,
                );
              }
            }
            break;
        }
      }
      flush();
      this.cursorStmt.run(cursor);
    })();
    return outcome;
  }

  /** The query planner's statistics after a large pull (db/open.ts keepStatistics). */
  keepStatistics(): void {
    keepStatistics(this.db);
  }

  scopeKey(): string | null {
    return (this.db.prepare('SELECT scope_key AS k FROM sync_state WHERE id = 1').get() as { k: string | null }).k;
  }

  /**
   * The token's scope changed (or this is another server): what was pulled under the old one is dropped and the
   * next pull starts from the beginning, so the new scope's history arrives and the old one's leaves.
   */
  resetScope(scopeKey: string | null): void {
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM pulled_evaluations').run();
      this.disputes.clearPulled();
      this.callbacks.clearPulled();
      this.narratives.clearPulled();
      this.db.prepare("UPDATE sync_state SET cursor = '0', scope_key = ? WHERE id = 1").run(scopeKey);
      this.reports.rebuild();
    })();
  }
}
