/**
 * Which scopes the reports offer, by the user's role at head office (reports.options): everyone sees their own
 * evaluations and everything the app holds; a lead adds their teams, a site user their 分公司. Head office reports on
 * everything, narrowed by team and site.
 */
import type { ReportOptions, ReportScope, ScopeInput, ScoreMode } from '../../../shared/report';

export type PeriodMode = 'month' | 'quarter' | 'ytd' | 'range';

export interface ReportFilter {
  /** YYYY-MM bounds, inclusive. */
  from: string;
  to: string;
  period: PeriodMode;
  scope: ReportScope;
  /** A team inside the scope (one of the lead's teams, or any team under 全部); null: the whole scope. */
  team: string | null;
  /** A site under 全部; under 本分公司 always the user's own site. */
  site: string | null;
  /** 最终得分 or 致命项前得分; absent: final (a filter remembered from before the toggle existed). */
  scoreMode?: ScoreMode;
}

export function scopesFor(options: Pick<ReportOptions, 'role' | 'myTeams' | 'mySite'>): ReportScope[] {
  switch (options.role) {
    // A lead without teams or a site user without a site (not yet told by head office) has nothing to narrow to.
    case 'lead':
      return options.myTeams.length > 0 ? ['mine', 'team', 'all'] : ['mine', 'all'];
    case 'site':
      return options.mySite ? ['mine', 'site', 'all'] : ['mine', 'all'];
    case 'head_office':
      return ['all'];
    default:
      return ['mine', 'all'];
  }
}

/** Teams the team picker offers in this scope; null when the scope has no team picker. */
export function teamChoices(options: ReportOptions, scope: ReportScope): { id: string; name: string }[] | null {
  if (scope === 'team') return options.myTeams;
  if (scope === 'all') return options.teams.length > 0 ? options.teams : null;
  return null;
}

/** Sites the site picker offers; null when the scope has no site picker. */
export function siteChoices(options: ReportOptions, scope: ReportScope): string[] | null {
  return scope === 'all' && options.sites.length > 0 ? options.sites : null;
}

/** A remembered filter made valid for the options now in force (the role may have changed since). */
export function normaliseFilter(filter: ReportFilter, options: ReportOptions): ReportFilter {
  const scope = scopesFor(options).includes(filter.scope) ? filter.scope : 'all';
  const teams = teamChoices(options, scope);
  const sites = siteChoices(options, scope);
  const team = teams?.some((x) => x.id === filter.team) ? filter.team : null;
  const site = scope === 'site' ? options.mySite : sites?.includes(filter.site ?? '') ? filter.site : null;
  return { ...filter, scope, team, site };
}

/** The score mode a report call takes: sent only when not the default, so final-score calls stay as they were. */
export function scoreModeInput(f: ReportFilter): { scoreMode?: ScoreMode } {
  return f.scoreMode && f.scoreMode !== 'final' ? { scoreMode: f.scoreMode } : {};
}

/** The scope fields every report call and export takes. */
export function scopeInput(f: ReportFilter): ScopeInput {
  return { scope: f.scope, ...(f.team ? { team: f.team } : {}), ...(f.site ? { site: f.site } : {}) };
}

/** The quarter a month falls in: 2024-02 → { from: 2024-01, to: 2024-03 }. */
export function quarterOf(month: string): { from: string; to: string; year: string; q: number } {
  const [year, m] = month.split('-');
  const q = Math.ceil(Number(m) / 3);
  const pad = (n: number) => String(n).padStart(2, '0');
  return { from: `${year}-${pad(q * 3 - 2)}`, to: `${year}-${pad(q * 3)}`, year, q };
}

/** The year to date up to a month: 2024-05 → { from: 2024-01, to: 2024-05 }. */
export function yearToDate(month: string): { from: string; to: string } {
  return { from: `${month.slice(0, 4)}-01`, to: month };
}
