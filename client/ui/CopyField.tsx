import { useState } from 'react';
import { useI18n } from '../i18n/I18nProvider';

/** A link shown in a read-only field (selectable by keyboard) with a copy button named after it. */
export function CopyField({ label, value }: { label: string; value: string }) {
  const { t } = useI18n();
  const [copied, setCopied] = useState(false);
  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setCopied(true);
    } catch {
      // Clipboard refused (insecure context): the link stays selectable in its field.
    }
  }
  return (
    <div className="link-row">
      <label className="field">
        <span>{label}</span>
        <input readOnly value={value} onFocus={(e) => e.currentTarget.select()} />
      </label>
      <button type="button" onClick={copy} aria-label={t('people.copyLink', { what: label })}>
        {copied ? t('people.copied') : t('people.copy')}
      </button>
      <span className="visually-hidden" role="status">
        {copied ? t('people.copied') : ''}
      </span>
    </div>
  );
}
