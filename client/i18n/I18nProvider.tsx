import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { type Catalog, type Lang, type Translate, translatorOf } from '../../shared/i18n/lang';
import { catalogs } from './catalogs';
import { initialLang, LANG_STORAGE_KEY } from './initialLang';

interface I18nValue {
  lang: Lang;
  t: Translate;
  setLang: (lang: Lang) => void;
}

const I18nContext = createContext<I18nValue | null>(null);

/**
 * Japanese is in the page's own code (client/i18n/catalogs.ts); English is loaded when first chosen (it would
 * otherwise be a tenth of the initial JavaScript most users never run). The service worker caches it with the
 * rest of the build.
 */
const ja = catalogs.ja!;

function loadCatalog(lang: Lang): Promise<Catalog> {
  const loaded = catalogs[lang];
  if (loaded) return Promise.resolve(loaded);
  return import('../../shared/i18n/en').then(({ en }) => {
    catalogs.en = en;
    return en;
  });
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);
  const [catalog, setCatalog] = useState<Catalog | null>(() => catalogs[lang] ?? null);
  useEffect(() => {
    let current = true;
    // Japanese if English cannot be fetched (offline before the app was ever cached): a page, not a blank.
    // The language goes back to Japanese too, so choosing English again tries again.
    loadCatalog(lang).then(
      (loaded) => current && setCatalog(loaded),
      () => {
        if (!current) return;
        setCatalog(ja);
        setLangState('ja');
      },
    );
    return () => {
      current = false;
    };
  }, [lang]);
  const setLang = useCallback((next: Lang) => {
    setLangState(next);
    window.localStorage.setItem(LANG_STORAGE_KEY, next);
    const url = new URL(window.location.href);
    url.searchParams.set('lang', next);
    window.history.replaceState(window.history.state, '', url);
  }, []);
  // The chosen language's catalog once loaded (at once when it already is), else what was shown before.
  const active = catalogs[lang] ?? catalog;
  const shown: Lang = active === ja ? 'ja' : 'en';
  useEffect(() => {
    document.documentElement.lang = shown;
  }, [shown]);
  const value = useMemo(
    () => (active ? { lang: shown, t: translatorOf(active), setLang } : null),
    [active, shown, setLang],
  );
  // Only a first visit in English waits (a moment) for its catalog; switching keeps the page shown meanwhile.
  if (!value) return null;
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18nValue {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}
