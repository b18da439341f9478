import { CLOSE, isBoardFullReason } from '../../shared/protocol';
import { useI18n } from '../i18n/I18nProvider';
import { useStore } from '../lib/store';
import { useBoard } from './hooks';

/** What the server said that the person must know: a refused change, or a connection closed for good. */
export function SessionNoticeBanner() {
  const { session } = useBoard();
  const { t } = useI18n();
  const notice = useStore(session.notice);
  if (!notice) return null;
  let message: string;
  if (notice.kind === 'permissionDenied' && isBoardFullReason(notice.reason)) {
    message = t('error.boardFull');
  } else if (notice.kind === 'permissionDenied') {
    // The server's reason is in English for logs and other tools; the person reads it in the UI language.
    message = t(notice.doc === 'settings' ? 'error.permissionDeniedSettings' : 'error.permissionDeniedBoard');
  } else if (notice.code === CLOSE.unauthorized) {
    message = t('error.linkInvalid');
  } else if (notice.code === CLOSE.notFound) {
    message = t('error.boardNotFound');
  } else if (notice.code === CLOSE.tooNew) {
    message = t('board.tooNew');
  } else if (notice.code === CLOSE.tooLarge) {
    message = t('error.tooLarge');
  } else if (notice.code === CLOSE.tooManyConnections) {
    message = t('error.tooManyConnections');
  } else if (notice.code === CLOSE.invalidMessage) {
    message = t('error.invalidMessage');
  } else {
    message = t('error.connectionClosed', { code: notice.code });
  }
  return (
    <div className="banner banner-error" role="alert">
      <span>{message}</span>
      {notice.kind === 'closed' && (
        <>
          <span> {t('error.readOnlyUntilReload')}</span>
          <button type="button" onClick={() => window.location.reload()}>
            {t('error.reload')}
          </button>
        </>
      )}
    </div>
  );
}
