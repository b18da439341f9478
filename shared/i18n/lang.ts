import type { MessageKey } from './ja.js';

export type Lang = 'ja' | 'en';
export const LANGS: readonly Lang[] = ['ja', 'en'];
export type Catalog = Record<MessageKey, string>;
export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/** A translator over one catalog. Unknown placeholders are left visible so a missing value is noticed. */
export function translatorOf(catalog: Catalog): Translate {
  return (key, params) => {
    const template = catalog[key];
    if (!params) return template;
    return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
  };
}

export function parseLang(value: string | null | undefined): Lang | null {
  return value === 'ja' || value === 'en' ? value : null;
}
