import type { Database } from 'better-sqlite3';
import type { SamplingQueueItem } from '../../../shared/contracts/evaluations';

export interface PlanRow {
  id: number;
  month: string;
  quota_per_agent: number;
  seed: number;
}

export interface AgentMonthRow {
  agent_no: string;
  agent_name: string;
  team_id: string | null;
  evaluated: number;
  in_progress: number;
  planned: number;
  /** Submitted evaluations of this month's calls that are not in the plan: they count toward the quota too. */
  evaluated_outside: number;
}

interface ItemRow {
  recording_id: string;
  agent_no: string;
  agent_name: string;
  started_at: string | null;
  file_name: string;
  duration_ms: number;
  category: string | null;
  status: 'draft' | 'submitted' | null;
  total_x100: number | null;
}

type Bounds = { start: string; end: string };

/** Sampling plans. Recordings belong to a month by their call start time (recordings without one are not sampled). */
export class SamplingRepository {
  private readonly stmts;

  constructor(private readonly db: Database) {
    this.stmts = {
      plan: db.prepare<[string], PlanRow>(
        'SELECT id, month, quota_per_agent, seed FROM sampling_plans WHERE month = ?',
      ),
      insertPlan: db.prepare<[string, number, number]>(
        'INSERT INTO sampling_plans (month, quota_per_agent, seed) VALUES (?, ?, ?)',
      ),
      updatePlan: db.prepare<[number, number, number]>(
        `UPDATE sampling_plans SET quota_per_agent = ?, seed = ?, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
         WHERE id = ?`,
      ),
      // The quota is of monitored calls (domain.md: calls per agent per month): chats and store visits are scored
      // with their own cards outside it, so neither they nor their staff enter the plan.
      agents: db.prepare<Bounds & { plan: number }, AgentMonthRow>(
        `SELECT r.agent_no, COALESCE(a.name, '') AS agent_name, a.team_id,
                COUNT(CASE WHEN e.status = 'submitted' THEN 1 END) AS evaluated,
                COUNT(CASE WHEN e.status = 'draft' THEN 1 END) AS in_progress,
                COUNT(p.recording_id) AS planned,
                COUNT(CASE WHEN e.status = 'submitted' AND p.recording_id IS NULL THEN 1 END) AS evaluated_outside
         FROM recordings r
         LEFT JOIN agents a ON a.agent_no = r.agent_no
         LEFT JOIN evaluations e ON e.recording_id = r.id
         LEFT JOIN sampling_plan_items p ON p.plan_id = @plan AND p.recording_id = r.id
         WHERE r.agent_no IS NOT NULL AND r.started_at >= @start AND r.started_at < @end AND r.channel = 'phone'
         GROUP BY r.agent_no ORDER BY r.agent_no`,
      ),
      candidates: db.prepare<Bounds & { plan: number; agent: string }, { id: string }>(
        `SELECT r.id FROM recordings r
         WHERE r.agent_no = @agent AND r.started_at >= @start AND r.started_at < @end AND r.channel = 'phone'
           AND NOT EXISTS (SELECT 1 FROM evaluations e WHERE e.recording_id = r.id)
           AND NOT EXISTS (SELECT 1 FROM sampling_plan_items p WHERE p.plan_id = @plan AND p.recording_id = r.id)
         ORDER BY r.started_at, r.id`,
      ),
      maxPosition: db
        .prepare<[number, string], number | null>(
          'SELECT MAX(position) FROM sampling_plan_items WHERE plan_id = ? AND agent_no = ?',
        )
        .pluck(),
      insertItem: db.prepare<[number, string, string, number]>(
        'INSERT INTO sampling_plan_items (plan_id, recording_id, agent_no, position) VALUES (?, ?, ?, ?)',
      ),
      deleteUnstarted: db.prepare<[number]>(
        `DELETE FROM sampling_plan_items WHERE plan_id = ?
           AND NOT EXISTS (SELECT 1 FROM evaluations e WHERE e.recording_id = sampling_plan_items.recording_id)`,
      ),
      items: db.prepare<[number], ItemRow>(
        `SELECT p.recording_id, p.agent_no, COALESCE(a.name, '') AS agent_name, r.started_at, r.file_name,
                r.duration_ms, r.category, e.status, e.total_x100
         FROM sampling_plan_items p
         JOIN recordings r ON r.id = p.recording_id
         LEFT JOIN agents a ON a.agent_no = p.agent_no
         LEFT JOIN evaluations e ON e.recording_id = p.recording_id
         WHERE p.plan_id = ? ORDER BY p.agent_no, r.started_at, p.recording_id`,
      ),
    };
  }

  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  plan(month: string): PlanRow | undefined {
    return this.stmts.plan.get(month);
  }

  createPlan(month: string, quota: number, seed: number): PlanRow {
    this.stmts.insertPlan.run(month, quota, seed);
    return this.plan(month) as PlanRow;
  }

  updatePlan(id: number, quota: number, seed: number): void {
    this.stmts.updatePlan.run(quota, seed, id);
  }

  agents(planId: number, bounds: Bounds): AgentMonthRow[] {
    return this.stmts.agents.all({ plan: planId, ...bounds });
  }

  candidates(planId: number, agentNo: string, bounds: Bounds): string[] {
    return this.stmts.candidates.all({ plan: planId, agent: agentNo, ...bounds }).map((r) => r.id);
  }

  addItems(planId: number, agentNo: string, recordingIds: string[]): void {
    let position = (this.stmts.maxPosition.get(planId, agentNo) ?? 0) + 1;
    for (const id of recordingIds) this.stmts.insertItem.run(planId, id, agentNo, position++);
  }

  removeUnstarted(planId: number): void {
    this.stmts.deleteUnstarted.run(planId);
  }

  items(planId: number): SamplingQueueItem[] {
    return this.stmts.items.all(planId).map((r) => ({
      recordingId: r.recording_id,
      agentNo: r.agent_no,
      agentName: r.agent_name,
      startedAt: r.started_at,
      fileName: r.file_name,
      durationMs: r.duration_ms,
      category: r.category,
      status: r.status === 'submitted' ? 'submitted' : r.status === 'draft' ? 'draft' : 'todo',
      total: r.total_x100 === null ? null : r.total_x100 / 100,
    }));
  }
}
