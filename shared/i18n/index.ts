import { en } from './en.js';
import type { MessageKey } from './ja.js';
import { ja } from './jaAll.js';
import { type Catalog, type Lang, type Translate, translatorOf } from './lang.js';

export { type Catalog, LANGS, type Lang, parseLang, type Translate, translatorOf } from './lang.js';
export type { MessageKey };

const catalogs: Record<Lang, Catalog> = { ja, en };

/**
 * A translator for one language, with both catalogs at hand (the server, tools, tests). The client loads the
 * English catalog only when it is chosen (client/i18n/I18nProvider.tsx), so it imports `./lang.js` instead.
 */
export function translator(lang: Lang): Translate {
  return translatorOf(catalogs[lang]);
}
