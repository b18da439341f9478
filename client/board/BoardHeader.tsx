import { useState } from 'react';

import { ActivityButton } from '../activity/ActivityDialog';
import { ExportButton } from '../export/ExportButton';
import { PrintStamp } from '../export/PrintStamp';

import { useI18n } from '../i18n/I18nProvider';
import { LanguageSwitch } from '../i18n/LanguageSwitch';
import { ROLE_KEYS } from '../i18n/roleKeys';
import { saveDisplayName } from '../lib/identity';
import { AuditDialog, PeopleDialog, SettingsDialog } from '../views/lazyDialogs';
import { LazyDialog, SnapshotsDialog } from '../views/lazyViews';
import { VisitSummaryButton } from '../visit/VisitSummary';
import { ConnectionBadge } from './ConnectionBadge';
import { HistoryControls } from './HistoryControls';
import { useBoard, useSettings } from './hooks';
import { LockControl } from './LockControl';
import { MessageLogButton } from './MessageLog';
import { NameDialog } from './NameDialog';
import { PresenceList } from './PresenceList';
import { TrashButton } from './TrashDialog';
import { useBoardUi } from './ui';

export function BoardHeader({ onRename }: { onRename: (name: string) => void }) {
  const { t } = useI18n();
  const { role, canEditBoard, canManageBoard, identity } = useBoard();
  const settings = useSettings();
  const [renaming, setRenaming] = useState(false);
  const [open, setOpen] = useState<'settings' | 'people' | 'audit' | 'snapshots' | null>(null);
  const { notify } = useBoardUi();
  const isFacilitator = role === 'facilitator';
  return (
    <header className="board-header">
      <div className="board-header-title">
        <a href="/" className="home-link">
          {t('board.home')}
        </a>
        <h1>{settings.title || t('app.name')}</h1>
        <span className={`role-badge role-${role}`}>{t(ROLE_KEYS[role])}</span>
        <PrintStamp />
      </div>
      <div className="board-header-tools">
        <ConnectionBadge />
        <PresenceList />
        <VisitSummaryButton />
        <ActivityButton />
        <button type="button" onClick={() => setRenaming(true)}>
          {t('name.change')}
        </button>
        <MessageLogButton />
        {canEditBoard && <HistoryControls />}
        {canEditBoard && <TrashButton />}
        <ExportButton />
        <button type="button" onClick={() => setOpen('snapshots')}>
          {t('snapshot.open')}
        </button>
        {canManageBoard && (
          <button type="button" onClick={() => setOpen('settings')}>
            {t('settings.open')}
          </button>
        )}
        {isFacilitator && (
          <>
            <button type="button" onClick={() => setOpen('people')}>
              {t('people.open')}
            </button>
            <button type="button" onClick={() => setOpen('audit')}>
              {t('audit.open')}
            </button>
            <LockControl onDone={(message) => notify({ message })} />
          </>
        )}
        <LanguageSwitch />
      </div>
      {role === 'viewer' && <p className="viewer-notice">{t('role.viewerNotice')}</p>}
      {renaming && (
        <NameDialog
          initial={identity.name}
          onCancel={() => setRenaming(false)}
          onSubmit={(name) => {
            saveDisplayName(name);
            onRename(name);
            setRenaming(false);
          }}
        />
      )}
      {open === 'settings' && canManageBoard && <SettingsDialog onClose={() => setOpen(null)} />}
      {open === 'people' && isFacilitator && <PeopleDialog onClose={() => setOpen(null)} />}
      {open === 'audit' && isFacilitator && <AuditDialog onClose={() => setOpen(null)} />}
      {open === 'snapshots' && (
        <LazyDialog>
          <SnapshotsDialog onClose={() => setOpen(null)} />
        </LazyDialog>
      )}
    </header>
  );
}
