import { useI18n } from '../i18n/I18nProvider';

/**
 * The position a moved note or cluster takes among `others` items (1 … others + 1, the last marked as such),
 * shared by the move dialogs of notes and clusters.
 */
export function PositionSelect({
  others,
  value,
  onChange,
}: {
  others: number;
  value: number;
  onChange: (position: number) => void;
}) {
  const { t } = useI18n();
  return (
    <label className="field">
      <span>{t('move.position')}</span>
      <select value={value} onChange={(e) => onChange(Number(e.target.value))}>
        {Array.from({ length: others + 1 }, (_, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: positions are indexes
          <option key={i} value={i}>
            {i === others
              ? `${t('move.positionOption', { n: i + 1 })} (${t('move.positionEnd')})`
              : t('move.positionOption', { n: i + 1 })}
          </option>
        ))}
      </select>
    </label>
  );
}
