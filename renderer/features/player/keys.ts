/**
 * Player shortcuts. They share the page with the scorecard's keys (renderer/features/evaluate/keyboard.ts), which
 * also use + / - (step points) and N (N/A). Rule: when the player has focus (the inspector clicked the waveform or a
 * player control), the player's keys win; otherwise those shared keys go to the scorecard first and reach the player
 * only if the scorecard did not use them. Nothing fires while typing in a text field.
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

/** Keys the scorecard also uses. */
const sharedKeys = new Set(['+', '=', '-', '_', 'n', 'N']);

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
    case '+':
    case '=':
      return { type: 'zoom', direction: 1 };
    case '-':
    case '_':
      return { type: 'zoom', direction: -1 };
    case 'n':
    case 'N':
      return { type: 'note' };
    case '?':
      return { type: 'help' };
  }
  return null;
}

export const isSharedKey = (key: string) => sharedKeys.has(key);

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

/**
 * Listens on window in the capture phase, so it sees keys before the scorecard's bubbling listener: it can claim a
 * shared key (preventDefault, which the scorecard respects) when the player has focus, or defer to the scorecard.
 */
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
      const focused = !!root.current && root.current.contains(document.activeElement);
      if (isSharedKey(event.key) && !focused) {
        // After every listener has run: the scorecard marks a key it used with preventDefault.
        setTimeout(() => {
          if (!event.defaultPrevented) runRef.current(action);
        }, 0);
        return;
      }
      event.preventDefault();
      runRef.current(action);
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [root]);
}
