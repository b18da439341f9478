import { type FormEvent, useId, useState } from 'react';
import { WRITE_REFUSAL } from '../../shared/protocol';
import { saveFile } from '../export/saveFile';
import { useI18n } from '../i18n/I18nProvider';
import { deleteBoard, fetchJsonBackup, setBoardArchived } from '../lib/api';
import { apiErrorMessage } from '../lib/apiErrorMessage';
import { forgetBoard } from '../lib/recentBoards';
import { useBoard, useSettings } from '../session/hooks';
import { useModalDialog } from '../ui/useModalDialog';

/** The facilitator's archive / unarchive and delete of the whole board, in the settings dialog. */
export function BoardManagement() {
  const { t } = useI18n();
  const { session, archived } = useBoard();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const headingId = useId();

  function reportFailure(failure: unknown) {
    setError(apiErrorMessage(t, failure));
  }

  async function downloadBackup() {
    setBusy(true);
    try {
      const { blob, filename } = await fetchJsonBackup(session.boardId, session.token);
      saveFile(blob, filename);
      setError(null);
    } catch (failure) {
      reportFailure(failure);
    } finally {
      setBusy(false);
    }
  }

  async function toggleArchive() {
    setBusy(true);
    try {
      const nowArchived = !archived;
      await setBoardArchived(session.boardId, session.token, nowArchived);
      session.archived.set(nowArchived);
      // The archive notice no longer holds once the board is live again.
      const notice = session.notice.get();
      if (!nowArchived && notice?.kind === 'permissionDenied' && notice.code === WRITE_REFUSAL.archived) {
        session.notice.set(null);
      }
      setError(null);
    } catch (failure) {
      reportFailure(failure);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby={headingId}>
      <h3 id={headingId}>{t('settings.manage')}</h3>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <p>{t(archived ? 'settings.archivedExplain' : 'settings.archiveBoardExplain')}</p>
      <div className="dialog-actions">
        <button type="button" disabled={busy} onClick={toggleArchive}>
          {t(archived ? 'settings.unarchiveBoard' : 'settings.archiveBoard')}
        </button>
        <button type="button" disabled={busy} onClick={downloadBackup}>
          {t('settings.downloadBackup')}
        </button>
        <button type="button" className="danger" onClick={() => setDeleting(true)}>
          {t('settings.deleteBoard')}
        </button>
      </div>
      {deleting && <DeleteBoardDialog onCancel={() => setDeleting(false)} onFailure={reportFailure} />}
    </section>
  );
}

/** Deleting is for good: the person types the board name first, as GitHub asks for a repository's name. */
function DeleteBoardDialog({ onCancel, onFailure }: { onCancel: () => void; onFailure: (failure: unknown) => void }) {
  const { t } = useI18n();
  const { session } = useBoard();
  const settings = useSettings();
  const dialog = useModalDialog();
  const titleId = useId();
  const [typed, setTyped] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (typed.trim() !== settings.title.trim()) {
      setMismatch(true);
      return;
    }
    setBusy(true);
    try {
      await deleteBoard(session.boardId, session.token);
      forgetBoard(session.boardId, 'facilitator');
      window.location.assign('/');
    } catch (failure) {
      setBusy(false);
      onCancel();
      onFailure(failure);
    }
  }

  return (
    <dialog ref={dialog} className="dialog" aria-labelledby={titleId} onCancel={onCancel}>
      <form onSubmit={submit}>
        <h2 id={titleId}>{t('settings.deleteHeading')}</h2>
        <p>{t('settings.deleteExplain', { title: settings.title })}</p>
        {mismatch && (
          <p className="error" role="alert">
            {t('settings.deleteMismatch')}
          </p>
        )}
        <label className="field">
          <span>{t('settings.deleteConfirmLabel')}</span>
          <input value={typed} onChange={(e) => setTyped(e.target.value)} autoComplete="off" />
        </label>
        <div className="dialog-actions">
          <button type="button" onClick={onCancel}>
            {t('settings.cancel')}
          </button>
          <button type="submit" className="danger" disabled={busy}>
            {t('settings.deleteConfirm')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
