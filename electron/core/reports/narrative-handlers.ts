import type { narrativesContract } from '../../../shared/contracts/narratives';
import { MAX_NARRATIVE_PUSH } from '../../../shared/narrative';
import type { CoreContext, HandlersFor } from '../context';
import type { SyncEngine } from '../sync/engine';
import type { SyncHttp } from '../sync/http';
import { QuoteReader } from './narrative-quotes';
import { NarrativeRepository, NarrativeService, syncConfigured } from './narrative-store';

/** Each pending edit once per run, oldest first; a refused one stays here, marked, until the lead edits again. */
export async function pushNarratives(
  repo: NarrativeRepository,
  http: SyncHttp,
): Promise<{ pushed: number; rejected: number }> {
  const items = repo.pending(MAX_NARRATIVE_PUSH);
  if (items.length === 0) return { pushed: 0, rejected: 0 };
  // A fault leaves the edits pending; the engine retries transient ones with backoff.
  const applied = repo.applyResults((await http.pushNarratives(items)).results);
  return { pushed: applied.acked, rejected: applied.refused };
}

/** Debounce of the sync after an autosave: a lead typing saves every second, head office needs the last words. */
const syncDelayMs = 3000;

export function createNarrativeHandlers(
  ctx: CoreContext,
  engine: () => SyncEngine | null,
  closers: (() => void)[],
): HandlersFor<keyof typeof narrativesContract> {
  const repo = new NarrativeRepository(ctx.db);
  const service = new NarrativeService(
    repo,
    () => ctx.identity.get(),
    () => syncConfigured(ctx.db),
  );
  const quotes = new QuoteReader(ctx.db, (key) => ctx.reports.cardByKey(key));
  engine()?.extend({ push: (http) => pushNarratives(repo, http), afterPull: () => 0 });
  let timer: NodeJS.Timeout | null = null;
  closers.push(() => {
    if (timer) clearTimeout(timer);
  });
  const syncSoon = () => {
    const e = engine();
    if (!e?.status().configured) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      e.syncNow('submit').catch(() => undefined); // offline: the edit waits, pending, for the next run
    }, syncDelayMs);
    timer.unref?.();
  };
  return {
    'narratives.get': ({ team, month }) => service.get(team, month),
    'narratives.save': ({ team, month, body }) => {
      const view = service.save(team, month, body);
      syncSoon();
      return view;
    },
    'narratives.quotes': ({ team, month }) => ({ quotes: quotes.quotes(team, month) }),
  };
}
