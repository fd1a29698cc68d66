import { addMonths, monthsBetween, type AlertThresholds, type ReportAlert, type Trends } from '../../../shared/report';
import type { Quota } from '../sampling/targets';
import { callCounts } from './call-counts';
import type { ScopeFilter } from './repo';
import type { ReportsService } from './service';

export type QuotaOf = (agentNo: string, teamId: string | null) => Quota;

/**
 * The reports home's alerts for a month, from the same monthly trends the screens show: averages that fell by more
 * than the threshold, averages below the threshold, quotas not met (every active agent in scope, each against its
 * own quota: head office's sampling target or the app's setting), and sections
 * whose average fell in each of the last `trendMonths` months.
 */
export function computeAlerts(
  service: ReportsService,
  month: string,
  filter: ScopeFilter,
  t: AlertThresholds,
  quotaOf: QuotaOf,
  trends?: Trends,
): ReportAlert[] {
  const span = Math.max(2, t.trendMonths);
  const data = trends ?? service.trendsFor(monthsBetween(addMonths(month, -(span - 1)), month), filter);
  const at = data.months.indexOf(month);
  const alerts: ReportAlert[] = [];
  if (at < 0) return alerts;
  for (const agent of data.agents) {
    const now = agent.totals[at];
    const before = at > 0 ? agent.totals[at - 1] : null;
    const base = { month, agentNo: agent.agentNo, name: agent.name };
    if (now !== null && before !== null && before - now > t.dropPoints) {
      alerts.push({ ...base, kind: 'drop', value: now, previous: [before], threshold: t.dropPoints });
    }
    if (now !== null && now < t.belowScore)
      alerts.push({ ...base, kind: 'below', value: now, threshold: t.belowScore });
  }
  // The mine scope has no roster of its own: quotas are a team's business.
  if (!filter.mine) {
    const perAgent = new Map(data.agents.map((a) => [a.agentNo, a.counts]));
    const onCalls = callCounts(service.repo, data.months, filter);
    for (const agent of service.repo.roster(filter)) {
      const all = perAgent.get(agent.agentNo) ?? data.months.map(() => 0);
      const n = onCalls.calls(agent.agentNo, all)[at];
      if (n === 0 && all[at] > 0) continue; // scored this month, only on chats or visits
      const { quota } = quotaOf(agent.agentNo, agent.teamId);
      if (n < quota) {
        alerts.push({ kind: 'quota', month, agentNo: agent.agentNo, name: agent.name, value: n, threshold: quota });
      }
    }
  }
  const from = at - (t.trendMonths - 1);
  if (from >= 0) {
    for (const section of data.sections) {
      const series = data.sectionAverages[section.id].slice(from, at + 1);
      const falling = series.every((v, i) => v !== null && (i === 0 || v < (series[i - 1] as number)));
      if (falling) {
        alerts.push({
          kind: 'sectionDown',
          month,
          sectionId: section.id,
          sectionName: section.name,
          value: series[series.length - 1] as number,
          previous: series.slice(0, -1) as number[],
          threshold: t.trendMonths,
        });
      }
    }
  }
  const order = { drop: 0, below: 1, sectionDown: 2, quota: 3 };
  return alerts.sort((a, b) => order[a.kind] - order[b.kind] || a.value - b.value);
}
