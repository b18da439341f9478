import { LANGS } from '../../shared/i18n/lang';
import { useI18n } from '../i18n/I18nProvider';
import { GlobeIcon } from './icons/headerIcons';

/** A labelled select: reachable by keyboard, named in the current language (a globe shows the label). */
export function LanguageSwitch() {
  const { lang, t, setLang } = useI18n();
  return (
    <label className="lang-switch">
      <GlobeIcon />
      <span className="visually-hidden">{t('lang.label')}</span>
      <select value={lang} onChange={(e) => setLang(e.target.value === 'en' ? 'en' : 'ja')}>
        {LANGS.map((code) => (
          <option key={code} value={code}>
            {t(code === 'ja' ? 'lang.ja' : 'lang.en')}
          </option>
        ))}
      </select>
    </label>
  );
}
