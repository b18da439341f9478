import { useState } from 'react';
import { useI18n } from '../i18n/I18nProvider';
import { useStoreSelector } from '../lib/store';
import { useBoard } from '../session/hooks';
import { IconButton } from '../ui/IconButton';
import { TrashIcon } from '../ui/icons';
import { TrashDialog } from './lazyDialogs';

/**
 * The note trash (ごみ箱): every trashed note, with who trashed it. Anyone who writes the board may restore any
 * of them, and the facilitator may erase one for good (shared/trash.ts).
 */
export function TrashButton() {
  const { t } = useI18n();
  const { session } = useBoard();
  const ids = useStoreSelector(session.laneIndex, (index) => index.trash);
  const [open, setOpen] = useState(false);
  return (
    <>
      <IconButton
        icon={<TrashIcon />}
        tooltip={t('trash.open', { count: ids.length })}
        label={t('trash.open', { count: ids.length })}
        onClick={() => setOpen(true)}
      >
        {ids.length > 0 && <span className="icon-dot" aria-hidden="true" />}
      </IconButton>
      {open && <TrashDialog ids={ids} onClose={() => setOpen(false)} />}
    </>
  );
}
