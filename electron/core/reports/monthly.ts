import { averageX100 } from '../../../shared/report-math';
import { deductionCauses } from './causes';
import {
  monthlyWindow,
  resolvePeriod,
  type AlertThresholds,
  type Deduction,
  type MonthlyReport,
  type PeriodInput,
  type TextCount,
} from '../../../shared/report';
import { computeAlerts, type QuotaOf } from './alerts';
import { callCounts } from './call-counts';
import type { ScopeFilter } from './repo';
import { cumulativeFigures, cumulativeSpan, sumOver } from './cumulative';
import type { MonthlyExtras } from './monthly-extras';
import type { ReportsService } from './service';

const commentsPerItem = 3;

export interface MonthlyDeps {
  /** The dispute section and focus items (disputes/report.ts). */
  feedback?: (month: string, filter: ScopeFilter) => Pick<MonthlyReport, 'disputes' | 'focus'>;
  thresholds: AlertThresholds;
  quotaOf: QuotaOf;
  quotaSource: 'head_office' | 'local';
  /** 五 (the leads' narratives) and 六 (call-backs): monthly-extras.ts. */
  extras: MonthlyExtras;
}

/** 月度质检分析, sections 1–5 and 7 of the report in domain.md (6, call-backs, is not recorded in this app). */
export function monthlyReport(service: ReportsService, input: PeriodInput, deps: MonthlyDeps): MonthlyReport {
  const { repo } = service;
  const { thresholds, quotaOf } = deps;
  const filter = service.resolveScope(input);
  const period = resolvePeriod(input.from, input.to);
  const { month, months } = monthlyWindow(period);
  const span = cumulativeSpan(period, months);
  const at = months.length - 1;
  const index = new Map(months.map((m, i) => [m, i]));
  const trends = service.trendsFor(months, filter);

  // 1. volume per category per month
  const categories = new Map<string, { sums: number[]; counts: number[] }>();
  for (const r of repo.categoryMonths(months[0], month, filter)) {
    const c = categories.get(r.key) ?? { sums: months.map(() => 0), counts: months.map(() => 0) };
    c.sums[index.get(r.month)!] += r.sumX100;
    c.counts[index.get(r.month)!] += r.n;
    categories.set(r.key, c);
  }

  // 4. the per-agent, per-section table for the month itself
  const comparison = service.agentComparison({ ...input, from: month, to: month });

  // 5. deductions with the inspectors' own words
  const itemNames = service.itemNames(month, month, filter);
  const sectionNames = new Map(trends.sections.map((s) => [s.id, s.name]));
  const comments = new Map<string, TextCount[]>();
  const findings: TextCount[] = [];
  const suggestions: TextCount[] = [];
  for (const t of repo.texts(month, filter, 10)) {
    const entry = { text: t.text, count: t.n };
    if (t.kind === 'finding') findings.push(entry);
    else if (t.kind === 'suggestion') suggestions.push(entry);
    else comments.set(t.key, [...(comments.get(t.key) ?? []), entry]);
  }
  const byCount = (a: TextCount, b: TextCount) => b.count - a.count || a.text.localeCompare(b.text);
  const deductions: Deduction[] = repo
    .items(month, filter)
    .filter((i) => i.lostX100 > 0 || i.criticalFails > 0)
    .map((i) => ({
      itemId: i.itemId,
      itemName: itemNames.get(i.itemId) ?? i.itemId,
      sectionId: i.sectionId,
      sectionName: sectionNames.get(i.sectionId) ?? i.sectionId,
      answered: i.n,
      deducted: i.nLost,
      lostPoints: i.lostX100 / 100,
      lostRate: i.maxX100 > 0 ? Math.round((i.lostX100 / i.maxX100) * 10000) / 10000 : 0,
      criticalFails: i.criticalFails,
      comments: (comments.get(i.itemId) ?? []).sort(byCount).slice(0, commentsPerItem),
    }));

  // 1. calls per agent against each agent's quota (call-counts.ts); the mine scope lists only the agents scored
  const quotaCounts = new Map(trends.agents.map((a) => [a.agentNo, a.counts]));
  const roster = filter.mine ? [] : repo.roster(filter);
  const teamOf = new Map(roster.map((a) => [a.agentNo, a.teamId]));
  const onCalls = callCounts(repo, months, filter);
  const quota = [
    ...roster.map((a) => ({
      agentNo: a.agentNo,
      name: a.name,
      counts: quotaCounts.get(a.agentNo) ?? months.map(() => 0),
    })),
    ...trends.agents.filter((a) => !teamOf.has(a.agentNo)),
  ]
    .filter((a) => !onCalls.notOnCalls(a.agentNo, a.counts))
    .map((a) => ({ ...a, counts: onCalls.calls(a.agentNo, a.counts) }))
    .map((a) => {
      const q = quotaOf(a.agentNo, teamOf.get(a.agentNo) ?? null).quota;
      const cumulative = sumOver(a.counts, months, span);
      return { agentNo: a.agentNo, name: a.name, counts: a.counts, quota: q, met: a.counts[at] >= q, cumulative };
    });
  const totalSums = months.map((_, i) => [...categories.values()].reduce((t, c) => t + c.sums[i], 0));

  return {
    month,
    months,
    team: input.team ?? null,
    teamName: comparison.teamName,
    quotaPerAgent: thresholds.quotaPerAgent,
    quotaSource: deps.quotaSource,
    cumulative: span,
    sections: trends.sections,
    volume: {
      categories: [...categories.entries()].map(([category, c]) => ({
        category,
        counts: c.counts,
        averages: c.sums.map((s, i) => averageX100(s, c.counts[i])),
        cumulative: cumulativeFigures(c.sums, c.counts, months, span),
      })),
      totals: trends.overall.counts,
      // of the final score whatever the mode, like the category rows above it (the categories keep final sums)
      averages: totalSums.map((sum, i) => averageX100(sum, trends.overall.counts[i])),
      cumulative: cumulativeFigures(totalSums, trends.overall.counts, months, span),
    },
    quota,
    trend: trends.agents,
    sectionAverages: trends.sectionAverages,
    sectionTotals: { totals: trends.overall.totals, differences: trends.overall.differences },
    overall: {
      count: comparison.overall.count,
      total: comparison.overall.total,
      sections: comparison.overall.sections,
      difference: comparison.overall.difference,
    },
    scoreMode: filter.mode ?? 'final',
    comparison,
    deductions,
    causes: deductionCauses(repo.causes(month, filter), (key) => repo.cardOf(key)),
    findings: findings.sort(byCount),
    suggestions: suggestions.sort(byCount),
    ...deps.extras({ month, months, cumulative: span, filter, comparison }),
    annexCount: comparison.overall.count,
    // the window ends at the report month and spans ≥ 3 months: the alerts reuse its trends when it is long enough
    // Alerts watch the final score whatever the mode shown: the trends are reused only when they are of it.
    alerts: computeAlerts(
      service,
      month,
      { ...filter, mode: 'final' },
      thresholds,
      quotaOf,
      months.length >= thresholds.trendMonths && trends.scoreMode === 'final' ? trends : undefined,
    ),
    ...deps.feedback?.(month, filter),
  };
}
