/**
 * Player shortcuts. They share the evaluate page with the scorecard's keys (renderer/features/evaluate/keyboard.ts)
 * and use none of its keys: the scorecard owns digits, + / -, n (N/A), p / f / y / x, j / k, ↑ / ↓, Enter and
 * Backspace; the player owns Space, ← / →, [ / ], z / Z (zoom), m (note) and ?. One key means one thing on the
 * page, whichever part was clicked last. Nothing fires while typing in a text field.
 */
import { useEffect, useRef } from 'react';
import { isTypingTarget } from '../evaluate/keyboard';

export type PlayerAction =
  | { type: 'playPause' }
  | { type: 'skip'; seconds: number }
  | { type: 'speed'; direction: 1 | -1 }
  | { type: 'zoom'; direction: 1 | -1 }
  | { type: 'note' }
  | { type: 'help' };

export interface KeyLike {
  key: string;
  shiftKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
}

export function actionFor(e: KeyLike): PlayerAction | null {
  if (e.ctrlKey || e.metaKey || e.altKey) return null;
  switch (e.key) {
    case ' ':
      return { type: 'playPause' };
    case 'ArrowLeft':
      return { type: 'skip', seconds: e.shiftKey ? -15 : -5 };
    case 'ArrowRight':
      return { type: 'skip', seconds: e.shiftKey ? 15 : 5 };
    case '[':
      return { type: 'speed', direction: -1 };
    case ']':
      return { type: 'speed', direction: 1 };
    case 'z':
      return { type: 'zoom', direction: 1 };
    case 'Z':
      return { type: 'zoom', direction: -1 };
    case 'm':
    case 'M':
      return { type: 'note' };
    case '?':
      return { type: 'help' };
  }
  return null;
}

/** Elements that already do something with these keys themselves (buttons on Space, sliders and radios on arrows). */
export function ownsKey(target: EventTarget | null, key: string): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (isTypingTarget(target)) return true;
  const role = target.getAttribute('role');
  if (key === ' ')
    return target.tagName === 'BUTTON' || target.tagName === 'A' || ['button', 'switch', 'checkbox'].includes(role!);
  if (key.startsWith('Arrow')) {
    const type = target instanceof HTMLInputElement ? target.type : '';
    return role === 'slider' || role === 'radio' || type === 'radio' || type === 'range';
  }
  return false;
}

/** Listens on window in the capture phase and marks a key it used (preventDefault), which the scorecard respects. */
export function usePlayerKeys(root: React.RefObject<HTMLElement | null>, run: (action: PlayerAction) => void): void {
  const runRef = useRef(run);
  useEffect(() => {
    runRef.current = run;
  });
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || ownsKey(event.target, event.key)) return;
      if (document.querySelector('.ant-modal-wrap:not([style*="display: none"]) .ant-modal')) return;
      const action = actionFor(event);
      if (!action) return;
      event.preventDefault();
      runRef.current(action);
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [root]);
}
