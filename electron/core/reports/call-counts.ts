/**
 * The sampling quota is a call-monitoring quota (sampling/): what counts towards it is an agent's scored calls, not
 * their chats or store visits, and staff scored only on those have no call quota at all. The trends count every
 * evaluation; this takes the others back out.
 */
import { resolvePeriod } from '../../../shared/report';
import type { ReportsRepository, ScopeFilter } from './repo';

export interface CallCounts {
  /** Scored calls per month, in the order of `months`. */
  calls(agentNo: string, all: number[]): number[];
  /** Scored in these months, but never on a call. */
  notOnCalls(agentNo: string, all: number[]): boolean;
}

export function callCounts(repo: ReportsRepository, months: string[], filter: ScopeFilter): CallCounts {
  const index = new Map(months.map((m, i) => [m, i]));
  const others = new Map<string, number[]>();
  for (const r of repo.notCalls(resolvePeriod(months[0], months[months.length - 1]), filter)) {
    const row = others.get(r.agentNo) ?? months.map(() => 0);
    row[index.get(r.month)!] += r.n;
    others.set(r.agentNo, row);
  }
  const calls = (agentNo: string, all: number[]) => {
    const other = others.get(agentNo);
    return other ? all.map((n, i) => n - other[i]) : all;
  };
  return {
    calls,
    notOnCalls: (agentNo, all) => all.some((n) => n > 0) && calls(agentNo, all).every((n) => n === 0),
  };
}
