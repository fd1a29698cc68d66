import { useEffect, useRef } from 'react';
import type { Answer } from '../../../shared/evaluation';
import { ladderStep, snapToLadder } from '../../../shared/points';
import type { ScorecardItem } from '../../../shared/scorecard';

/** Text entry owns the keyboard: shortcuts never fire while the inspector types a comment or a tag. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT') return true;
  if (target.tagName !== 'INPUT') return false;
  const type = (target as HTMLInputElement).type;
  return !['radio', 'checkbox', 'button', 'submit', 'reset'].includes(type);
}

/** The next valid points value up or down: the ladder shared/points.ts defines, which the scoring checks. */
const stepFrom = (item: ScorecardItem, current: Answer | undefined, direction: 1 | -1) =>
  ladderStep(item, typeof current === 'number' ? current : undefined, direction);

/**
 * Every key the scorecard acts on (as KeyboardEvent.key). The player's keys (player/keys.ts) use none of them, so
 * one key means one thing on the evaluate page; a unit test holds the two maps apart.
 */
export const scorecardKeys = [
  'ArrowDown',
  'ArrowUp',
  'j',
  'k',
  'Home',
  'End',
  'n',
  'N',
  'Backspace',
  'Delete',
  'Enter',
  'p',
  'y',
  'f',
  'x',
  '+',
  '=',
  '-',
  ...'0123456789',
] as const;

export interface ScoringKeyActions {
  items: ScorecardItem[];
  focus: number;
  answers: Record<string, Answer>;
  enabled: boolean;
  move(to: number): void;
  answer(itemId: string, answer: Answer | undefined): void;
  editComment(): void;
  submit(): void;
}

/**
 * ↑/↓ or k/j move between items; digits set points (two digits typed quickly make 10–99); p/y pass, f/x fail,
 * 1/0 also pass/fail on yes/no items; 1…n pick a choice item's n-th option (0: N/A); n toggles N/A; +/- step; Backspace clears; Enter writes a note;
 * Ctrl/⌘+Enter submits (also from a text field); Esc leaves a text field.
 */
export function useScoringKeys(actions: ScoringKeyActions): void {
  const ref = useRef(actions);
  const digits = useRef({ text: '', at: 0 });
  useEffect(() => {
    ref.current = actions;
  });

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const a = ref.current;
      if (event.altKey) return;
      // Before the defaultPrevented check: a select (the root-cause picker) takes Enter for itself, and the submit
      // key must still work from it, as from any field.
      if ((event.ctrlKey || event.metaKey) && event.key === 'Enter') {
        event.preventDefault();
        a.submit();
        return;
      }
      if (event.defaultPrevented) return;
      if (isTypingTarget(event.target)) {
        if (event.key === 'Escape') (event.target as HTMLElement).blur();
        return;
      }
      if (event.ctrlKey || event.metaKey || !a.enabled || a.items.length === 0) return;
      const item = a.items[a.focus];
      const current = a.answers[item.id];
      const handled = (() => {
        switch (event.key) {
          case 'ArrowDown':
          case 'j':
            a.move(a.focus + 1);
            return true;
          case 'ArrowUp':
          case 'k':
            a.move(a.focus - 1);
            return true;
          case 'Home':
            a.move(0);
            return true;
          case 'End':
            a.move(a.items.length - 1);
            return true;
          case 'n':
          case 'N':
            if (!item.allowNa) return false;
            a.answer(item.id, current === 'na' ? undefined : 'na');
            return true;
          case 'Backspace':
          case 'Delete':
            a.answer(item.id, undefined);
            return true;
          case 'Enter':
            a.editComment();
            return true;
        }
        if (item.kind === 'choice') {
          // Options are numbered from 1 as shown; 0 is N/A, since no option can be "zero".
          const options = item.options ?? [];
          const n = /^[0-9]$/.test(event.key) ? Number(event.key) : -1;
          if (n >= 1 && n <= options.length) a.answer(item.id, options[n - 1].id);
          else if (n === 0 && item.allowNa) a.answer(item.id, current === 'na' ? undefined : 'na');
          else return false;
          return true;
        }
        if (item.kind !== 'points') {
          if (['p', 'y', '1'].includes(event.key)) a.answer(item.id, 'pass');
          else if (['f', 'x', '0'].includes(event.key)) a.answer(item.id, 'fail');
          else return false;
          return true;
        }
        if (event.key === '+' || event.key === '=') {
          a.answer(item.id, stepFrom(item, current, 1));
          return true;
        }
        if (event.key === '-') {
          a.answer(item.id, stepFrom(item, current, -1));
          return true;
        }
        if (/^[0-9]$/.test(event.key)) {
          const now = Date.now();
          const d = digits.current;
          let text = now - d.at < 700 && d.text ? d.text + event.key : event.key;
          if (Number(text) > item.maxPoints) text = event.key;
          digits.current = { text, at: now };
          a.answer(item.id, snapToLadder(item, Number(text)));
          return true;
        }
        return false;
      })();
      if (handled) event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  // A new item starts a fresh number.
  useEffect(() => {
    digits.current = { text: '', at: 0 };
  }, [actions.focus]);
}
