import { create } from 'zustand';
import type { ErrorCode } from '../../../shared/errors';
import type { Alerts, ReportOptions } from '../../../shared/report';
import { call } from '../../api';
import { errorCodeOf } from './errors';
import {
  normaliseFilter,
  quarterOf,
  scopeInput,
  scoreModeInput,
  yearToDate,
  type PeriodMode,
  type ReportFilter,
} from './scope';

export type { ReportFilter } from './scope';

interface ReportsState {
  options: ReportOptions | null;
  alerts: Alerts | null;
  /** Kept for the whole session: leaving the reports and coming back finds the same period and scope. */
  filter: ReportFilter | null;
  error: ErrorCode | null;
  load(): Promise<void>;
  setFilter(patch: Partial<ReportFilter>): void;
  setPeriodMode(mode: PeriodMode): void;
}

const thisMonth = () => new Date().toISOString().slice(0, 7);

function loadAlerts(filter: ReportFilter) {
  return call('reports.alerts', { month: filter.to, ...scopeInput(filter) });
}

/** The reports' shared filter (period, scope, team and site) and the reports home's data. */
export const useReports = create<ReportsState>((set, get) => ({
  options: null,
  alerts: null,
  filter: null,
  error: null,
  load: async () => {
    try {
      const options = await call('reports.options', {});
      const latest = options.months[0] ?? thisMonth();
      const remembered = get().filter;
      const filter = normaliseFilter(
        remembered ?? { from: latest, to: latest, period: 'month', scope: 'all', team: null, site: null },
        options,
      );
      set({ options, filter, error: null });
      set({ alerts: await loadAlerts(filter) });
    } catch (error) {
      set({ error: errorCodeOf(error) });
    }
  },
  setFilter: (patch) => {
    const { filter: current, options } = get();
    if (!current || !options) return;
    // A new scope starts with its whole extent; a team or site picked under another scope may not exist in it.
    const scopeChanged = patch.scope !== undefined && patch.scope !== current.scope;
    const next = normaliseFilter(
      { ...current, ...(scopeChanged ? { team: null, site: null } : {}), ...patch },
      options,
    );
    if (next.from > next.to) next.from = next.to;
    set({ filter: next });
    loadAlerts(next)
      .then((alerts) => set({ alerts }))
      .catch((error: unknown) => set({ error: errorCodeOf(error) }));
  },
  setPeriodMode: (mode) => {
    const current = get().filter;
    if (!current) return;
    if (mode === 'month') get().setFilter({ period: mode, from: current.to });
    else if (mode === 'quarter') get().setFilter({ period: mode, ...quarterOf(current.to) });
    else if (mode === 'ytd') get().setFilter({ period: mode, ...yearToDate(current.to) });
    else get().setFilter({ period: mode });
  },
}));

export function periodInput(f: ReportFilter) {
  return { from: f.from, to: f.to, ...scopeInput(f), ...scoreModeInput(f) };
}
