import { useState } from 'react';
import { commentIndexOf } from '../comments/commentIndex';
import { useI18n } from '../i18n/I18nProvider';
import { useStoreSelector } from '../lib/store';
import { useBoard } from '../session/hooks';
import { addressedToMe } from './addressedToMe';
import { ToYouDialog } from './lazyDialogs';

/**
 * The header's 「自分宛て N」: comments that mention this person or answer their comments, N of them not yet
 * answered (they have not written in that thread since). Shown once there is any; opens the list, each entry
 * leading to the note, group or draft initiative it is on.
 */
export function ToYouButton() {
  const { t } = useI18n();
  const { session, identity } = useBoard();
  const [open, setOpen] = useState(false);
  const index = commentIndexOf(session.boardDoc);
  const waiting = useStoreSelector(
    index,
    (value) => addressedToMe(value.threads, identity.id).filter((entry) => !entry.answered).length,
  );
  const any = useStoreSelector(index, (value) => addressedToMe(value.threads, identity.id).length > 0);
  if (!any) return null;
  return (
    <>
      <button
        type="button"
        className={`visit-count ${waiting > 0 ? 'has-changes' : ''}`}
        aria-label={t('toYou.countLabel', { count: waiting })}
        onClick={() => setOpen(true)}
      >
        {t('toYou.count', { count: waiting })}
      </button>
      {open && <ToYouDialog onClose={() => setOpen(false)} />}
    </>
  );
}
