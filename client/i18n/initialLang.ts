import { type Lang, parseLang } from '../../shared/i18n/lang';

export const LANG_STORAGE_KEY = 'board.lang';

/** `?lang=en` wins, then the language this browser chose last time, then Japanese. */
export function initialLang(): Lang {
  const fromUrl = parseLang(new URLSearchParams(window.location.search).get('lang'));
  if (fromUrl) return fromUrl;
  try {
    return parseLang(window.localStorage.getItem(LANG_STORAGE_KEY)) ?? 'ja';
  } catch {
    return 'ja'; // storage refused (a locked-down profile)
  }
}
