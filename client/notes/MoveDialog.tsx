import { type FormEvent, useId, useState } from 'react';
import { moveNote } from '../../shared/ops/notes';
import { LANE_KINDS, type LaneKind } from '../../shared/records/lane';
import { useI18n } from '../i18n/I18nProvider';
import { shorten } from '../lib/shorten';
import { useBoard, useLaneLabelText, useNote, useSettings } from '../session/hooks';
import { laneIds } from '../session/laneIndex';
import { useBoardUi } from '../ui/boardUi';
import { useModalDialog } from '../ui/useModalDialog';
import { PositionSelect } from './PositionSelect';

/**
 * "Move to…": pillar, lane and position chosen from lists. The keyboard and screen-reader path for moving
 * a note anywhere in one step (the drag sensor moves between neighbours only).
 */
export function MoveDialog({ noteId, onClose }: { noteId: string; onClose: () => void }) {
  const { t } = useI18n();
  const { session } = useBoard();
  const ui = useBoardUi();
  const note = useNote(noteId);
  const settings = useSettings();
  const laneLabel = useLaneLabelText();
  const dialog = useModalDialog();
  const titleId = useId();
  const [pillarId, setPillarId] = useState(note?.place?.pillarId ?? settings.pillars[0]?.id ?? '');
  const [lane, setLane] = useState<LaneKind>(note?.place?.lane ?? 'problem');
  /** Where the note is in that lane now, or the end of the lane if it is elsewhere. */
  const defaultPosition = (inPillar: string, inLane: LaneKind) => {
    const ids = laneIds(session.laneIndex.get(), inPillar, inLane);
    const index = ids.indexOf(noteId);
    return index >= 0 ? index : ids.length;
  };
  const others = laneIds(session.laneIndex.get(), pillarId, lane).filter((id) => id !== noteId);
  const [position, setPosition] = useState(() => defaultPosition(pillarId, lane));

  function submit(event: FormEvent) {
    event.preventDefault();
    // A colleague deleted the note while this dialog was open: said so, and nothing changes (the note stays in
    // the trash, where it was put, rather than being given a place there).
    if (!note || note.deletedAt !== null) {
      ui.notify({ message: t('action.targetGone'), tone: 'error' });
      return onClose();
    }
    const result = moveNote(session.boardDoc, noteId, { pillarId, lane, index: position });
    if (!result.ok) ui.notify({ message: t(`error.${result.error}`), tone: 'error' });
    else {
      const pillar = settings.pillars.find((p) => p.id === pillarId)?.title ?? '';
      ui.notify({
        message: t('move.done', {
          text: shorten(note.text),
          pillar,
          lane: laneLabel(lane, settings.laneLabels[lane]),
          position: position + 1,
        }),
      });
    }
    onClose();
    // The note may now live in another lane: return focus to it there.
    requestAnimationFrame(() => {
      document.querySelector<HTMLElement>(`[data-note-id="${CSS.escape(noteId)}"]`)?.focus();
    });
  }

  return (
    <dialog ref={dialog} className="dialog" aria-labelledby={titleId} onCancel={onClose}>
      <form onSubmit={submit}>
        <h2 id={titleId}>{t('move.dialogTitle')}</h2>
        {note && <p className="muted">{shorten(note.text, 80)}</p>}
        <label className="field">
          <span>{t('move.pillar')}</span>
          <select
            value={pillarId}
            onChange={(e) => {
              setPillarId(e.target.value);
              setPosition(defaultPosition(e.target.value, lane));
            }}
          >
            {settings.pillars.map((p) => (
              <option key={p.id} value={p.id}>
                {p.title}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('move.lane')}</span>
          <select
            value={lane}
            onChange={(e) => {
              const next = e.target.value as LaneKind;
              setLane(next);
              setPosition(defaultPosition(pillarId, next));
            }}
          >
            {LANE_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {laneLabel(kind, settings.laneLabels[kind])}
              </option>
            ))}
          </select>
        </label>
        <PositionSelect others={others.length} value={position} onChange={setPosition} />
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            {t('move.cancel')}
          </button>
          <button type="submit" className="primary">
            {t('move.submit')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
