import { useState } from 'react';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { type FacilitationEnv, finishMeeting, meetingPosition, moveToMeeting } from './facilitationCommands';

/**
 * Asks before moving on to the next meeting (or ending the last one): every participant's screen changes
 * meeting at once. The meeting is the one named when the question was asked; if a colleague moved on
 * meanwhile, confirming says so and changes nothing. It closes back to where the question came from (the
 * ファシリテーター menu's button, or what the palette was opened from).
 */
export function MoveOnDialog({ finish, env, onClose }: { finish: boolean; env: FacilitationEnv; onClose: () => void }) {
  const { t } = env;
  const [asked] = useState(() => meetingPosition(env));
  const target = finish ? asked.current : asked.next;
  if (!target) return null;
  return (
    <ConfirmDialog
      message={t(finish ? 'meeting.finishConfirm' : 'meeting.nextConfirm', { title: target.title })}
      confirmLabel={t(finish ? 'meeting.finish' : 'meeting.next', { title: target.title })}
      onConfirm={() => {
        onClose();
        if (finish) finishMeeting(env, target.id);
        else moveToMeeting(env, target.id);
      }}
      onCancel={onClose}
    />
  );
}
