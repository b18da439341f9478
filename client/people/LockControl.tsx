import { useRef, useState } from 'react';
import { useI18n } from '../i18n/I18nProvider';
import { facilitatorApi } from '../lib/api';
import { apiErrorMessage } from '../lib/apiErrorMessage';
import { useBoard, useSettings } from '../session/hooks';
import { ConfirmDialog } from '../ui/ConfirmDialog';

/** The facilitator's lock switch: read-only for participants (e.g. after the fourth meeting), and back. */
export function LockControl({ onDone }: { onDone: (message: string) => void }) {
  const { t } = useI18n();
  const { session, token } = useBoard();
  const locked = useSettings().lock !== null;
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);

  const toggle = useRef<HTMLButtonElement>(null);

  // The switch is not disabled while busy (a disabled button drops the focus to <body>, and the next keys
  // typed went who knows where): a second press is ignored, and the focus comes back to the switch, whose
  // words now say the other way, also from the confirmation dialog.
  async function setLock(next: boolean) {
    if (busy) return;
    setConfirming(false);
    setBusy(true);
    toggle.current?.focus();
    try {
      await facilitatorApi(session.boardId, token).setLock(next);
      onDone(t(next ? 'lock.done' : 'lock.undone'));
    } catch (error) {
      onDone(apiErrorMessage(t, error));
    } finally {
      setBusy(false);
      toggle.current?.focus();
    }
  }

  return (
    <>
      <button
        ref={toggle}
        type="button"
        aria-busy={busy}
        onClick={() => (locked ? setLock(false) : setConfirming(true))}
      >
        {locked ? t('lock.unlock') : t('lock.lock')}
      </button>
      {confirming && (
        <ConfirmDialog
          message={t('lock.confirm')}
          confirmLabel={t('lock.lock')}
          onConfirm={() => setLock(true)}
          onCancel={() => setConfirming(false)}
        />
      )}
    </>
  );
}

/** Tells everyone the board is locked, and by whom. */
export function LockBanner() {
  const { t } = useI18n();
  const { role } = useBoard();
  const lock = useSettings().lock;
  if (!lock) return null;
  const by = lock.lockedBy ? t('lock.by', { name: lock.lockedBy }) : '';
  return (
    <p className="banner banner-lock" role="status">
      {role === 'facilitator' ? t('lock.bannerFacilitator') : t('lock.bannerParticipant')}
      {by}
    </p>
  );
}
