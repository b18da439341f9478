import type { MessageKey } from '../../shared/i18n/ja';
import { CLOSE, WRITE_REFUSAL, type WriteRefusalCode } from '../../shared/protocol';
import { useI18n } from '../i18n/I18nProvider';
import { useStore } from '../lib/store';
import { useBoard } from '../session/hooks';

/** The server's reasons are in English for logs and other tools; the person reads the code's translation. */
const REFUSAL_MESSAGES: Record<WriteRefusalCode, MessageKey> = {
  [WRITE_REFUSAL.readOnlyLink]: 'error.permissionDeniedBoard',
  [WRITE_REFUSAL.facilitatorOnly]: 'error.permissionDeniedSettings',
  [WRITE_REFUSAL.locked]: 'error.lockedRefused',
  [WRITE_REFUSAL.storageFull]: 'error.storageFull',
  [WRITE_REFUSAL.storageUnavailable]: 'error.storageUnavailable',
  [WRITE_REFUSAL.archived]: 'error.boardArchived',
  [WRITE_REFUSAL.boardFull]: 'error.boardFull',
  // Only the voting API refuses this one (as `vote-no-person`); listed so every code has its words.
  [WRITE_REFUSAL.noPerson]: 'vote.error.noPerson',
};

/** What the server said that the person must know: a refused change, or a connection closed for good. */
export function SessionNoticeBanner() {
  const { session } = useBoard();
  const { t } = useI18n();
  const notice = useStore(session.notice);
  if (!notice) {
    if (!session.me.damaged) return null;
    return (
      <div className="banner banner-error" role="alert">
        <span>{t('error.boardDamaged')}</span>
      </div>
    );
  }
  let message: string;
  if (notice.kind === 'permissionDenied' && notice.code !== null) {
    message = t(REFUSAL_MESSAGES[notice.code]);
  } else if (notice.kind === 'permissionDenied') {
    // Another server's reason: the document tells which refusal it was.
    message = t(notice.doc === 'settings' ? 'error.permissionDeniedSettings' : 'error.permissionDeniedBoard');
  } else if (notice.code === CLOSE.unauthorized) {
    // The server's close reasons start with a fixed phrase (docs/api.md).
    if (notice.reason.startsWith('link replaced')) message = t('error.linkReplaced');
    else if (notice.reason.startsWith('removed')) message = t('error.personRemoved');
    else message = t('error.linkInvalid');
  } else if (notice.code === CLOSE.notFound) {
    message = t('error.boardNotFound');
  } else if (notice.code === CLOSE.tooNew) {
    // Another version of the app (a tab or installed app opened before an update): reloading brings this one.
    message = notice.reason.startsWith('app-version') ? t('board.appUpdated') : t('board.tooNew');
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
