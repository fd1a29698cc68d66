import type { Database, Statement } from 'better-sqlite3';

export type QuotaSource = 'head_office' | 'local';

export interface Quota {
  quota: number;
  source: QuotaSource;
}

/**
 * Monitored calls per agent per month. Head office's sampling targets (pulled by sync) win, the most specific
 * first: the agent's own, then its team's, then the centre-wide one; the app's setting applies only where head
 * office set none.
 */
export class SamplingTargets {
  private readonly stmt: Statement<[], { scope: string; calls: number }>;

  constructor(
    db: Database,
    private readonly localDefault: () => number,
  ) {
    this.stmt = db.prepare(
      "SELECT scope, calls_per_month AS calls FROM sampling_targets WHERE source = 'server' ORDER BY scope",
    );
  }

  /** A resolver over the targets as they are now (read once: a report or queue asks for many agents). */
  resolver(localOverride?: number): (agentNo: string, teamId: string | null) => Quota {
    const targets = new Map(this.stmt.all().map((t) => [t.scope, t.calls]));
    const local: Quota = { quota: localOverride ?? this.localDefault(), source: 'local' };
    return (agentNo, teamId) => {
      const calls =
        targets.get(`agent:${agentNo}`) ?? (teamId ? targets.get(`team:${teamId}`) : undefined) ?? targets.get('all');
      return calls === undefined ? local : { quota: calls, source: 'head_office' };
    };
  }

  /** Whether head office set any target at all (the work queue says which quota is in force). */
  headOfficeSetsTargets(): boolean {
    return this.stmt.all().length > 0;
  }
}
