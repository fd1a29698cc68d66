import { create } from 'zustand';
import type { Language } from '../../shared/settings';
import { catalogs, type MessageKey } from './catalog';

interface I18nState {
  language: Language;
  setLanguage(language: Language): void;
}

export const useI18n = create<I18nState>((set) => ({
  language: 'zh-CN',
  setLanguage: (language) => {
    document.documentElement.lang = language;
    set({ language });
  },
}));

export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

/**
 * `{name}` placeholders are filled from `values`; `{name|one|other}` picks a word by the number (English plurals:
 * "1 call", "2 calls"; Chinese needs none).
 */
export function translate(language: Language, key: MessageKey, values?: Record<string, string | number>): string {
  const text: string = (catalogs[language] as Record<MessageKey, string>)[key];
  if (!values) return text;
  return text
    .replace(/\{(\w+)\|([^|}]*)\|([^}]*)\}/g, (match, name: string, one: string, other: string) =>
      name in values ? (Number(values[name]) === 1 ? one : other) : match,
    )
    .replace(/\{(\w+)\}/g, (match, name: string) => String(values[name] ?? match));
}

export function useT(): Translate {
  const language = useI18n((s) => s.language);
  return (key, values) => translate(language, key, values);
}

export type { MessageKey };

/** A time of day in the page's language (the browser's own locale may be English in a Chinese UI). */
export function formatTime(language: Language, iso: string): string {
  return new Date(iso).toLocaleTimeString(language, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

/** A date and time in the page's language. */
export function formatDateTime(language: Language, iso: string): string {
  return new Date(iso).toLocaleString(language, {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  });
}
