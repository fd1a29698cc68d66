import { create } from 'zustand';
import type { Language } from '../../shared/settings';
import { en } from './en';
import { zhCN, type MessageKey } from './zh-CN';

const catalogs: Record<Language, Record<MessageKey, string>> = { 'zh-CN': zhCN, en };

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

export type Translate = (key: MessageKey) => string;

export function translate(language: Language, key: MessageKey): string {
  return catalogs[language][key];
}

export function useT(): Translate {
  const language = useI18n((s) => s.language);
  return (key) => translate(language, key);
}

export type { MessageKey };
