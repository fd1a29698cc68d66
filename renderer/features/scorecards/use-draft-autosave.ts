import { useCallback, useEffect, useRef, useState } from 'react';
import type { ScorecardDefinition } from '../../../shared/scorecard';
import { call } from '../../api';
import { formatTime, useI18n, useT } from '../../i18n';
import { errorText } from '../../shell/errors';

const delayMs = 600;

/**
 * A draft card saves itself shortly after each edit, and before the page or the selection changes, so leaving the
 * page never drops an edit. Closing the window with a save still due asks first (beforeunload).
 */
export function useDraftAutosave(draftId: string | null, def: ScorecardDefinition | null) {
  const t = useT();
  const language = useI18n((s) => s.language);
  const [state, setState] = useState<{ status: 'idle' | 'saving' | 'saved' | 'failed'; at?: string; error?: unknown }>({
    status: 'idle',
  });
  const saved = useRef<{ id: string | null; json: string | null }>({ id: null, json: null });
  const pending = useRef<{ id: string; def: ScorecardDefinition } | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const save = useCallback(async () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    const next = pending.current;
    pending.current = null;
    if (!next) return;
    setState({ status: 'saving' });
    try {
      const view = await call('scorecards.saveDraft', { id: next.id, definition: next.def });
      saved.current = { id: next.id, json: JSON.stringify(next.def) };
      setState({ status: 'saved', at: view.updatedAt });
    } catch (error) {
      setState({ status: 'failed', error });
    }
  }, []);

  useEffect(() => {
    if (!draftId || !def) return;
    const json = JSON.stringify(def);
    // A draft just opened is what is stored: nothing to save until it is edited.
    if (saved.current.id !== draftId) {
      saved.current = { id: draftId, json };
      setState({ status: 'idle' });
      return;
    }
    if (saved.current.json === json) return;
    pending.current = { id: draftId, def };
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void save(), delayMs);
  }, [draftId, def, save]);

  useEffect(() => {
    const onLeave = (event: BeforeUnloadEvent) => {
      if (!pending.current) return;
      void save();
      event.preventDefault();
    };
    window.addEventListener('beforeunload', onLeave);
    return () => {
      window.removeEventListener('beforeunload', onLeave);
      // Leaving the page for another one in the app: the last edit goes out now.
      void save();
    };
  }, [save]);

  const text =
    state.status === 'saving'
      ? t('sc.autosaving')
      : state.status === 'saved' && state.at
        ? t('sc.autosaved', { time: formatTime(language, state.at) })
        : state.status === 'failed'
          ? t('sc.autosaveFailed', { error: errorText(t, state.error) })
          : '';
  return {
    text,
    flush: save,
    cancel: () => {
      if (timer.current) clearTimeout(timer.current);
      pending.current = null;
    },
  };
}
