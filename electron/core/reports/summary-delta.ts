/**
 * A batch's net change to the summaries (per agent and day, per agent and month, and the monthly category, item
 * and text counts). Contributions are added (+1) and taken back (−1) in memory, so a batch of thousands of pulled
 * evaluations costs one upsert per summary row it touches instead of one per evaluation and table; a revision
 * replacing an earlier one in the same batch nets out before anything is written.
 */
import type { Database, Statement } from 'better-sqlite3';
import { MAX_SECTIONS } from '../../../shared/scorecard';
import type { Contribution } from './contribution';

interface AgentAcc {
  /** The day or the month, as the table keys it. */
  period: string;
  agentNo: string;
  teamId: string;
  site: string;
  mine: number;
  cardKey: number;
  agentName: string;
  teamName: string;
  n: number;
  sumTotal: number;
  sumUncapped: number;
  /** Of the added evaluations only; a removal sets `recompute` instead, as min/max cannot be taken back. */
  min: number;
  max: number;
  crit: number;
  ns: number[];
  ts: number[];
  /** Section sums before critical items (migration 017). */
  us: number[];
  recompute: boolean;
}

interface MinMaxRow {
  day: string;
  agentNo: string;
  teamId: string;
  site: string;
  mine: number;
  cardKey: number;
  mn: number;
  mx: number;
}

interface Counter {
  params: unknown[];
  values: number[];
}

const none = Number.MAX_SAFE_INTEGER;
const positions = Array.from({ length: MAX_SECTIONS }, (_, i) => i);

const agentColumns = (period: 'day' | 'month') => [
  period,
  'agent_no',
  'card_key',
  'team_id',
  'site',
  'mine',
  'agent_name',
  'team_name',
  'n',
  'sum_total',
  'sum_uncapped',
  'min_total',
  'max_total',
  'critical_fails',
  ...positions.flatMap((i) => [`n${i}`, `t${i}`]),
  ...positions.map((i) => `u${i}`),
];
const additive = [
  'n',
  'sum_total',
  'sum_uncapped',
  'critical_fails',
  ...positions.flatMap((i) => [`n${i}`, `t${i}`]),
  ...positions.map((i) => `u${i}`),
];

const values = (columns: string[]) => `VALUES (${columns.map(() => '?').join(', ')})`;

function agentStatements(db: Database, period: 'day' | 'month') {
  const table = `report_agent_${period}`;
  const columns = agentColumns(period);
  const key = `${period} = ? AND agent_no = ? AND card_key = ? AND team_id = ? AND site = ? AND mine = ?`;
  return {
    upsert: db.prepare<unknown[]>(
      `INSERT INTO ${table} (${columns.join(', ')}) ${values(columns)}
       ON CONFLICT (${period}, agent_no, card_key, team_id, site, mine) DO UPDATE SET
         agent_name = CASE WHEN excluded.n > 0 AND excluded.agent_name <> '' THEN excluded.agent_name ELSE agent_name END,
         team_name = CASE WHEN excluded.n > 0 AND excluded.team_name <> '' THEN excluded.team_name ELSE team_name END,
         min_total = min(min_total, excluded.min_total), max_total = max(max_total, excluded.max_total),
         ${additive.map((c) => `${c} = ${c} + excluded.${c}`).join(', ')}`,
    ),
    drop: db.prepare(`DELETE FROM ${table} WHERE ${key} AND n <= 0`),
    setMinMax: db.prepare(`UPDATE ${table} SET min_total = ?, max_total = ? WHERE ${key}`),
  };
}

function prepareStatements(db: Database) {
  const categoryColumns = ['month', 'team_id', 'site', 'mine', 'category', 'n', 'sum_total'];
  const itemColumns = [
    'month',
    'team_id',
    'site',
    'mine',
    'item_id',
    'section_id',
    'n',
    'n_lost',
    'lost_x100',
    'max_x100',
    'critical_fails',
  ];
  const textColumns = ['month', 'team_id', 'site', 'mine', 'kind', 'key', 'text', 'n'];
  const causeColumns = [
    'month',
    'team_id',
    'site',
    'mine',
    'card_key',
    'cause_id',
    'item_id',
    'section_id',
    'n',
    'lost_x100',
  ];
  return {
    day: agentStatements(db, 'day'),
    month: agentStatements(db, 'month'),
    // One scan of a month's facts (clustered by day) for every row a batch took an evaluation out of. Removals
    // come only with re-scored evaluations, so this replaced an index on (agent, month) that every insert paid for.
    monthMinMax: db.prepare<[{ first: string; last: string; agents: string }], MinMaxRow>(
      `SELECT day, agent_no AS agentNo, team_id AS teamId, site, mine, card_key AS cardKey, min(total_x100) AS mn,
              max(total_x100) AS mx
         FROM report_facts
        WHERE day BETWEEN @first AND @last AND agent_no IN (SELECT value FROM json_each(@agents))
        GROUP BY day, agent_no, card_key, team_id, site, mine`,
    ),
    category: db.prepare<unknown[]>(
      `INSERT INTO report_category_month (${categoryColumns.join(', ')}) ${values(categoryColumns)}
       ON CONFLICT (month, team_id, site, mine, category) DO UPDATE SET
         n = n + excluded.n, sum_total = sum_total + excluded.sum_total`,
    ),
    item: db.prepare<unknown[]>(
      `INSERT INTO report_item_month (${itemColumns.join(', ')}) ${values(itemColumns)}
       ON CONFLICT (month, team_id, site, mine, item_id) DO UPDATE SET
         section_id = excluded.section_id, n = n + excluded.n, n_lost = n_lost + excluded.n_lost,
         lost_x100 = lost_x100 + excluded.lost_x100, max_x100 = max_x100 + excluded.max_x100,
         critical_fails = critical_fails + excluded.critical_fails`,
    ),
    text: db.prepare<unknown[]>(
      `INSERT INTO report_text_month (${textColumns.join(', ')}) ${values(textColumns)}
       ON CONFLICT (month, team_id, site, mine, kind, key, text) DO UPDATE SET n = n + excluded.n`,
    ),
    cause: db.prepare<unknown[]>(
      `INSERT INTO report_cause_month (${causeColumns.join(', ')}) ${values(causeColumns)}
       ON CONFLICT (month, team_id, site, mine, card_key, cause_id, item_id) DO UPDATE SET
         n = n + excluded.n, lost_x100 = lost_x100 + excluded.lost_x100`,
    ),
    dropCause: db.prepare(
      `DELETE FROM report_cause_month WHERE month = ? AND team_id = ? AND site = ? AND mine = ? AND card_key = ?
          AND cause_id = ? AND item_id = ? AND n <= 0`,
    ),
    dropCategory: db.prepare(
      `DELETE FROM report_category_month
        WHERE month = ? AND team_id = ? AND site = ? AND mine = ? AND category = ? AND n <= 0`,
    ),
    dropItem: db.prepare(
      `DELETE FROM report_item_month WHERE month = ? AND team_id = ? AND site = ? AND mine = ? AND item_id = ? AND n <= 0`,
    ),
    dropText: db.prepare(
      `DELETE FROM report_text_month
        WHERE month = ? AND team_id = ? AND site = ? AND mine = ? AND kind = ? AND key = ? AND text = ? AND n <= 0`,
    ),
  };
}

export type SummaryStatements = ReturnType<typeof prepareStatements>;
export const prepareSummaryStatements = prepareStatements;

function newAcc(period: string, f: Contribution['fact']): AgentAcc {
  return {
    period,
    agentNo: f.agentNo,
    teamId: f.teamId,
    site: f.site,
    mine: f.mine,
    cardKey: f.cardKey,
    agentName: '',
    teamName: '',
    n: 0,
    sumTotal: 0,
    sumUncapped: 0,
    min: none,
    max: -none,
    crit: 0,
    ns: positions.map(() => 0),
    ts: positions.map(() => 0),
    us: positions.map(() => 0),
    recompute: false,
  };
}

function addTo(a: AgentAcc, f: Contribution['fact'], sign: 1 | -1): void {
  a.n += sign;
  a.sumTotal += sign * f.totalX100;
  a.sumUncapped += sign * f.uncappedX100;
  a.crit += sign * f.criticalFailed;
  for (const i of positions) {
    const v = f.s[i];
    if (v !== null) {
      a.ns[i] += sign;
      a.ts[i] += sign * v;
      a.us[i] += sign * (f.u[i] ?? 0);
    }
  }
  if (sign > 0) {
    a.min = Math.min(a.min, f.totalX100);
    a.max = Math.max(a.max, f.totalX100);
    if (f.agentName) a.agentName = f.agentName;
    if (f.teamName) a.teamName = f.teamName;
  } else {
    a.recompute = true;
  }
}

export class SummaryDelta {
  private readonly days = new Map<string, AgentAcc>();
  private readonly months = new Map<string, AgentAcc>();
  private readonly categories = new Map<string, Counter>();
  /** By dimensions, then by item id: one map lookup per item, no key built per item (23 an evaluation). */
  private readonly items = new Map<string, Map<string, Counter>>();
  private readonly texts = new Map<string, Counter>();
  private readonly causes = new Map<string, Counter>();

  add(c: Contribution, sign: 1 | -1): void {
    const f = c.fact;
    const dims = `${f.month}\u0001${f.teamId}\u0001${f.site}\u0001${f.mine}`;
    const agentKey = `\u0001${f.agentNo}\u0001${f.cardKey}\u0001${f.teamId}\u0001${f.site}\u0001${f.mine}`;
    let day = this.days.get(f.day + agentKey);
    if (!day) this.days.set(f.day + agentKey, (day = newAcc(f.day, f)));
    addTo(day, f, sign);
    let month = this.months.get(f.month + agentKey);
    if (!month) this.months.set(f.month + agentKey, (month = newAcc(f.month, f)));
    addTo(month, f, sign);
    // Parameter arrays are made only for a key's first contribution: most items repeat within a batch.
    const category = `${dims}\u0001${f.category}`;
    const cat = this.categories.get(category);
    if (cat) {
      cat.values[0] += sign;
      cat.values[1] += sign * f.totalX100;
    } else {
      this.categories.set(category, {
        params: [f.month, f.teamId, f.site, f.mine, f.category],
        values: [sign, sign * f.totalX100],
      });
    }
    let items = this.items.get(dims);
    if (!items) this.items.set(dims, (items = new Map()));
    for (const i of c.items) {
      const it = items.get(i.itemId);
      if (it) {
        const v = it.values;
        v[0] += sign;
        v[1] += sign * i.nLost;
        v[2] += sign * i.lostX100;
        v[3] += sign * i.maxX100;
        v[4] += sign * i.criticalFail;
      } else {
        items.set(i.itemId, {
          params: [f.month, f.teamId, f.site, f.mine, i.itemId, i.sectionId],
          values: [sign, sign * i.nLost, sign * i.lostX100, sign * i.maxX100, sign * i.criticalFail],
        });
      }
    }
    for (const k of c.causes) {
      const key = `${dims}\u0001${f.cardKey}\u0001${k.causeId}\u0001${k.itemId}`;
      const cause = this.causes.get(key);
      if (cause) {
        cause.values[0] += sign;
        cause.values[1] += sign * k.lostX100;
      } else {
        this.causes.set(key, {
          params: [f.month, f.teamId, f.site, f.mine, f.cardKey, k.causeId, k.itemId, k.sectionId],
          values: [sign, sign * k.lostX100],
        });
      }
    }
    for (const t of c.texts) {
      const key = `${dims}\u0001${t.kind}\u0001${t.key}\u0001${t.text}`;
      const tx = this.texts.get(key);
      if (tx) tx.values[0] += sign;
      else this.texts.set(key, { params: [f.month, f.teamId, f.site, f.mine, t.kind, t.key, t.text], values: [sign] });
    }
  }

  /** How many summary rows this batch touches (for the bench's breakdown). */
  get size(): { days: number; months: number; categories: number; items: number; texts: number } {
    return {
      days: this.days.size,
      months: this.months.size,
      categories: this.categories.size,
      items: [...this.items.values()].reduce((n, m) => n + m.size, 0),
      texts: this.texts.size,
    };
  }

  /** Writes the net change. Call after report_facts holds the batch's new rows (min/max are recomputed from it). */
  flush(s: SummaryStatements): void {
    const recompute: AgentAcc[] = [];
    const write = (accs: Map<string, AgentAcc>, st: SummaryStatements['day']) => {
      for (const a of accs.values()) {
        const unchanged = a.n === 0 && a.sumTotal === 0 && !a.recompute && a.ns.every((n) => n === 0);
        if (!unchanged) {
          const row: unknown[] = [a.period, a.agentNo, a.cardKey, a.teamId, a.site, a.mine, a.agentName, a.teamName];
          row.push(a.n, a.sumTotal, a.sumUncapped, a.min, a.max, a.crit);
          for (const i of positions) row.push(a.ns[i], a.ts[i]);
          for (const i of positions) row.push(a.us[i]);
          st.upsert.run(...row);
        }
        if (a.recompute) {
          st.drop.run(a.period, a.agentNo, a.cardKey, a.teamId, a.site, a.mine);
          recompute.push(a);
        }
      }
    };
    write(this.days, s.day);
    write(this.months, s.month);
    if (recompute.length) this.recomputeMinMax(s, recompute);
    this.writeCounters(s);
  }

  /** min/max of the rows an evaluation left, from the facts: one scan of each month concerned. */
  private recomputeMinMax(s: SummaryStatements, rows: AgentAcc[]): void {
    const agentsByMonth = new Map<string, Set<string>>();
    for (const a of rows) {
      const month = a.period.slice(0, 7);
      agentsByMonth.set(month, (agentsByMonth.get(month) ?? new Set()).add(a.agentNo));
    }
    const wanted = new Set(
      rows.map((a) => `${a.period}\u0001${a.agentNo}\u0001${a.cardKey}\u0001${a.teamId}\u0001${a.site}\u0001${a.mine}`),
    );
    for (const [month, agents] of agentsByMonth) {
      const facts = s.monthMinMax.all({
        first: `${month}-01`,
        last: `${month}-31`,
        agents: JSON.stringify([...agents]),
      });
      const monthly = new Map<string, MinMaxRow>();
      for (const r of facts) {
        const rest = `\u0001${r.agentNo}\u0001${r.cardKey}\u0001${r.teamId}\u0001${r.site}\u0001${r.mine}`;
        if (wanted.has(r.day + rest))
          s.day.setMinMax.run(r.mn, r.mx, r.day, r.agentNo, r.cardKey, r.teamId, r.site, r.mine);
        const m = monthly.get(rest);
        if (!m) monthly.set(rest, { ...r });
        else {
          m.mn = Math.min(m.mn, r.mn);
          m.mx = Math.max(m.mx, r.mx);
        }
      }
      for (const [rest, r] of monthly) {
        if (wanted.has(month + rest))
          s.month.setMinMax.run(r.mn, r.mx, month, r.agentNo, r.cardKey, r.teamId, r.site, r.mine);
      }
    }
  }

  private writeCounters(s: SummaryStatements): void {
    const write = (map: Map<string, Counter>, upsert: Statement<unknown[]>, drop: Statement, keyLength: number) => {
      for (const c of map.values()) {
        if (c.values.every((v) => v === 0)) continue;
        upsert.run(...c.params, ...c.values);
        if (c.values[0] < 0) drop.run(...c.params.slice(0, keyLength));
      }
    };
    write(this.categories, s.category, s.dropCategory, 5);
    for (const items of this.items.values()) write(items, s.item, s.dropItem, 5);
    write(this.texts, s.text, s.dropText, 7);
    write(this.causes, s.cause, s.dropCause, 7);
  }
}
