import { useI18n } from '../i18n/I18nProvider';
import { ROLE_KEYS } from '../i18n/roleKeys';
import type { CreatedBoard } from '../lib/api';
import { boardPath } from '../lib/recentBoards';
import { CopyField } from '../ui/CopyField';
import '../i18n/documentMessages';

/** The new board a snapshot was restored into: its three links to share, and a way to open it. */
export function RestoredBoard({ board }: { board: CreatedBoard }) {
  const { t } = useI18n();
  return (
    <div className="snapshot-restored">
      {(['facilitator', 'participant', 'viewer'] as const).map((role) => (
        <CopyField key={role} label={t('snapshot.linkFor', { role: t(ROLE_KEYS[role]) })} value={board.links[role]} />
      ))}
      <a className="button primary" href={boardPath(board.id, board.tokens.facilitator)} target="_blank" rel="noopener">
        {t('snapshot.openRestored')}
      </a>
    </div>
  );
}
