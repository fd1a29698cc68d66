import type { Database, Statement } from 'better-sqlite3';

export interface RosterAgent {
  agentNo: string;
  name: string;
  teamId?: string | null;
  teamName?: string | null;
}

/** The agent roster as imports see it: unknown agents are added, known ones are left as head office set them. */
export class AgentsRepository {
  private readonly insertUnknown: Statement<[string, string]>;
  private readonly upsertTeamStmt: Statement<[string, string]>;
  private readonly upsertAgentStmt: Statement<[string, string, string | null]>;
  private readonly listAgents: Statement<[], { agentNo: string; name: string; teamId: string | null }>;
  private readonly listTeams: Statement<[], { id: string; name: string }>;

  constructor(private readonly db: Database) {
    // A name is filled in only where we had none: a manifest must not rename an agent head office manages.
    this.insertUnknown = db.prepare(
      `INSERT INTO agents (agent_no, name) VALUES (?, ?)
       ON CONFLICT(agent_no) DO UPDATE SET name = excluded.name,
         updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
       WHERE agents.name = '' AND excluded.name <> ''`,
    );
    this.upsertTeamStmt = db.prepare(
      `INSERT INTO teams (id, name) VALUES (?, ?)
       ON CONFLICT(id) DO UPDATE SET name = excluded.name WHERE teams.source = 'local'`,
    );
    this.upsertAgentStmt = db.prepare(
      `INSERT INTO agents (agent_no, name, team_id) VALUES (?, ?, ?)
       ON CONFLICT(agent_no) DO UPDATE SET name = excluded.name, team_id = excluded.team_id,
         updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
       WHERE agents.source = 'local'`,
    );
    this.listAgents = db.prepare(
      'SELECT agent_no AS agentNo, name, team_id AS teamId FROM agents WHERE active = 1 ORDER BY agent_no',
    );
    this.listTeams = db.prepare('SELECT id, name FROM teams ORDER BY name');
  }

  ensure(agentNo: string, name: string | null | undefined): void {
    this.insertUnknown.run(agentNo, name ?? '');
  }

  /** Loads a local roster (the sample set's); rows head office sent are never overwritten. */
  upsertRoster(agents: RosterAgent[]): void {
    this.db.transaction(() => {
      for (const a of agents) {
        if (a.teamId) this.upsertTeamStmt.run(a.teamId, a.teamName || a.teamId);
        this.upsertAgentStmt.run(a.agentNo, a.name, a.teamId ?? null);
      }
    })();
  }

  agents() {
    return this.listAgents.all();
  }

  teams() {
    return this.listTeams.all();
  }
}
