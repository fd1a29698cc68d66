/**
 * The lead's narratives (shared/narrative.ts): one row per team and month, written here or sent down by head office.
 * Who may write one follows head office's rule (server/narratives.ts): the team's lead, or head office; while sync is
 * not set up, whoever uses this app (the narrative then stays local).
 */
import { randomUUID } from 'node:crypto';
import type { Database, Statement } from 'better-sqlite3';
import {
  emptyNarrative,
  isEmptyNarrative,
  narrativeBodySchema,
  type NarrativeBody,
  type NarrativeChange,
  type NarrativePushItem,
  type NarrativePushResult,
  type NarrativeView,
} from '../../../shared/narrative';
import type { Identity } from '../../../shared/sync';
import { AppError } from '../errors';
import type { ScopeFilter } from './repo';

interface Row {
  team_id: string;
  month: string;
  site: string | null;
  body_json: string;
  author_name: string;
  updated_at: string;
  change_id: string;
  pending: number;
  refused: string | null;
}

export class NarrativeRepository {
  private readonly s;

  constructor(private readonly db: Database) {
    this.s = {
      get: db.prepare<[string, string], Row>('SELECT * FROM report_narratives WHERE team_id = ? AND month = ?'),
      month: db.prepare<[{ month: string; teams: string | null; site: string | null }], Row>(
        `SELECT n.* FROM report_narratives n LEFT JOIN teams t ON t.id = n.team_id
          WHERE n.month = @month AND (@teams IS NULL OR n.team_id IN (SELECT value FROM json_each(@teams)))
            AND (@site IS NULL OR COALESCE(n.site, t.site) = @site)
          ORDER BY n.team_id`,
      ),
      save: db.prepare<[Record<string, unknown>]>(
        `INSERT INTO report_narratives (team_id, month, site, body_json, author_name, updated_at, change_id, pending)
         VALUES (@team, @month, @site, @body, @author, @at, @changeId, @pending)
         ON CONFLICT (team_id, month) DO UPDATE SET site = excluded.site, body_json = excluded.body_json,
           author_name = excluded.author_name, updated_at = excluded.updated_at, change_id = excluded.change_id,
           pending = excluded.pending, refused = NULL`,
      ),
      pending: db.prepare<[number], Row>(
        'SELECT * FROM report_narratives WHERE pending = 1 AND refused IS NULL ORDER BY updated_at LIMIT ?',
      ),
      ack: db.prepare<[string]>('UPDATE report_narratives SET pending = 0 WHERE change_id = ?'),
      refuse: db.prepare<[string, string]>('UPDATE report_narratives SET refused = ? WHERE change_id = ?'),
      clearPulled: db.prepare<[]>('DELETE FROM report_narratives WHERE pending = 0'),
      teamSite: db.prepare<[string], { site: string | null; name: string }>(
        'SELECT site, name FROM teams WHERE id = ?',
      ),
    } satisfies Record<string, Statement>;
  }

  get(team: string, month: string): Row | undefined {
    return this.s.get.get(team, month);
  }

  month(month: string, filter: ScopeFilter): Row[] {
    return this.s.month.all({ month, teams: filter.teams ? JSON.stringify(filter.teams) : null, site: filter.site });
  }

  team(team: string): { site: string | null; name: string } | undefined {
    return this.s.teamSite.get(team);
  }

  /** A new edit of this app's user, waiting for head office. */
  save(team: string, month: string, body: NarrativeBody, author: string): void {
    this.s.save.run({
      team,
      month,
      site: this.team(team)?.site ?? null,
      body: JSON.stringify(body),
      author,
      at: new Date().toISOString(),
      changeId: randomUUID(),
      pending: 1,
    });
  }

  /** Head office's version; an edit of this app's own not yet acknowledged stays (it goes up next and wins). */
  putPulled(c: NarrativeChange): void {
    const held = this.get(c.teamId, c.month);
    if (held && held.pending === 1 && held.change_id !== c.changeId && held.refused === null) return;
    this.s.save.run({
      team: c.teamId,
      month: c.month,
      site: c.site,
      body: JSON.stringify(c.body),
      author: c.authorName,
      at: c.updatedAt,
      changeId: c.changeId,
      pending: 0,
    });
  }

  pending(limit: number): NarrativePushItem[] {
    return this.s.pending.all(limit).map((r) => ({
      changeId: r.change_id,
      teamId: r.team_id,
      month: r.month,
      body: narrativeBodySchema.parse(JSON.parse(r.body_json)),
    }));
  }

  applyResults(results: NarrativePushResult[]): { acked: number; refused: number } {
    let acked = 0;
    let refused = 0;
    this.db.transaction(() => {
      for (const r of results) {
        if (r.status === 'forbidden') {
          this.s.refuse.run(r.reason ?? 'forbidden', r.changeId);
          refused++;
        } else {
          // An edit made while this one was on its way has another change id and stays pending.
          this.s.ack.run(r.changeId);
          acked++;
        }
      }
    })();
    return { acked, refused };
  }

  clearPulled(): void {
    this.s.clearPulled.run();
  }
}

/** Whether a head-office server is set up: an edit is then pending until it arrives, else it stays local. */
export function syncConfigured(db: Database): boolean {
  const row = db.prepare('SELECT server_url AS url FROM sync_state WHERE id = 1').get() as { url: string | null };
  return !!row?.url;
}

export class NarrativeService {
  constructor(
    private readonly repo: NarrativeRepository,
    private readonly identity: () => Identity | null,
    private readonly syncConfigured: () => boolean,
  ) {}

  /** The team's lead, or head office; anyone while this app has no head-office user. */
  editable(team: string): boolean {
    const me = this.identity();
    if (!me) return true;
    if (me.role === 'head_office') return true;
    return me.role === 'lead' && me.teams.some((t) => t.id === team);
  }

  private teamName(team: string): string {
    return this.identity()?.teams.find((t) => t.id === team)?.name ?? this.repo.team(team)?.name ?? team;
  }

  private view(team: string, month: string, row: Row | undefined): NarrativeView {
    return {
      teamId: team,
      teamName: this.teamName(team),
      month,
      body: row ? narrativeBodySchema.parse(JSON.parse(row.body_json)) : emptyNarrative(),
      authorName: row?.author_name ?? '',
      updatedAt: row?.updated_at ?? null,
      editable: this.editable(team),
      sync: !row
        ? 'synced'
        : row.refused !== null
          ? 'refused'
          : row.pending === 0
            ? 'synced'
            : this.syncConfigured()
              ? 'pending'
              : 'local',
    };
  }

  get(team: string, month: string): NarrativeView {
    return this.view(team, month, this.repo.get(team, month));
  }

  save(team: string, month: string, body: NarrativeBody): NarrativeView {
    if (!this.editable(team)) {
      throw new AppError('forbidden', `Only the lead of team ${team} (or head office) writes its narrative.`);
    }
    this.repo.save(team, month, body, this.identity()?.name ?? '');
    return this.get(team, month);
  }

  /**
   * The narratives of a report: every team in scope with something written, and the teams this user writes for
   * (a lead's own teams; one team picked by head office or an app without sync), empty until written.
   */
  forReport(month: string, filter: ScopeFilter): NarrativeView[] {
    if (filter.mine) return [];
    const rows = this.repo.month(month, filter);
    const views = new Map<string, NarrativeView>();
    for (const row of rows) {
      const v = this.view(row.team_id, month, row);
      if (!isEmptyNarrative(v.body) || v.editable) views.set(row.team_id, v);
    }
    const me = this.identity();
    const writable =
      me?.role === 'lead'
        ? me.teams.map((t) => t.id).filter((id) => !filter.teams || filter.teams.includes(id))
        : (!me || me.role === 'head_office') && filter.teams?.length === 1
          ? filter.teams
          : [];
    for (const team of writable) if (!views.has(team)) views.set(team, this.view(team, month, undefined));
    return [...views.values()].sort((a, b) => a.teamName.localeCompare(b.teamName, 'zh-CN'));
  }
}
