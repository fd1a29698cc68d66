/**
 * 六、客户回访 of the monthly report: call-backs and the two satisfaction counts per month with the rate, per caller
 * group per month, the report month's dissatisfied call-backs by reason and its suggestions, and per agent (where a
 * call-back names one or its call links to an evaluation) satisfaction beside the agent's QA average. Counts come from
 * SQL; every rate is percentOf on integers, the one computation the exports and the screen read.
 */
import type {
  CallbackAgent,
  CallbackAnnexPage,
  CallbackAnnexRow,
  CallbackGroupMonth,
  CallbackMonth,
  CallbackSection,
} from '../../../shared/callbacks';
import type { AgentComparison } from '../../../shared/report';
import { averageX100, percentOf } from '../../../shared/report-math';
import type { ScopeFilter } from '../reports/repo';
import type { AnnexDbRow, CallbackRepository } from './repo';

export interface CallbackSectionInput {
  /** The report's months, oldest first; the last is the report month. */
  months: string[];
  /** 合计: the months the cumulative row adds up (a suffix of `months`). */
  cumulative: { from: string; to: string };
  filter: ScopeFilter;
  /** The report month's per-agent comparison (same scope): the QA average shown beside satisfaction. */
  comparison: AgentComparison;
}

function monthFigures(month: string, total: number, timeOk: number, overallOk: number): CallbackMonth {
  return {
    month,
    total,
    timeSatisfied: timeOk,
    overallSatisfied: overallOk,
    rate: percentOf(overallOk, total),
    timeRate: percentOf(timeOk, total),
  };
}

const group = (month: string, name: string, total: number, satisfied: number): CallbackGroupMonth => ({
  month,
  group: name,
  total,
  satisfied,
  rate: percentOf(satisfied, total),
});

export function callbackSection(repo: CallbackRepository, input: CallbackSectionInput): CallbackSection {
  const { months, filter } = input;
  const month = months[months.length - 1];
  const inCumulative = (m: string) => m >= input.cumulative.from && m <= input.cumulative.to;

  const counted = new Map(repo.months(months[0], month, filter).map((r) => [r.month, r]));
  const perMonth = months.map((m) => {
    const r = counted.get(m);
    return monthFigures(m, r?.total ?? 0, r?.timeOk ?? 0, r?.overallOk ?? 0);
  });
  const sum = perMonth.filter((m) => inCumulative(m.month));
  const cumulative = monthFigures(
    input.cumulative.from === input.cumulative.to
      ? input.cumulative.to
      : `${input.cumulative.from}_${input.cumulative.to}`,
    sum.reduce((a, m) => a + m.total, 0),
    sum.reduce((a, m) => a + m.timeSatisfied, 0),
    sum.reduce((a, m) => a + m.overallSatisfied, 0),
  );

  // Groups in the order of their size over the months shown (分公司 before 客户 in the real report).
  const groupRows = repo.groups(months[0], month, filter);
  const sizes = new Map<string, number>();
  for (const r of groupRows) sizes.set(r.grp, (sizes.get(r.grp) ?? 0) + r.total);
  const names = [...sizes.keys()].sort((a, b) => sizes.get(b)! - sizes.get(a)! || a.localeCompare(b, 'zh-CN'));
  const byKey = new Map(groupRows.map((r) => [`${r.month}\u0001${r.grp}`, r]));
  const groups: CallbackGroupMonth[] = [];
  const groupTotals: CallbackGroupMonth[] = [];
  for (const name of names) {
    let total = 0;
    let satisfied = 0;
    for (const m of months) {
      const r = byKey.get(`${m}\u0001${name}`);
      groups.push(group(m, name, r?.total ?? 0, r?.overallOk ?? 0));
      if (r && inCumulative(m)) {
        total += r.total;
        satisfied += r.overallOk;
      }
    }
    groupTotals.push(group(cumulative.month, name, total, satisfied));
  }

  const qa = new Map(input.comparison.rows.map((r) => [r.agentNo, r]));
  const agents: CallbackAgent[] = repo
    .agents(month, filter)
    .map((a) => ({
      agentNo: a.agentNo,
      name: qa.get(a.agentNo)?.name ?? a.name ?? a.agentNo,
      total: a.total,
      satisfied: a.overallOk,
      rate: percentOf(a.overallOk, a.total),
      qaAverage: qa.get(a.agentNo)?.total ?? null,
      linkedAverage: averageX100(a.linkedSumX100, a.linked),
      linkedCount: a.linked,
    }))
    .sort((x, y) => (x.rate ?? 101) - (y.rate ?? 101) || (x.agentNo < y.agentNo ? -1 : 1));

  return {
    months: perMonth,
    cumulative,
    groups,
    groupTotals,
    reasons: repo.reasons(month, filter),
    suggestions: repo.suggestions(month, filter),
    agents,
    annexCount: counted.get(month)?.total ?? 0,
  };
}

export function annexRow(r: AnnexDbRow): CallbackAnnexRow {
  return {
    id: r.id,
    date: r.day,
    group: r.grp,
    callId: r.call_id,
    agentNo: r.eff_agent,
    agentName: r.eff_name,
    timeSatisfied: r.time_ok === 1,
    overallSatisfied: r.overall_ok === 1,
    reason: r.reason,
    suggestion: r.suggestion,
    evaluationId: r.eval_id,
    evaluationTotal: r.eval_total === null ? null : r.eval_total / 100,
  };
}

export function callbackAnnex(
  repo: CallbackRepository,
  month: string,
  filter: ScopeFilter,
  offset: number,
  limit: number,
): CallbackAnnexPage {
  return {
    month,
    total: repo.annexCount(month, filter),
    offset,
    rows: repo.annex(month, filter, offset, limit).map(annexRow),
  };
}

/** Every call-back of the month in annex order, in chunks, for exports. */
export function* callbackAnnexAll(
  repo: CallbackRepository,
  month: string,
  filter: ScopeFilter,
  chunk = 2000,
): Generator<CallbackAnnexRow[]> {
  for (let offset = 0; ; offset += chunk) {
    const rows = repo.annex(month, filter, offset, chunk);
    if (rows.length) yield rows.map(annexRow);
    if (rows.length < chunk) return;
  }
}
