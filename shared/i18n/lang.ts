import type { MessageKey } from './ja.js';

export type Lang = 'ja' | 'en';
export const LANGS: readonly Lang[] = ['ja', 'en'];
export type Catalog = Record<MessageKey, string>;
export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/** A translator over one catalog. Unknown placeholders are left visible so a missing value is noticed. */
export function translatorOf(catalog: Catalog): Translate {
  // Each template cut once at its placeholders (text, name, text, name, …, text): a board labels every note
  // with a few of them, thousands of calls when it opens, and a regular expression per call showed there.
  const pieces = new Map<MessageKey, string[]>();
  return (key, params) => {
    const template = catalog[key];
    if (!params) return template;
    let parts = pieces.get(key);
    if (!parts) {
      parts = template.split(/\{(\w+)\}/);
      pieces.set(key, parts);
    }
    let out = parts[0]!;
    for (let i = 1; i < parts.length; i += 2) {
      const name = parts[i]!;
      out += (name in params ? String(params[name]) : `{${name}}`) + parts[i + 1]!;
    }
    return out;
  };
}

export function parseLang(value: string | null | undefined): Lang | null {
  return value === 'ja' || value === 'en' ? value : null;
}
