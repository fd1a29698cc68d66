/**
 * Dispute statistics over the evaluations of a period in a report scope (the report store's facts, by call day),
 * joined with the disputes this app holds: rates per agent, inspector and item, overturns and time to decision.
 */
import type { Database } from 'better-sqlite3';
import type { DisputeStats } from '../../../shared/contracts/disputes';
import { type DisputeState } from '../../../shared/disputes';
import { itemsOf, overturned } from '../../../shared/dispute-rules';
import type { Period } from '../../../shared/report';
import type { ScorecardDefinition } from '../../../shared/scorecard';
import type { ScopeFilter } from '../reports/repo';
import type { DisputeRepository } from './repo';

interface FactRow {
  evaluationId: string;
  agentNo: string;
  agentName: string;
  inspectorId: string;
}

const rate = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 10000) / 10000 : null);
const hours = (ms: number[]) =>
  ms.length ? Math.round((ms.reduce((a, b) => a + b, 0) / ms.length / 3_600_000) * 10) / 10 : null;

export function disputeStats(
  db: Database,
  repo: DisputeRepository,
  period: Period,
  filter: ScopeFilter,
  myName: () => { userId: string; name: string } | null,
): DisputeStats {
  const facts = db
    .prepare<Record<string, unknown>, FactRow>(
      `SELECT evaluation_id AS evaluationId, agent_no AS agentNo, agent_name AS agentName, inspector_id AS inspectorId
         FROM report_facts WHERE day BETWEEN @from AND @to AND (@mine = 0 OR mine = 1)
          AND (@teams IS NULL OR team_id IN (SELECT value FROM json_each(@teams)))
          AND (@site IS NULL OR site = @site)`,
    )
    .all({
      from: period.from,
      to: period.to,
      mine: filter.mine ? 1 : 0,
      teams: filter.teams ? JSON.stringify(filter.teams) : null,
      site: filter.site,
    });
  const byEvaluation = new Map(facts.map((f) => [f.evaluationId, f]));
  const me = myName();
  const names = new Map<string, string>(me ? [[me.userId, me.name]] : []);
  // Each inspector's name from one of their evaluations in the period: a DISTINCT over every pulled evaluation read
  // the whole table (a million rows at head office, most of a monthly report's time).
  const nameIn = db.prepare<[string], { name: string }>(
    'SELECT inspector_name AS name FROM pulled_evaluations WHERE id = ?',
  );
  for (const f of facts) {
    if (names.has(f.inspectorId)) continue;
    const row = nameIn.get(f.evaluationId);
    if (row) names.set(f.inspectorId, row.name);
  }

  const agents = new Map<string, DisputeStats['byAgent'][number]>();
  const inspectors = new Map<string, DisputeStats['byInspector'][number] & { ms: number[] }>();
  for (const f of facts) {
    const a = agents.get(f.agentNo) ?? {
      agentNo: f.agentNo,
      name: f.agentName || f.agentNo,
      evaluations: 0,
      disputes: 0,
      rate: null,
      overturned: 0,
    };
    a.evaluations++;
    agents.set(f.agentNo, a);
    const inspector = inspectorRow(inspectors, f.inspectorId, names);
    inspector.evaluations++;
  }

  const cards = new Map<string, ScorecardDefinition | null>();
  const card = (s: DisputeState) => {
    const key = `${s.scorecardId}@${s.scorecardVersion}`;
    if (!cards.has(key)) {
      const row = db
        .prepare<[string, number], { json: string }>(
          'SELECT definition_json AS json FROM scorecards WHERE id = ? AND version = ?',
        )
        .get(s.scorecardId, s.scorecardVersion);
      cards.set(key, row ? (JSON.parse(row.json) as ScorecardDefinition) : null);
    }
    return cards.get(key) ?? null;
  };
  const items = new Map<string, DisputeStats['byItem'][number]>();
  const allMs: number[] = [];
  let disputes = 0;
  let acknowledged = 0;
  let open = 0;
  let escalated = 0;
  for (const state of repo.all()) {
    const fact = byEvaluation.get(state.evaluationId);
    if (!fact) continue;
    if (state.status === 'acknowledged') {
      acknowledged++;
      continue;
    }
    disputes++;
    if (state.status === 'open') open++;
    if (state.escalatedAt) escalated++;
    const agent = agents.get(fact.agentNo)!;
    agent.disputes++;
    if (!names.has(state.inspectorId)) names.set(state.inspectorId, state.inspectorName);
    const inspector = inspectorRow(inspectors, state.inspectorId, names);
    inspector.disputes++;
    const names2 = itemsOf(card(state) ?? { name: '', channel: 'phone', description: '', sections: [] });
    let anyOverturned = false;
    for (const d of state.items) {
      const row = items.get(d.itemId) ?? {
        itemId: d.itemId,
        name: names2.get(d.itemId)?.name ?? d.itemId,
        disputes: 0,
        overturned: 0,
      };
      row.disputes++;
      if (d.decision) inspector.disputedItems++;
      if (overturned(d)) {
        row.overturned++;
        inspector.overturnedItems++;
        anyOverturned = true;
      }
      items.set(d.itemId, row);
    }
    if (anyOverturned) agent.overturned++;
    if (state.decidedAt) {
      const ms = Date.parse(state.decidedAt) - Date.parse(state.filedAt);
      inspector.ms.push(ms);
      allMs.push(ms);
    }
  }
  const byAgent = [...agents.values()]
    .filter((a) => a.disputes > 0)
    .map((a) => ({ ...a, rate: rate(a.disputes, a.evaluations) }))
    .sort((x, y) => y.disputes - x.disputes || (x.agentNo < y.agentNo ? -1 : 1));
  const byInspector = [...inspectors.values()]
    .map(({ ms, ...i }) => ({
      ...i,
      rate: rate(i.disputes, i.evaluations),
      overturnRate: rate(i.overturnedItems, i.disputedItems),
      decisionHours: hours(ms),
    }))
    .sort((x, y) => y.disputes - x.disputes || (x.name < y.name ? -1 : 1));
  return {
    from: period.from,
    to: period.to,
    evaluations: facts.length,
    acknowledged,
    disputes,
    rate: rate(disputes, facts.length),
    open,
    escalated,
    byAgent,
    byInspector,
    byItem: [...items.values()].sort((x, y) => y.disputes - x.disputes || (x.itemId < y.itemId ? -1 : 1)),
    decisionHours: hours(allMs),
  };
}

function inspectorRow(
  rows: Map<string, DisputeStats['byInspector'][number] & { ms: number[] }>,
  id: string,
  names: Map<string, string>,
) {
  let row = rows.get(id);
  if (!row) {
    row = {
      inspectorId: id,
      name: names.get(id) || id || '—',
      evaluations: 0,
      disputes: 0,
      rate: null,
      disputedItems: 0,
      overturnedItems: 0,
      overturnRate: null,
      decisionHours: null,
      ms: [],
    };
    rows.set(id, row);
  }
  return row;
}
