import type { ContactChannel } from '../../../shared/channels';
import type { EvaluationList } from '../../../shared/contracts/reports';
import type { Identity } from '../../../shared/sync';
import {
  monthsBetween,
  previousPeriod,
  resolvePeriod,
  type AgentComparison,
  type ChannelPeriodInput,
  type ChannelSummary,
  type AnnexPage,
  type AnnexRow,
  type Period,
  type PeriodInput,
  type ReportOptions,
  type ScopeInput,
  type SectionInfo,
  type Trends,
} from '../../../shared/report';
import {
  averageX100,
  roundingDifference,
  buildAgentComparison,
  buildSiteRanking,
  sectionsOfCards,
  type AgentSums,
  type SiteRanking,
} from '../../../shared/report-math';
import { AppError } from '../errors';
import type { AnnexDetailsReader } from './annex-details';
import type { AnnexDbRow, GroupSums, ReportsRepository, ScopeFilter } from './repo';

/** Item and section names from the cards used; a later version's wording wins. */
export function cardNames(sections: SectionInfo[], items: { id: string; name: string }[]) {
  return { sections: new Map(sections.map((s) => [s.id, s.name])), items: new Map(items.map((i) => [i.id, i.name])) };
}

/** Turns the repository's integer sums into report shapes. Loops here run over agents and months, never evaluations. */
export class ReportsService {
  constructor(
    readonly repo: ReportsRepository,
    /** This app's user at head office (null until sync is set up). */
    private readonly identity: () => Identity | null,
    private readonly details: AnnexDetailsReader,
  ) {}

  /**
   * Which evaluations a report covers. Without a scope: everything the app holds, narrowed by team/site when
   * given. "team" without a team means the lead's own teams; "site" without a site, the token's 分公司.
   */
  resolveScope(input: ScopeInput & { channel?: ContactChannel }): ScopeFilter {
    const filter: ScopeFilter = { ...this.whose(input), mode: input.scoreMode ?? 'final' };
    return input.channel ? { ...filter, channel: input.channel } : filter;
  }

  private whose(input: ScopeInput): ScopeFilter {
    const me = this.identity();
    const teams = input.team ? [input.team] : null;
    const site = input.site ?? null;
    switch (input.scope) {
      case 'mine':
        return { mine: true, teams, site };
      case 'team': {
        const own = teams ?? me?.teams.map((t) => t.id) ?? [];
        if (own.length === 0) throw new AppError('invalid_input', 'No team to report on: pick a team.');
        return { mine: false, teams: own, site };
      }
      case 'site': {
        const which = site ?? me?.site ?? null;
        if (!which) throw new AppError('invalid_input', 'No site to report on: pick a site.');
        return { mine: false, teams, site: which };
      }
      default:
        return { mine: false, teams, site };
    }
  }

  /** The sections of the cards the period's evaluations were scored on (as head office reports them). */
  sections(period: Period, filter: ScopeFilter): SectionInfo[] {
    return sectionsOfCards(this.repo.cards(period, filter).map((c) => c.definition));
  }

  /** Item names of the cards used in these months (newest wording first). */
  itemNames(fromMonth: string, toMonth: string, filter: ScopeFilter): Map<string, string> {
    const names = new Map<string, string>();
    for (const card of this.repo.cards(resolvePeriod(fromMonth, toMonth), filter)) {
      for (const s of card.definition.sections) for (const i of s.items) if (!names.has(i.id)) names.set(i.id, i.name);
    }
    return names;
  }

  options(): ReportOptions {
    const me = this.identity();
    return {
      teams: this.repo.teams(),
      sites: this.repo.sites(),
      months: this.repo.months(),
      role: me?.role ?? null,
      myTeams: me?.teams ?? [],
      mySite: me?.site ?? null,
    };
  }

  /** Agent rows with the roster's current name where it has one. */
  /**
   * Agent rows named and placed as head office does (server/reports.ts agentInfo): the roster's name and team where
   * the agent is on it, else the greatest name and team id the period's evaluations carried, else the agent number.
   */
  private agentSums(groups: Map<string, GroupSums>): AgentSums[] {
    const roster = this.repo.rosterAgents([...groups.keys()]);
    const teamNames = this.repo.rosterTeamNames();
    return [...groups.values()].map((g) => {
      const onRoster = roster.get(g.key);
      const teamId = onRoster?.teamId ?? (g.teamId || null);
      const carried = teamId === g.teamId && g.teamName ? g.teamName : teamId;
      return {
        agentNo: g.key,
        name: onRoster?.name || g.agentName || g.key,
        teamId,
        teamName: teamId ? (teamNames.get(teamId) ?? carried) : null,
        sums: g.sums,
      };
    });
  }

  private teamLabel(input: ScopeInput): string | null {
    return input.team ? (this.repo.teamName(input.team) ?? input.team) : null;
  }

  /** The period split by channel, phone first (each channel's average exact in hundredths). */
  channels(input: PeriodInput): ChannelSummary[] {
    const order: ContactChannel[] = ['phone', 'chat', 'store'];
    const filter = this.resolveScope(input);
    return this.repo
      .channelTotals(resolvePeriod(input.from, input.to), filter)
      .map((r) => ({
        channel: r.channel,
        evaluations: r.n,
        average: averageX100(filter.mode === 'beforeCritical' ? r.uncappedX100 : r.sumX100, r.n),
        criticalFails: r.crit,
      }))
      .sort((a, b) => order.indexOf(a.channel) - order.indexOf(b.channel));
  }

  agentComparison(input: ChannelPeriodInput): AgentComparison {
    const filter = this.resolveScope(input);
    const period = resolvePeriod(input.from, input.to);
    const prev = previousPeriod(period);
    return buildAgentComparison({
      scoreMode: filter.mode,
      from: period.from,
      to: period.to,
      previous: { from: prev.from, to: prev.to },
      team: input.team ?? null,
      teamName: this.teamLabel(input),
      sections: this.sections(period, filter),
      agents: this.agentSums(this.repo.sums(period, 'agent', filter)),
      previousAgents: this.agentSums(this.repo.sums(prev, 'agent', filter)),
    });
  }

  siteRanking(input: ChannelPeriodInput): SiteRanking {
    const filter = this.resolveScope(input);
    const period = resolvePeriod(input.from, input.to);
    const prev = previousPeriod(period);
    const sites = (p: Period) =>
      [...this.repo.sums(p, 'site', filter).values()].map((g) => ({ site: g.key, sums: g.sums }));
    return buildSiteRanking({
      scoreMode: filter.mode,
      from: period.from,
      to: period.to,
      previous: { from: prev.from, to: prev.to },
      sections: this.sections(period, filter),
      sites: sites(period),
      previousSites: sites(prev),
    });
  }

  trends(input: ChannelPeriodInput): Trends {
    const period = resolvePeriod(input.from, input.to);
    return this.trendsFor(monthsBetween(period.fromMonth, period.toMonth), this.resolveScope(input));
  }

  trendsFor(months: string[], filter: ScopeFilter): Trends {
    const first = months[0];
    const last = months[months.length - 1];
    const index = new Map(months.map((m, i) => [m, i]));
    const whole = resolvePeriod(first, last);
    const sections = this.sections(resolvePeriod(first, last), filter);
    const perAgent = this.repo.sums(whole, 'monthAgent', filter, false);
    const agentGroups = new Map<string, GroupSums>();
    for (const g of perAgent.values()) {
      const agentNo = g.key.split('\u0001')[1];
      if (!agentGroups.has(agentNo)) agentGroups.set(agentNo, { ...g, key: agentNo });
    }
    const names = new Map(this.agentSums(agentGroups).map((a) => [a.agentNo, a.name]));
    const agents = new Map<string, Trends['agents'][number]>();
    for (const g of perAgent.values()) {
      const [month, agentNo] = g.key.split('\u0001');
      let a = agents.get(agentNo);
      if (!a) {
        a = {
          agentNo,
          name: names.get(agentNo) ?? agentNo,
          totals: months.map(() => null),
          counts: months.map(() => 0),
        };
        agents.set(agentNo, a);
      }
      const i = index.get(month)!;
      a.counts[i] = g.sums.n;
      a.totals[i] = averageX100(g.sums.sumX100, g.sums.n);
    }
    const perMonth = this.repo.sums(whole, 'month', filter);
    const overallCounts = months.map((m) => perMonth.get(m)?.sums.n ?? 0);
    const overallTotals = months.map((m) => {
      const s = perMonth.get(m)?.sums;
      return s ? averageX100(s.sumX100, s.n) : null;
    });
    const sectionAverages: Record<string, (number | null)[]> = Object.fromEntries(
      sections.map((s) => [
        s.id,
        months.map((m) => {
          const t = perMonth.get(m)?.sums.sections[s.id];
          return t ? averageX100(t.sumX100, t.n) : null;
        }),
      ]),
    );
    const differences = overallTotals.map((total, i) =>
      roundingDifference(
        total,
        sections.map((s) => sectionAverages[s.id][i]),
      ),
    );
    return {
      scoreMode: filter.mode ?? 'final',
      months,
      sections,
      agents: [...agents.values()].sort((x, y) => (x.agentNo < y.agentNo ? -1 : x.agentNo > y.agentNo ? 1 : 0)),
      overall: { totals: overallTotals, counts: overallCounts, differences },
      sectionAverages,
    };
  }

  private annexRows(rows: AnnexDbRow[]): AnnexRow[] {
    return rows.map((r) => {
      const card = this.repo.cardOf(r.cardKey);
      const sections: Record<string, number | null> = {};
      card.sectionIds.forEach((id, i) => (sections[id] = r.s[i] === null ? null : r.s[i] / 100));
      const details = this.details.of(r);
      return {
        evaluationId: r.evaluationId,
        source: r.source,
        day: r.day,
        startedAt: details.startedAt,
        agentNo: r.agentNo,
        name: r.name,
        category: r.category,
        callId: details.callId,
        fileName: details.fileName,
        total: r.totalX100 / 100,
        criticalFailed: r.criticalFailed === 1,
        revision: r.revision,
        inspectorName: details.inspectorName,
        sections,
        findings: details.findings,
        comment: details.comment,
      };
    });
  }

  annex(month: string, input: ScopeInput, offset: number, limit: number): AnnexPage {
    const filter = this.resolveScope(input);
    const period = resolvePeriod(month, month);
    return {
      month,
      scoreMode: filter.mode ?? 'final',
      total: this.repo.count(month, month, filter),
      offset,
      sections: this.sections(period, filter),
      rows: this.annexRows(this.repo.annexPage(period, filter, offset, limit)),
    };
  }

  evaluations(input: PeriodInput & { agentNo?: string; offset: number; limit: number }): EvaluationList {
    const filter = this.resolveScope(input);
    const period = resolvePeriod(input.from, input.to);
    const { total, rows } = this.repo.list(period, filter, input.agentNo ?? null, input.offset, input.limit);
    return {
      from: period.from,
      to: period.to,
      agentNo: input.agentNo ?? null,
      total,
      offset: input.offset,
      sections: this.sections(period, filter),
      rows: this.annexRows(rows),
    };
  }

  /** Every annex row of a period in chunks, for exports. */
  *annexAll(period: Period, filter: ScopeFilter, chunk = 2000): Generator<AnnexRow[]> {
    let last: AnnexDbRow | null = null;
    for (;;) {
      const rows = this.repo.annexAfter(period, filter, last, chunk);
      if (rows.length === 0) return;
      last = rows[rows.length - 1];
      yield this.annexRows(rows);
      if (rows.length < chunk) return;
    }
  }
}
