/** A local wall-clock time as the recorder wrote it (no zone): shown as written, never shifted. */
export function wallClock(local: string | null): string {
  return local ? local.replace('T', ' ').slice(0, 16) : '—';
}

/** An instant (UTC), shown in this computer's time zone, written the way the interface language writes dates. */
export function instant(iso: string | null, language: string): string {
  return iso
    ? new Date(iso).toLocaleString(language, {
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
      })
    : '—';
}

export const points = (v: number | null | undefined) => (v === null || v === undefined ? '—' : v.toFixed(2));
