import { useState } from 'react';
import { useI18n } from '../i18n/I18nProvider';
import { LanguageSwitch } from '../i18n/LanguageSwitch';
import { saveDisplayName } from '../lib/identity';
import { ConnectionBadge } from './ConnectionBadge';
import { useBoard, useSettings } from './hooks';
import { NameDialog } from './NameDialog';
import { PresenceList } from './PresenceList';
import { SettingsDialog } from './SettingsDialog';
import { TrashButton } from './TrashDialog';

const ROLE_KEYS = { facilitator: 'role.facilitator', participant: 'role.participant', viewer: 'role.viewer' } as const;

export function BoardHeader({ onRename }: { onRename: (name: string) => void }) {
  const { t } = useI18n();
  const { role, canEditBoard, canManageBoard, identity } = useBoard();
  const settings = useSettings();
  const [renaming, setRenaming] = useState(false);
  const [settingsOpen, setSettingsOpen] = useState(false);
  return (
    <header className="board-header">
      <div className="board-header-title">
        <a href="/" className="home-link">
          {t('board.home')}
        </a>
        <h1>{settings.title || t('app.name')}</h1>
        <span className={`role-badge role-${role}`}>{t(ROLE_KEYS[role])}</span>
      </div>
      <div className="board-header-tools">
        <ConnectionBadge />
        <PresenceList />
        <button type="button" onClick={() => setRenaming(true)}>
          {t('name.change')}
        </button>
        {canEditBoard && <TrashButton />}
        {canManageBoard && (
          <button type="button" onClick={() => setSettingsOpen(true)}>
            {t('settings.open')}
          </button>
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
      {settingsOpen && canManageBoard && <SettingsDialog onClose={() => setSettingsOpen(false)} />}
    </header>
  );
}
