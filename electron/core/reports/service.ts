import { averageX100 } from '../../../shared/report-math';
import {
  monthsBetween,
  previousPeriod,
  resolvePeriod,
  type AgentComparison,
  type AgentComparisonRow,
  type AnnexPage,
  type AnnexRow,
  type ComparisonFigures,
  type Period,
  type PeriodInput,
  type ReportOptions,
  type SectionInfo,
  type Trends,
} from '../../../shared/report';
import type { AgentAgg, AgentSectionAgg, AnnexDbRow, ReportsRepository } from './repo';

const delta = (a: number | null, b: number | null): number | null =>
  a === null || b === null ? null : (Math.round(a * 100) - Math.round(b * 100)) / 100;

/** Item and section names from the published cards; a later version's wording wins. */
export function cardNames(definitions: string[]): { items: Map<string, string>; sections: Map<string, string> } {
  const items = new Map<string, string>();
  const sections = new Map<string, string>();
  for (const json of definitions) {
    try {
      const def = JSON.parse(json) as {
        sections?: { id: string; name: string; items?: { id: string; name: string }[] }[];
      };
      for (const s of def.sections ?? []) {
        sections.set(s.id, s.name);
        for (const i of s.items ?? []) items.set(i.id, i.name);
      }
    } catch {
      // a card that cannot be read only costs its names; ids are shown instead
    }
  }
  return { items, sections };
}

/** Turns the repository's integer sums into report shapes. Loops here run over agents and months, never evaluations. */
export class ReportsService {
  constructor(readonly repo: ReportsRepository) {}

  sections(fromMonth: string, toMonth: string): SectionInfo[] {
    return this.repo.sections(fromMonth, toMonth).map((s) => ({
      id: s.id,
      name: s.name,
      points: averageX100(s.pointsX100, s.n) ?? 0,
    }));
  }

  options(): ReportOptions {
    return { teams: this.repo.teams(), months: this.repo.months() };
  }

  private figures(agg: AgentAgg | undefined, sections: AgentSectionAgg[], ids: string[], prev?: AgentAgg) {
    const bySection = new Map(sections.map((s) => [s.sectionId, s]));
    const total = agg ? averageX100(agg.sumX100, agg.n) : null;
    const previousTotal = prev ? averageX100(prev.sumX100, prev.n) : null;
    const figures: ComparisonFigures = {
      count: agg?.n ?? 0,
      total,
      min: agg ? agg.minX100 / 100 : null,
      max: agg ? agg.maxX100 / 100 : null,
      criticalFails: agg?.criticalFails ?? 0,
      sections: Object.fromEntries(
        ids.map((id) => {
          const s = bySection.get(id);
          return [id, s ? averageX100(s.sumX100, s.n) : null];
        }),
      ),
      previousCount: prev?.n ?? 0,
      previousTotal,
      delta: delta(total, previousTotal),
    };
    return figures;
  }

  agentComparison(input: PeriodInput): AgentComparison {
    const period = resolvePeriod(input.from, input.to);
    const team = input.team ?? null;
    const prevPeriod = previousPeriod(period);
    const sections = this.sections(period.fromMonth, period.toMonth);
    const ids = sections.map((s) => s.id);
    const agents = this.repo.agents(period, team);
    const previous = new Map(this.repo.agents(prevPeriod, team).map((a) => [a.agentNo, a]));
    const agentSections = this.repo.agentSections(period, team);
    const sectionsOf = new Map<string, AgentSectionAgg[]>();
    for (const s of agentSections) sectionsOf.set(s.agentNo, [...(sectionsOf.get(s.agentNo) ?? []), s]);

    const rows: AgentComparisonRow[] = agents
      .map((a) => ({
        agentNo: a.agentNo,
        name: a.name,
        teamId: a.teamId,
        teamName: a.teamName,
        ...this.figures(a, sectionsOf.get(a.agentNo) ?? [], ids, previous.get(a.agentNo)),
      }))
      .sort((x, y) => (y.total ?? -1) - (x.total ?? -1) || x.agentNo.localeCompare(y.agentNo));

    const sum = (list: AgentAgg[]): AgentAgg | undefined =>
      list.length === 0
        ? undefined
        : list.reduce((acc, a) => ({
            ...acc,
            n: acc.n + a.n,
            sumX100: acc.sumX100 + a.sumX100,
            minX100: Math.min(acc.minX100, a.minX100),
            maxX100: Math.max(acc.maxX100, a.maxX100),
            criticalFails: acc.criticalFails + a.criticalFails,
          }));
    const overallSections = new Map<string, AgentSectionAgg>();
    for (const s of agentSections) {
      const o = overallSections.get(s.sectionId) ?? { agentNo: '', sectionId: s.sectionId, n: 0, sumX100: 0 };
      overallSections.set(s.sectionId, { ...o, n: o.n + s.n, sumX100: o.sumX100 + s.sumX100 });
    }
    return {
      from: period.from,
      to: period.to,
      team,
      teamName: this.repo.teamName(team),
      previous: { from: prevPeriod.from, to: prevPeriod.to },
      sections,
      rows,
      overall: this.figures(sum(agents), [...overallSections.values()], ids, sum([...previous.values()])),
    };
  }

  trends(input: PeriodInput): Trends {
    const period = resolvePeriod(input.from, input.to);
    return this.trendsFor(monthsBetween(period.fromMonth, period.toMonth), input.team ?? null);
  }

  trendsFor(months: string[], team: string | null): Trends {
    const first = months[0];
    const last = months[months.length - 1];
    const index = new Map(months.map((m, i) => [m, i]));
    const agents = new Map<string, Trends['agents'][number] & { sums: number[] }>();
    const overallSums = months.map(() => 0);
    const overallCounts = months.map(() => 0);
    for (const r of this.repo.agentMonths(first, last, team)) {
      const i = index.get(r.month)!;
      let a = agents.get(r.agentNo);
      if (!a) {
        a = { agentNo: r.agentNo, name: r.name, totals: months.map(() => null), counts: months.map(() => 0), sums: [] };
        agents.set(r.agentNo, a);
      }
      a.counts[i] = r.n;
      a.totals[i] = averageX100(r.sumX100, r.n);
      overallSums[i] += r.sumX100;
      overallCounts[i] += r.n;
    }
    const sections = this.sections(first, last);
    const sectionAverages: Record<string, (number | null)[]> = Object.fromEntries(
      sections.map((s) => [s.id, months.map(() => null)]),
    );
    for (const r of this.repo.sectionMonths(first, last, team)) {
      const row = sectionAverages[r.key];
      if (row) row[index.get(r.month)!] = averageX100(r.sumX100, r.n);
    }
    return {
      months,
      sections,
      agents: [...agents.values()]
        .map(({ agentNo, name, totals, counts }) => ({ agentNo, name, totals, counts }))
        .sort((x, y) => x.agentNo.localeCompare(y.agentNo)),
      overall: { totals: overallSums.map((s, i) => averageX100(s, overallCounts[i])), counts: overallCounts },
      sectionAverages,
    };
  }

  private annexRows(rows: AnnexDbRow[]): AnnexRow[] {
    const ids = rows.map((r) => r.evaluationId);
    const sections = new Map<string, Record<string, number | null>>();
    for (const s of this.repo.annexSections(ids)) {
      const m = sections.get(s.evaluationId) ?? {};
      m[s.sectionId] = s.scoreX100 === null ? null : s.scoreX100 / 100;
      sections.set(s.evaluationId, m);
    }
    const findings = new Map<string, string[]>();
    const comments = new Map<string, string>();
    for (const t of this.repo.annexTexts(ids)) {
      if (t.kind === 'comment') comments.set(t.evaluationId, t.text);
      else findings.set(t.evaluationId, [...(findings.get(t.evaluationId) ?? []), t.text]);
    }
    return rows.map((r) => ({
      evaluationId: r.evaluationId,
      day: r.day,
      startedAt: r.startedAt,
      agentNo: r.agentNo,
      name: r.name,
      category: r.category,
      callId: r.callId,
      fileName: r.fileName,
      total: r.totalX100 / 100,
      criticalFailed: r.criticalFailed === 1,
      revision: r.revision,
      sections: sections.get(r.evaluationId) ?? {},
      findings: findings.get(r.evaluationId) ?? [],
      comment: comments.get(r.evaluationId) ?? '',
    }));
  }

  annex(month: string, team: string | null, offset: number, limit: number): AnnexPage {
    const period = resolvePeriod(month, month);
    return {
      month,
      total: this.repo.count(month, month, team),
      offset,
      sections: this.sections(month, month),
      rows: this.annexRows(this.repo.annexPage(period, team, offset, limit)),
    };
  }

  /** Every annex row of a period in chunks, for exports; `onChunk` reports progress. */
  *annexAll(period: Period, team: string | null, chunk = 2000): Generator<AnnexRow[]> {
    let last: AnnexDbRow | null = null;
    for (;;) {
      const rows = this.repo.annexAfter(period, team, last, chunk);
      if (rows.length === 0) return;
      last = rows[rows.length - 1];
      yield this.annexRows(rows);
      if (rows.length < chunk) return;
    }
  }
}
