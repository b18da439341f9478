import { jaCore } from '../../shared/i18n/ja';
import type { Catalog, Lang } from '../../shared/i18n/lang';

/**
 * The catalogs this page has. Japanese starts with the messages of what every page shows (`jaCore`); the views
 * loaded later bring their own Japanese messages with them and add them here (`addJapaneseMessages`) before
 * they render. English is loaded whole when first chosen.
 */
export const catalogs: Partial<Record<Lang, Catalog>> = {
  // Complete once every part a shown view needs has been added: a view adds its part when its module loads.
  ja: { ...jaCore } as Catalog,
};

/** Adds a part of the Japanese messages (the translator reads the catalog at each call, so it sees them). */
export function addJapaneseMessages(part: Partial<Catalog>): void {
  Object.assign(catalogs.ja!, part);
}
