import type { Database } from 'better-sqlite3';
import type { ScorecardVersionView } from '../../../shared/contracts/scorecards';
import {
  scorecardDraftDefinitionSchema,
  type ScorecardDefinition,
  type ScorecardStatus,
} from '../../../shared/scorecard';

interface Row {
  id: string;
  version: number;
  status: ScorecardStatus;
  source: 'local' | 'server';
  name: string;
  channel: string;
  definition_json: string;
  created_at: string;
  updated_at: string;
  published_at: string | null;
  evaluation_count: number;
}

export interface StoredScorecard {
  id: string;
  version: number;
  status: ScorecardStatus;
  definition: ScorecardDefinition;
}

const select = `SELECT s.*, (SELECT COUNT(*) FROM evaluations e
                   WHERE e.scorecard_id = s.id AND e.scorecard_version = s.version) AS evaluation_count
                FROM scorecards s`;

function toView(row: Row): ScorecardVersionView {
  const def = scorecardDraftDefinitionSchema.parse(JSON.parse(row.definition_json));
  return {
    id: row.id,
    version: row.version,
    status: row.status,
    source: row.source,
    name: def.name,
    channel: def.channel,
    description: def.description,
    sections: def.sections.map((s) => ({ ...s, items: s.items.map((i) => ({ ...i, points: i.maxPoints })) })),
    // Left out when absent, so a card written before these rules lists exactly as before.
    ...(def.requireCommentOnDeduction !== undefined
      ? { requireCommentOnDeduction: def.requireCommentOnDeduction }
      : {}),
    ...(def.rootCauses !== undefined ? { rootCauses: def.rootCauses } : {}),
    ...(def.requireRootCause !== undefined ? { requireRootCause: def.requireRootCause } : {}),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    publishedAt: row.published_at,
    evaluationCount: row.evaluation_count,
  };
}

/** Scorecard versions. Published rows are immutable (also enforced by triggers in migration 003). */
export class ScorecardRepository {
  private readonly all;
  private readonly one;
  private readonly latestPublished;
  private readonly draftOf;
  private readonly maxVersion;
  private readonly insert;
  private readonly updateDraft;
  private readonly publishDraft;
  private readonly deleteDraft;
  private readonly countAll;

  constructor(private readonly db: Database) {
    this.all = db.prepare<[], Row>(`${select} ORDER BY s.id, s.version DESC`);
    this.one = db.prepare<[string, number], Row>(`${select} WHERE s.id = ? AND s.version = ?`);
    this.latestPublished = db.prepare<[string], Row>(
      `${select} WHERE s.id = ? AND s.status = 'published' ORDER BY s.version DESC LIMIT 1`,
    );
    this.draftOf = db.prepare<[string], Row>(`${select} WHERE s.id = ? AND s.status = 'draft'`);
    this.maxVersion = db.prepare<[string], number | null>('SELECT MAX(version) FROM scorecards WHERE id = ?').pluck();
    this.insert = db.prepare<[string, number, string, string, string, string, string, string | null]>(
      `INSERT INTO scorecards (id, version, status, name, channel, definition_json, source, published_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.updateDraft = db.prepare<[string, string, string, string, number]>(
      `UPDATE scorecards SET name = ?, channel = ?, definition_json = ?,
         updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
       WHERE id = ? AND version = ? AND status = 'draft'`,
    );
    this.publishDraft = db.prepare<[string, number]>(
      `UPDATE scorecards SET status = 'published', published_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now'),
         updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
       WHERE id = ? AND version = ? AND status = 'draft'`,
    );
    this.deleteDraft = db.prepare<[string, number]>(
      `DELETE FROM scorecards WHERE id = ? AND version = ? AND status = 'draft'`,
    );
    this.countAll = db.prepare<[], number>('SELECT COUNT(*) FROM scorecards').pluck();
  }

  count(): number {
    return this.countAll.get() ?? 0;
  }

  list(): ScorecardVersionView[] {
    return this.all.all().map(toView);
  }

  get(id: string, version?: number): ScorecardVersionView | undefined {
    const row = version === undefined ? this.latestPublished.get(id) : this.one.get(id, version);
    return row ? toView(row) : undefined;
  }

  /** The definition as stored, for scoring. */
  definition(id: string, version: number): StoredScorecard | undefined {
    const row = this.one.get(id, version);
    if (!row) return undefined;
    return {
      id: row.id,
      version: row.version,
      status: row.status,
      definition: scorecardDraftDefinitionSchema.parse(JSON.parse(row.definition_json)),
    };
  }

  /** The newest published version's definition, as stored. */
  latestPublishedDefinition(id: string): StoredScorecard | undefined {
    const row = this.latestPublished.get(id);
    return row ? this.definition(row.id, row.version) : undefined;
  }

  draft(id: string): ScorecardVersionView | undefined {
    const row = this.draftOf.get(id);
    return row ? toView(row) : undefined;
  }

  /** Updates the card's draft, or starts one as the version after the newest. Returns the draft's version. */
  saveDraft(id: string, def: ScorecardDefinition): number {
    return this.db.transaction(() => {
      const existing = this.draftOf.get(id);
      const json = JSON.stringify(def);
      if (existing) {
        this.updateDraft.run(def.name, def.channel, json, id, existing.version);
        return existing.version;
      }
      const version = (this.maxVersion.get(id) ?? 0) + 1;
      this.insert.run(id, version, 'draft', def.name, def.channel, json, 'local', null);
      return version;
    })();
  }

  publish(id: string, version: number): boolean {
    return this.publishDraft.run(id, version).changes === 1;
  }

  discardDraft(id: string, version: number): boolean {
    return this.deleteDraft.run(id, version).changes === 1;
  }

  /**
   * A published version arriving from elsewhere (the shipped default card, or head office through sync).
   * The same id+version twice is ignored: published versions never change.
   */
  insertPublished(id: string, version: number, def: ScorecardDefinition, source: 'local' | 'server'): boolean {
    if (this.one.get(id, version)) return false;
    this.insert.run(
      id,
      version,
      'published',
      def.name,
      def.channel,
      JSON.stringify(def),
      source,
      new Date().toISOString(),
    );
    return true;
  }
}
