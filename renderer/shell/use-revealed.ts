import { startTransition, useEffect, useState } from 'react';

/**
 * False until `ready` (or `fallbackMs` at most), then true in a transition. A page shows its essential part first
 * and renders the rest after it, in slices React can interrupt, so the rest never delays the essential part and
 * a key press during it is served at once.
 */
export function useRevealedWhen(ready: boolean, fallbackMs = 1_000): boolean {
  const [revealed, setRevealed] = useState(false);
  useEffect(() => {
    if (revealed) return;
    const reveal = () => startTransition(() => setRevealed(true));
    if (ready) return reveal();
    const timer = setTimeout(reveal, fallbackMs);
    return () => clearTimeout(timer);
  }, [ready, revealed, fallbackMs]);
  return revealed;
}
