import { randomUUID } from 'node:crypto';
import type { Database, Statement } from 'better-sqlite3';
import type { RecordingChange, RecordingCorrection, RecordingField } from '../../../shared/recording';
import { AppError } from '../errors';
import { AgentsRepository } from './agents-repo';

const columns: Record<RecordingField, string> = {
  agentNo: 'agent_no',
  startedAt: 'started_at',
  callId: 'call_id',
  category: 'category',
};
const fieldOf = Object.fromEntries(Object.entries(columns).map(([f, c]) => [c, f])) as Record<string, RecordingField>;

type Patch = Partial<Record<RecordingField, string | null>>;

/**
 * Corrections of recordings' call details, each changed field kept in recording_changes (migration 011). A
 * submitted evaluation is not rewritten: its revisions carry the call as it was when scored (call-context.ts), which
 * is what head office received; the page offers a re-score with the reason 录音信息更正 to carry a correction.
 */
export class RecordingCorrections {
  private readonly current: Statement<[string], Record<string, string | null> & { id: string }>;
  private readonly updates: Record<RecordingField, Statement<[string | null, string]>>;
  private readonly insertChange: Statement<[string, string, string, string | null, string | null]>;
  private readonly history: Statement<
    [string],
    { batch: string; field: string; oldValue: string | null; newValue: string | null; changedAt: string }
  >;
  private readonly submitted: Statement<[string], { n: number }>;
  private readonly agents: AgentsRepository;

  constructor(private readonly db: Database) {
    this.current = db.prepare('SELECT id, agent_no, started_at, call_id, category FROM recordings WHERE id = ?');
    // One statement per column: the column name is never built from input.
    this.updates = {
      agentNo: db.prepare('UPDATE recordings SET agent_no = ? WHERE id = ?'),
      startedAt: db.prepare('UPDATE recordings SET started_at = ? WHERE id = ?'),
      callId: db.prepare('UPDATE recordings SET call_id = ? WHERE id = ?'),
      category: db.prepare('UPDATE recordings SET category = ? WHERE id = ?'),
    };
    this.insertChange = db.prepare(
      'INSERT INTO recording_changes (recording_id, batch, field, old_value, new_value) VALUES (?, ?, ?, ?, ?)',
    );
    this.history = db.prepare(
      `SELECT batch, field, old_value AS oldValue, new_value AS newValue, changed_at AS changedAt
       FROM recording_changes WHERE recording_id = ? ORDER BY id`,
    );
    this.submitted = db.prepare(
      "SELECT COUNT(*) AS n FROM evaluations WHERE recording_id = ? AND status = 'submitted'",
    );
    this.agents = new AgentsRepository(db);
  }

  /** Applies the same patch to each recording in one transaction; unknown ids are refused before anything changes. */
  apply(ids: string[], patch: Patch, agentName?: string): RecordingCorrection {
    const batch = randomUUID();
    return this.db.transaction(() => {
      const rows = ids.map((id) => {
        const row = this.current.get(id);
        if (!row) throw new AppError('not_found', `Recording ${id} does not exist.`);
        return row;
      });
      if (patch.agentNo) this.agents.ensure(patch.agentNo, agentName);
      let changed = 0;
      const evaluated: string[] = [];
      for (const row of rows) {
        let any = false;
        for (const [field, value] of Object.entries(patch) as [RecordingField, string | null | undefined][]) {
          if (value === undefined) continue;
          const old = row[columns[field]] ?? null;
          if (old === value) continue;
          this.updates[field].run(value, row.id);
          this.insertChange.run(row.id, batch, columns[field], old, value);
          any = true;
        }
        if (!any) continue;
        changed++;
        if (this.submitted.get(row.id)!.n > 0) evaluated.push(row.id);
      }
      return { changed, evaluated };
    })();
  }

  list(id: string): RecordingChange[] {
    return this.history.all(id).map((r) => ({ ...r, field: fieldOf[r.field] }));
  }
}
