import { create } from 'zustand';
import type { Alerts, ReportOptions } from '../../../shared/report';
import { call } from '../../api';

export interface ReportFilter {
  from: string;
  to: string;
  team: string | null;
}

interface ReportsState {
  options: ReportOptions | null;
  alerts: Alerts | null;
  filter: ReportFilter | null;
  error: string | null;
  load(): Promise<void>;
  setFilter(patch: Partial<ReportFilter>): void;
}

const thisMonth = () => new Date().toISOString().slice(0, 7);

/** The reports' shared filter (period and team) and the reports home's data. */
export const useReports = create<ReportsState>((set, get) => ({
  options: null,
  alerts: null,
  filter: null,
  error: null,
  load: async () => {
    try {
      const options = await call('reports.options', {});
      const latest = options.months[0] ?? thisMonth();
      const filter = get().filter ?? { from: latest, to: latest, team: null };
      set({ options, filter, error: null });
      const alerts = await call('reports.alerts', { month: filter.to, ...(filter.team ? { team: filter.team } : {}) });
      set({ alerts });
    } catch (error) {
      set({ error: error instanceof Error ? error.message : String(error) });
    }
  },
  setFilter: (patch) => {
    const current = get().filter;
    if (!current) return;
    const next = { ...current, ...patch };
    if (next.from > next.to) next.from = next.to;
    set({ filter: next });
    void call('reports.alerts', { month: next.to, ...(next.team ? { team: next.team } : {}) })
      .then((alerts) => set({ alerts }))
      .catch((error: unknown) => set({ error: error instanceof Error ? error.message : String(error) }));
  },
}));

export function periodInput(f: ReportFilter) {
  return { from: f.from, to: f.to, ...(f.team ? { team: f.team } : {}) };
}
