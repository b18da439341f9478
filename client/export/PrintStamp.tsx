import { useEffect, useState } from 'react';
import { flushSync } from 'react-dom';
import { formatJapaneseDate } from '../../shared/fiscalYear';
import { useI18n } from '../i18n/I18nProvider';

/**
 * The date under the board title on paper only (print.css shows `.print-only`): set again just before each
 * printout, so a page left open for days prints today's date.
 */
export function PrintStamp() {
  const { t, lang } = useI18n();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const refresh = () => flushSync(() => setNow(Date.now()));
    window.addEventListener('beforeprint', refresh);
    return () => window.removeEventListener('beforeprint', refresh);
  }, []);
  const date =
    lang === 'ja'
      ? formatJapaneseDate(now)
      : new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'Asia/Tokyo' }).format(now);
  return <p className="print-only print-stamp">{t('export.print.printedAt', { date })}</p>;
}
