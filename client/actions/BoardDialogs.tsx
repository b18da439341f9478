import { ContributionDialog, DigestDialog } from '../activity/lazyDialogs';
import { MeetingPlanDialog, MoveOnDialog } from '../facilitation/lazyDialogs';
import { AuditDialog, PeopleDialog } from '../people/lazyDialogs';
import { SettingsDialog } from '../settings/lazyDialogs';
import { SuggestionsPanel } from '../suggestions/lazyPanel';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { setBoardLock } from './boardActions';
import type { ActionEnv, BoardDialogKind } from './types';

/**
 * The facilitator's dialogs and the meeting plan, opened by the board actions (the ファシリテーター menu, the
 * palette). Each one closes back to where the focus was when it opened: the menu's button, or what the palette
 * was opened from.
 */
export function BoardDialogs({ which, env, onClose }: { which: BoardDialogKind; env: ActionEnv; onClose: () => void }) {
  const { board, t } = env;
  const facilitator = board.role === 'facilitator';
  if (which === 'settings' && board.canManageBoard) return <SettingsDialog onClose={onClose} />;
  if (which === 'people' && facilitator) return <PeopleDialog onClose={onClose} />;
  if (which === 'audit' && facilitator) return <AuditDialog onClose={onClose} />;
  if (which === 'contributions' && facilitator) return <ContributionDialog onClose={onClose} />;
  if (which === 'digest' && facilitator) return <DigestDialog onClose={onClose} />;
  if (which === 'meetingPlan') return <MeetingPlanDialog onClose={onClose} />;
  if (which === 'suggestions' && board.role !== 'viewer') return <SuggestionsPanel onClose={onClose} />;
  if ((which === 'nextMeeting' || which === 'finishMeeting') && facilitator && board.canEditSettings) {
    return <MoveOnDialog finish={which === 'finishMeeting'} env={env} onClose={onClose} />;
  }
  if (which === 'lock' && facilitator) {
    return (
      <ConfirmDialog
        message={t('lock.confirm')}
        confirmLabel={t('lock.lock')}
        onConfirm={() => {
          onClose();
          void setBoardLock(env, true);
        }}
        onCancel={onClose}
      />
    );
  }
  return null;
}
