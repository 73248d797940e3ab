// zh-CN first, en second. Each text is written once where it is used as a zh/en pair, so a page
// reads in both languages at a glance; shared codes take their labels from @hotline/vocabulary.
import { createContext, useContext } from 'react';
import type { Label } from '@hotline/vocabulary';

export type Lang = 'zh' | 'en';

export const LangContext = createContext<Lang>('zh');

export interface Translate {
  (zh: string, en: string): string;
  lang: Lang;
  /** A vocabulary label in the current language. */
  label(l: Label | undefined, fallback?: string): string;
}

export function translator(lang: Lang): Translate {
  const t = ((zh: string, en: string) => (lang === 'zh' ? zh : en)) as Translate;
  t.lang = lang;
  t.label = (l, fallback = '') => (l ? l[lang] : fallback);
  return t;
}

export function useT(): Translate {
  return translator(useContext(LangContext));
}

/** The language the browser prefers, zh unless it asks for English first. */
export function preferredLang(): Lang {
  return navigator.language.toLowerCase().startsWith('en') ? 'en' : 'zh';
}
