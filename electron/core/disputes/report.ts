/** The monthly report's dispute section and its focus items (下月改进重点), added to reports.monthly and its exports. */
import type { DisputeStats, FocusItemView } from '../../../shared/contracts/disputes';
import { addMonths, resolvePeriod } from '../../../shared/report';
import { CoachingService } from '../coaching/service';
import type { CoreContext } from '../context';
import type { ScopeFilter } from '../reports/repo';
import { DisputeRepository } from './repo';
import { disputeStats } from './stats';

export interface MonthlyFeedback {
  disputes: DisputeStats;
  focus: { due: FocusItemView[]; next: FocusItemView[] };
}

/** Focus items in the report's scope: an agent's or team's inside it, a site's when the scope is that site or all. */
function inScope(f: FocusItemView, filter: ScopeFilter, agentsInScope: Set<string>): boolean {
  if (f.agentNo) return agentsInScope.has(f.agentNo) || (!filter.teams && !filter.site);
  if (f.team) return !filter.teams || filter.teams.includes(f.team);
  return (!filter.teams && !filter.site) || filter.site === f.site;
}

export function monthlyFeedback(ctx: CoreContext, month: string, filter: ScopeFilter): MonthlyFeedback {
  const disputes = disputeStats(ctx.db, new DisputeRepository(ctx.db), resolvePeriod(month, month), filter, () =>
    ctx.identity.get(),
  );
  const coaching = new CoachingService(ctx);
  const agents = new Set(
    ctx.db
      .prepare<Record<string, unknown>, { agentNo: string }>(
        `SELECT DISTINCT a.agent_no AS agentNo FROM agents a LEFT JOIN teams t ON t.id = a.team_id
          WHERE (@teams IS NULL OR a.team_id IN (SELECT value FROM json_each(@teams)))
            AND (@site IS NULL OR COALESCE(a.site, t.site) = @site)`,
      )
      .all({ teams: filter.teams ? JSON.stringify(filter.teams) : null, site: filter.site })
      .map((r) => r.agentNo),
  );
  const keep = (list: FocusItemView[]) => list.filter((f) => inScope(f, filter, agents));
  return {
    disputes,
    focus: { due: keep(coaching.list(month)), next: keep(coaching.list(addMonths(month, 1))) },
  };
}
