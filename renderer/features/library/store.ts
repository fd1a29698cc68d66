import type { ContactChannel } from '../../../shared/channels';
import { create } from 'zustand';
import type {
  RecordingFacets,
  RecordingListInput,
  RecordingListItem,
  RecordingSortField,
} from '../../../shared/recording';
import { call } from '../../api';

export const pageSize = 100;

export type DurationBand = 'lt1' | '1to5' | '5to15' | 'gt15';
export const durationBands: Record<DurationBand, { durationMin?: number; durationMax?: number }> = {
  lt1: { durationMax: 60 },
  '1to5': { durationMin: 60, durationMax: 300 },
  '5to15': { durationMin: 300, durationMax: 900 },
  gt15: { durationMin: 900 },
};

export interface LibraryFilters {
  search?: string;
  agentNo?: string;
  team?: string;
  category?: string;
  from?: string;
  to?: string;
  duration?: DurationBand;
  status?: 'none' | 'draft' | 'submitted';
  talkOver?: boolean;
  channel?: ContactChannel;
}

interface LibraryState {
  filters: LibraryFilters;
  sort: RecordingSortField;
  order: 'asc' | 'desc';
  /** null until the first page of the current query has arrived. */
  total: number | null;
  /** Rows by page number; a page is fetched when the table scrolls onto it. */
  pages: Record<number, RecordingListItem[]>;
  facets: RecordingFacets | null;
  /** Why the list could not be read; the page words it by its code. */
  error: unknown;
  selected: number;
  /** Recordings ticked for a bulk assignment (ids, kept across pages and sorting). */
  checked: Set<string>;
  toggleChecked(id: string): void;
  clearChecked(): void;
  setFilters(patch: Partial<LibraryFilters>): void;
  clearFilters(): void;
  sortBy(field: RecordingSortField): void;
  select(index: number): void;
  ensurePages(first: number, last: number): void;
  refresh(): void;
}

/** Pages being fetched for the current query; a query change forgets them, so late answers are dropped. */
let loading = new Set<number>();
let generation = 0;

export function listInput(
  filters: LibraryFilters,
  sort: RecordingSortField,
  order: 'asc' | 'desc',
  page: number,
): RecordingListInput {
  const { duration, search, talkOver, ...rest } = filters;
  const input: RecordingListInput = { ...rest, sort, order, limit: pageSize, offset: page * pageSize };
  if (duration) Object.assign(input, durationBands[duration]);
  if (search?.trim()) input.search = search.trim();
  if (talkOver) input.talkOver = true;
  for (const key of Object.keys(input) as (keyof RecordingListInput)[])
    if (input[key] === undefined || input[key] === '') delete input[key];
  return input;
}

export const hasFilters = (f: LibraryFilters) =>
  Object.values(f).some((v) => v !== undefined && v !== '' && v !== false);

export const useLibrary = create<LibraryState>((set, get) => {
  const fetchPage = (page: number) => {
    if (loading.has(page)) return;
    loading.add(page);
    const mine = generation;
    const { filters, sort, order } = get();
    call('recordings.list', listInput(filters, sort, order, page))
      .then((list) => {
        if (mine !== generation) return;
        set((s) => ({ total: list.total, pages: { ...s.pages, [page]: list.items }, error: null }));
      })
      .catch((e: unknown) => {
        if (mine === generation) set({ error: e ?? 'error' });
      })
      .finally(() => {
        if (mine === generation) loading.delete(page);
      });
  };

  /** A new query: keep showing the old rows until the first page of the new one replaces them. */
  const restart = () => {
    generation += 1;
    loading = new Set();
    set({ selected: 0 });
    const mine = generation;
    const { filters, sort, order } = get();
    loading.add(0);
    call('recordings.list', listInput(filters, sort, order, 0))
      .then((list) => {
        if (mine === generation) set({ total: list.total, pages: { 0: list.items }, error: null });
      })
      .catch((e: unknown) => {
        if (mine === generation) set({ error: e ?? 'error' });
      })
      .finally(() => {
        if (mine === generation) loading.delete(0);
      });
    call('recordings.facets', {})
      .then((facets) => set({ facets }))
      .catch(() => undefined);
  };

  return {
    filters: {},
    sort: 'startedAt',
    order: 'desc',
    total: null,
    pages: {},
    facets: null,
    error: null,
    selected: 0,
    checked: new Set(),
    toggleChecked: (id) =>
      set((s) => {
        const checked = new Set(s.checked);
        if (checked.has(id)) checked.delete(id);
        else checked.add(id);
        return { checked };
      }),
    clearChecked: () => set({ checked: new Set() }),
    setFilters: (patch) => {
      set((s) => ({ filters: { ...s.filters, ...patch } }));
      restart();
    },
    clearFilters: () => {
      set({ filters: {} });
      restart();
    },
    sortBy: (field) => {
      const { sort, order } = get();
      // A new column starts descending for numbers and times (longest, latest first) and ascending for text.
      const textual = field === 'agentNo' || field === 'fileName' || field === 'category';
      set(
        sort === field ? { order: order === 'asc' ? 'desc' : 'asc' } : { sort: field, order: textual ? 'asc' : 'desc' },
      );
      restart();
    },
    select: (index) => {
      const { total } = get();
      if (!total) return;
      set({ selected: Math.max(0, Math.min(total - 1, index)) });
    },
    ensurePages: (first, last) => {
      const { pages, total } = get();
      if (total === null) return;
      const lastPage = Math.min(Math.floor(last / pageSize), Math.floor(Math.max(0, total - 1) / pageSize));
      for (let p = Math.floor(first / pageSize); p <= lastPage; p++) if (!pages[p]) fetchPage(p);
    },
    refresh: restart,
  };
});

export const rowAt = (pages: Record<number, RecordingListItem[]>, index: number): RecordingListItem | undefined =>
  pages[Math.floor(index / pageSize)]?.[index % pageSize];
