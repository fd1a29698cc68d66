/**
 * Loads the print route must wait for beyond the report itself (a section fetching its own annex): while any is
 * loading, PrintView does not set data-print-ready, so Chromium and Electron print only a complete page.
 */
import { useEffect, useSyncExternalStore } from 'react';

let pending = 0;
const listeners = new Set<() => void>();
const notify = () => listeners.forEach((l) => l());
const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

/** Holds the print back while `loading`, and for two frames after (React commits, then chart.js draws). */
export function usePrintLoading(loading: boolean): void {
  useEffect(() => {
    if (!loading) return;
    pending++;
    notify();
    return () => {
      requestAnimationFrame(() =>
        requestAnimationFrame(() => {
          pending--;
          notify();
        }),
      );
    };
  }, [loading]);
}

/** Whether nothing registered is still loading. */
export function usePrintIdle(): boolean {
  return useSyncExternalStore(subscribe, () => pending === 0);
}
