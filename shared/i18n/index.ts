import { en } from './en.js';
import { ja, type MessageKey } from './ja.js';

export type { MessageKey };
export type Lang = 'ja' | 'en';
export const LANGS: readonly Lang[] = ['ja', 'en'];

const catalogs: Record<Lang, Record<MessageKey, string>> = { ja, en };

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/** A translator for one language. Unknown placeholders are left visible so a missing value is noticed. */
export function translator(lang: Lang): Translate {
  const catalog = catalogs[lang];
  return (key, params) => {
    const template = catalog[key];
    if (!params) return template;
    return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
  };
}

export function parseLang(value: string | null | undefined): Lang | null {
  return value === 'ja' || value === 'en' ? value : null;
}
