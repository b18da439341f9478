import { useState } from 'react';
import type { Pillar } from '../../shared/records/pillar';
import { useI18n } from '../i18n/I18nProvider';
import { useBoard } from '../session/hooks';
import { SuggestionsPanel } from './lazyPanel';
import './hint.css';

/**
 * 「グループの提案」 under a pillar's title: opens that pillar's suggestions. Not for viewers (they only look; the
 * server refuses them too), nor on a board nobody may write to.
 */
export function SuggestionsButton({ pillar }: { pillar: Pillar }) {
  const { t } = useI18n();
  const { role, canEditBoard } = useBoard();
  const [open, setOpen] = useState(false);
  if (role === 'viewer' || !canEditBoard) return null;
  return (
    <>
      <button
        type="button"
        className="suggestions-open"
        aria-label={t('suggest.openFor', { pillar: pillar.title })}
        onClick={() => setOpen(true)}
      >
        {t('suggest.open')}
      </button>
      {open && <SuggestionsPanel pillarId={pillar.id} onClose={() => setOpen(false)} />}
    </>
  );
}
