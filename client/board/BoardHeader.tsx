import { useState } from 'react';
import { BoardActionMenu } from '../actions/BoardActionMenu';
import { ActivityButton } from '../activity/ActivityButton';
import { PrintStamp } from '../export/PrintStamp';
import { useI18n } from '../i18n/I18nProvider';
import { ROLE_KEYS } from '../i18n/roleKeys';
import { saveDisplayName } from '../lib/displayName';
import { TrashButton } from '../notes/TrashButton';
import { NameDialog } from '../people/NameDialog';
import { PresenceList } from '../people/PresenceList';
import { useBoard, useSettings } from '../session/hooks';
import { IconButton } from '../ui/IconButton';
import { CameraIcon, PersonIcon, SlidersIcon } from '../ui/icons/headerIcons';
import { LanguageSwitch } from '../ui/LanguageSwitch';
import { MessageLogButton } from '../ui/MessageLog';
import { LazyDialog } from '../ui/onDemand';
import { SnapshotsDialog } from '../views/lazyViews';
import { ToYouButton } from '../visit/ToYouButton';
import { VisitSummaryButton } from '../visit/VisitSummaryButton';
import { ConnectionBadge } from './ConnectionBadge';
import { ExportButton } from './ExportButton';
import { HistoryControls } from './HistoryControls';
import './header.css';

/**
 * The board's header, one row at 1366×768: where am I (title, connection, who is here, what changed since my
 * last visit), then undo/redo, 書き出し・印刷, this person's own tools as named icons, and the facilitator's
 * tools in one ファシリテーター menu (board.* actions of the registry, also in the palette).
 */
export function BoardHeader({ onRename }: { onRename: (name: string) => void }) {
  const { t } = useI18n();
  const { role, canEditBoard, identity, readThrough } = useBoard();
  const settings = useSettings();
  const [open, setOpen] = useState<'rename' | 'snapshots' | null>(null);
  const title = settings.title || t('app.name');
  return (
    <>
      <header className="board-header">
        <a href="/" className="home-link">
          {t('board.home')}
        </a>
        <h1 title={title}>{title}</h1>
        {role !== 'facilitator' && <span className={`role-badge role-${role}`}>{t(ROLE_KEYS[role])}</span>}
        <PrintStamp />
        <ConnectionBadge />
        <PresenceList />
        <VisitSummaryButton />
        <ToYouButton />
        <div className="board-header-tools">
          {canEditBoard && <HistoryControls />}
          <ExportButton />
          <span className="header-icons">
            <ActivityButton />
            <MessageLogButton />
            {canEditBoard && <TrashButton />}
            <IconButton
              icon={<CameraIcon />}
              tooltip={t('snapshot.open')}
              label={t('snapshot.open')}
              onClick={() => setOpen('snapshots')}
            />
            <IconButton
              icon={<PersonIcon />}
              tooltip={t('name.change')}
              label={t('name.change')}
              onClick={() => setOpen('rename')}
            />
          </span>
          <LanguageSwitch />
          {role === 'facilitator' && (
            <BoardActionMenu menu="facilitator" label={t('role.facilitator')} icon={<SlidersIcon />} />
          )}
        </div>
        {open === 'rename' && (
          <NameDialog
            initial={identity.name}
            onCancel={() => setOpen(null)}
            onSubmit={(name) => {
              saveDisplayName(name);
              onRename(name);
              setOpen(null);
            }}
          />
        )}
        {open === 'snapshots' && (
          <LazyDialog>
            <SnapshotsDialog onClose={() => setOpen(null)} />
          </LazyDialog>
        )}
      </header>
      {role === 'viewer' && (
        <p className="banner viewer-notice">
          {readThrough ? t('role.readThroughNotice', { board: readThrough.title }) : t('role.viewerNotice')}
        </p>
      )}
    </>
  );
}
