/**
 * The report store: every evaluation the reports cover — this app's own submitted ones and those head office sent
 * down — as one fact row each plus monthly summaries, kept exact by adding a revision's contribution and taking
 * back the one it replaces (summary-delta.ts). One code path for a single submit, a page of a pull and a rebuild.
 */
import type { ContactChannel } from '../../../shared/channels';
import type { Database, Statement } from 'better-sqlite3';
import type { CallContext, EvaluationRevision, PulledRevision } from '../../../shared/evaluation';
import { scorecardDraftDefinitionSchema, MAX_SECTIONS } from '../../../shared/scorecard';
import type { EvaluationChange } from '../../../shared/sync';
import { CallContextReader } from '../evaluations/call-context';
import {
  cardInfo,
  contributionOf,
  itemsOf,
  textsOf,
  type CardInfo,
  type Contribution,
  type FactRow,
} from './contribution';
import { prepareSummaryStatements, SummaryDelta, type SummaryStatements } from './summary-delta';

const positions = Array.from({ length: MAX_SECTIONS }, (_, i) => i);
const factColumns = [
  'day',
  'evaluation_id',
  'month',
  'source',
  'mine',
  'agent_no',
  'agent_name',
  'team_id',
  'team_name',
  'site',
  'inspector_id',
  'category',
  'card_key',
  'revision',
  'total_x100',
  'uncapped_x100',
  'critical_failed',
  ...positions.map((i) => `s${i}`),
  'call_id',
  'channel',
];

type StoredFact = Record<string, string | number | null>;

function factParams(f: FactRow): unknown[] {
  return [
    f.day,
    f.evaluationId,
    f.month,
    f.source,
    f.mine,
    f.agentNo,
    f.agentName,
    f.teamId,
    f.teamName,
    f.site,
    f.inspectorId,
    f.category,
    f.cardKey,
    f.revision,
    f.totalX100,
    f.uncappedX100,
    f.criticalFailed,
    ...f.s,
    f.callId,
    f.channel,
  ];
}

function toFact(r: StoredFact): FactRow {
  const str = (k: string) => r[k] as string;
  return {
    day: str('day'),
    evaluationId: str('evaluation_id'),
    month: str('month'),
    source: str('source') as FactRow['source'],
    mine: r.mine as 0 | 1,
    agentNo: str('agent_no'),
    agentName: str('agent_name'),
    teamId: str('team_id'),
    teamName: str('team_name'),
    site: str('site'),
    inspectorId: str('inspector_id'),
    category: str('category'),
    cardKey: r.card_key as number,
    revision: r.revision as number,
    totalX100: r.total_x100 as number,
    uncappedX100: r.uncapped_x100 as number,
    criticalFailed: r.critical_failed as 0 | 1,
    s: positions.map((i) => r[`s${i}`] as number | null),
    callId: (r.call_id as string | null) ?? null,
    channel: (r.channel as ContactChannel | undefined) ?? 'phone',
  };
}

interface PulledRow {
  id: string;
  json: string;
  inspector_id: string;
  inspector_name: string;
  team_id: string | null;
  site: string | null;
}

/** Every row of a keyset-paged statement, a page at a time. */
function* pages<R extends { id: string }>(stmt: Statement<[string, number], R>, size: number): Generator<R[]> {
  let after = '';
  for (;;) {
    const rows = stmt.all(after, size);
    if (rows.length === 0) return;
    yield rows;
    after = rows[rows.length - 1].id;
  }
}

export interface Identity {
  userId: string;
  name: string;
}

export interface PulledOutcome {
  stored: number;
  /** Already held at this or a newer revision, or an evaluation of this app's own. */
  skipped: number;
}

export class ReportStore {
  private readonly s;
  private readonly summary: SummaryStatements;
  private readonly calls: CallContextReader;
  private readonly cards = new Map<string, CardInfo>();
  private readonly cardsByKey = new Map<number, CardInfo>();

  constructor(
    private readonly db: Database,
    /** This app's user at head office, when sync is set up: their pulled evaluations count as "mine" too. */
    private readonly identity: () => Identity | null,
    private readonly warn: (message: string) => void = () => undefined,
  ) {
    this.summary = prepareSummaryStatements(db);
    this.calls = new CallContextReader(db);
    this.s = {
      // Bound values, a row at a time: SQLite's json_each with ->> per column measured seven times slower.
      insertFact: db.prepare<unknown[]>(
        `INSERT INTO report_facts (${factColumns.join(', ')}) VALUES (${factColumns.map(() => '?').join(', ')})`,
      ),
      factsOf: db.prepare<[string], StoredFact>(
        'SELECT * FROM report_facts WHERE evaluation_id IN (SELECT value FROM json_each(?))',
      ),
      deleteFacts: db.prepare<[string]>(
        `DELETE FROM report_facts WHERE evaluation_id IN (SELECT value FROM json_each(?))`,
      ),
      heldPulled: db.prepare<
        [string],
        { id: string; revision: number; json: string; teamId: string | null; site: string | null }
      >(
        `SELECT id, revision, body_json AS json, team_id AS teamId, site FROM pulled_evaluations
          WHERE id IN (SELECT value FROM json_each(?))`,
      ),
      ownIds: db.prepare<[string], { id: string }>(
        'SELECT id FROM evaluations WHERE id IN (SELECT value FROM json_each(?))',
      ),
      putPulled: db.prepare<unknown[]>(
        `INSERT INTO pulled_evaluations (id, revision, hash, inspector_id, inspector_name, received_at, team_id, site,
           body_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET revision = excluded.revision, hash = excluded.hash,
           inspector_id = excluded.inspector_id, inspector_name = excluded.inspector_name,
           received_at = excluded.received_at, team_id = excluded.team_id, site = excluded.site,
           body_json = excluded.body_json`,
      ),
      cardKey: db.prepare<[string, number], { key: number }>(
        'SELECT card_key AS key FROM report_cards WHERE scorecard_id = ? AND version = ?',
      ),
      cardByKey: db.prepare<[number], { id: string; version: number }>(
        'SELECT scorecard_id AS id, version FROM report_cards WHERE card_key = ?',
      ),
      newCard: db.prepare<[string, number]>('INSERT INTO report_cards (scorecard_id, version) VALUES (?, ?)'),
      definition: db.prepare<[string, number], { json: string }>(
        "SELECT definition_json AS json FROM scorecards WHERE id = ? AND version = ? AND status = 'published'",
      ),
      ownRevision: db.prepare<[string, number], { json: string }>(
        'SELECT body_json AS json FROM evaluation_revisions WHERE evaluation_id = ? AND revision = ?',
      ),
      built: db.prepare<[], { built: number }>('SELECT built FROM report_store_state WHERE id = 1'),
      setBuilt: db.prepare<[number]>('UPDATE report_store_state SET built = ? WHERE id = 1'),
      // Keyset pages: an open iterator would keep the connection busy while the rebuild writes.
      ownCurrent: db.prepare<[string, number], { id: string; json: string }>(
        `SELECT e.id, v.body_json AS json FROM evaluations e
           JOIN evaluation_revisions v ON v.evaluation_id = e.id AND v.revision = e.revision
          WHERE e.status = 'submitted' AND e.id > ? ORDER BY e.id LIMIT ?`,
      ),
      pulledAll: db.prepare<[string, number], PulledRow>(
        `SELECT id, body_json AS json, inspector_id, inspector_name, team_id, site FROM pulled_evaluations p
          WHERE id > ? AND NOT EXISTS (SELECT 1 FROM evaluations e WHERE e.id = p.id) ORDER BY id LIMIT ?`,
      ),
    } satisfies Record<string, Statement>;
  }

  /** The card a revision was scored with, by id and version; the definition comes from the local scorecards. */
  card(id: string, version: number): CardInfo {
    const name = `${id}@${version}`;
    const known = this.cards.get(name);
    if (known) return known;
    const row = this.s.definition.get(id, version);
    if (!row) throw new Error(`Scorecard ${id} version ${version} is not in this app.`);
    let key = this.s.cardKey.get(id, version)?.key;
    if (key === undefined) key = Number(this.s.newCard.run(id, version).lastInsertRowid);
    const info = cardInfo(key, id, version, scorecardDraftDefinitionSchema.parse(JSON.parse(row.json)));
    this.cards.set(name, info);
    this.cardsByKey.set(key, info);
    return info;
  }

  /**
   * The card, or null when this app does not hold that version: such an evaluation stays out of the reports (and
   * is logged) rather than stopping a pull or a rebuild. Head office sends every card before the evaluations on it.
   */
  private cardOrNull(id: string, version: number): CardInfo | null {
    try {
      return this.card(id, version);
    } catch {
      this.warn(`Scorecard ${id} version ${version} is not in this app; its evaluations are left out of the reports.`);
      return null;
    }
  }

  cardByKey(key: number): CardInfo {
    const known = this.cardsByKey.get(key);
    if (known) return known;
    const row = this.s.cardByKey.get(key);
    if (!row) throw new Error(`Unknown report card key ${key}.`);
    return this.card(row.id, row.version);
  }

  needsRebuild(): boolean {
    return this.s.built.get()?.built !== 1;
  }

  private ownCall(body: EvaluationRevision): CallContext | null {
    return body.call ?? this.calls.forRecording(body.recordingId, body.agentNo);
  }

  private ownContribution(body: EvaluationRevision): Contribution | null {
    const me = this.identity();
    const who = { source: 'own' as const, mine: true, inspectorId: me?.userId ?? '', inspectorName: me?.name ?? '' };
    const card = this.cardOrNull(body.scorecardId, body.scorecardVersion);
    return card && contributionOf(body, card, who, this.ownCall(body));
  }

  private pulledContribution(
    body: PulledRevision,
    inspectorId: string,
    inspectorName: string,
    teamId: string | null,
    site: string | null,
  ): Contribution | null {
    const me = this.identity();
    const who = {
      source: 'pulled' as const,
      mine: me?.userId === inspectorId,
      inspectorId,
      inspectorName,
      teamId,
      site,
    };
    const card = this.cardOrNull(body.scorecardId, body.scorecardVersion);
    return card && contributionOf(body, card, who, body.call ?? null);
  }

  /** The contribution a stored fact made, rebuilt from the body it was made of. */
  private storedContribution(fact: FactRow, body: EvaluationRevision | PulledRevision): Contribution {
    const card = this.cardByKey(fact.cardKey);
    return { fact, items: itemsOf(body, card), texts: textsOf(body) };
  }

  /**
   * Replaces the facts of a batch: each stored fact of these evaluations is taken out (with the body it was made of,
   * from `oldBody`) and each new contribution put in, as one delta.
   */
  private replaceAll(
    ids: string[],
    oldBody: (fact: FactRow) => EvaluationRevision | PulledRevision | null,
    next: Contribution[],
  ): void {
    const delta = new SummaryDelta();
    const stored = ids.length ? this.s.factsOf.all(JSON.stringify(ids)) : [];
    for (const row of stored) {
      const fact = toFact(row);
      const body = oldBody(fact);
      if (!body) throw new Error(`The body behind the report row of evaluation ${fact.evaluationId} is missing.`);
      delta.add(this.storedContribution(fact, body), -1);
    }
    if (stored.length) this.s.deleteFacts.run(JSON.stringify(stored.map((r) => r.evaluation_id)));
    for (const c of next) this.s.insertFact.run(...factParams(c.fact));
    for (const c of next) delta.add(c, 1);
    delta.flush(this.summary);
  }

  private ownBody(fact: FactRow): EvaluationRevision | null {
    const row = this.s.ownRevision.get(fact.evaluationId, fact.revision);
    return row ? (JSON.parse(row.json) as EvaluationRevision) : null;
  }

  /** The current revision of an evaluation of this app's own; call inside the transaction that stored it. */
  putOwn(body: EvaluationRevision): void {
    const next = this.ownContribution(body);
    this.replaceAll([body.id], (fact) => this.ownBody(fact), next ? [next] : []);
  }

  /**
   * A page of evaluations from head office, inside the transaction that applies the page. Older or equal revisions
   * than held, and evaluations this app scored itself (its own copy is the authority), are skipped; of several
   * revisions of one evaluation in a page, the newest counts.
   */
  putPulled(changes: EvaluationChange[]): PulledOutcome {
    if (changes.length === 0) return { stored: 0, skipped: 0 };
    const ids = JSON.stringify(changes.map((c) => c.id));
    const held = new Map(this.s.heldPulled.all(ids).map((r) => [r.id, r]));
    const own = new Set(this.s.ownIds.all(ids).map((r) => r.id));
    const latest = new Map<string, EvaluationChange>();
    for (const c of changes) {
      if (own.has(c.id)) continue;
      const h = held.get(c.id);
      // The same revision comes again when head office files it elsewhere (the roster moved the agent).
      const refiled = h !== undefined && h.revision === c.revision && (h.teamId !== c.teamId || h.site !== c.site);
      if (h && h.revision >= c.revision && !refiled) continue;
      const seen = latest.get(c.id);
      if (!seen || seen.revision <= c.revision) latest.set(c.id, c);
    }
    const apply = [...latest.values()];
    const next: Contribution[] = [];
    const rows: unknown[][] = [];
    for (const c of apply) {
      const contribution = this.pulledContribution(c.body, c.inspectorId, c.inspectorName, c.teamId, c.site);
      if (contribution) next.push(contribution);
      rows.push([
        c.id,
        c.revision,
        c.hash,
        c.inspectorId,
        c.inspectorName,
        c.receivedAt,
        c.teamId,
        c.site,
        JSON.stringify(c.body),
      ]);
    }
    const replaced = apply.filter((c) => held.has(c.id)).map((c) => c.id);
    this.replaceAll(
      replaced,
      (fact) => {
        const h = held.get(fact.evaluationId);
        return h ? (JSON.parse(h.json) as PulledRevision) : null;
      },
      next,
    );
    for (const row of rows) this.s.putPulled.run(...row);
    return { stored: apply.length, skipped: changes.length - apply.length };
  }

  /** Everything again from the evaluations (after the migration that made this store, or a new identity). */
  rebuild(batch = 2000): void {
    this.db.transaction(() => {
      for (const table of [
        'report_facts',
        'report_agent_day',
        'report_agent_month',
        'report_category_month',
        'report_item_month',
        'report_text_month',
      ]) {
        this.db.prepare(`DELETE FROM ${table}`).run();
      }
      const add = (contributions: (Contribution | null)[]) =>
        this.replaceAll(
          [],
          () => null,
          contributions.filter((c): c is Contribution => c !== null),
        );
      for (const rows of pages(this.s.ownCurrent, batch)) {
        add(rows.map((r) => this.ownContribution(JSON.parse(r.json) as EvaluationRevision)));
      }
      for (const rows of pages(this.s.pulledAll, batch)) {
        add(
          rows.map((r) =>
            this.pulledContribution(
              JSON.parse(r.json) as PulledRevision,
              r.inspector_id,
              r.inspector_name,
              r.team_id,
              r.site,
            ),
          ),
        );
      }
      this.s.setBuilt.run(1);
    })();
  }

  /** Marks the store for a rebuild at the next start (or call rebuild() now). */
  invalidate(): void {
    this.s.setBuilt.run(0);
  }
}
