import { nanoid } from 'nanoid';
import { type FormEvent, useId, useState } from 'react';
import { addToCluster, groupNotes } from '../../shared/ops/clusters';
import { LANE_KINDS } from '../../shared/records/lane';
import { useI18n } from '../i18n/I18nProvider';
import { shorten } from '../lib/shorten';
import { clusterMemberIds, pillarClusterIds } from '../session/clusterIndex';
import { useBoard, useLaneLabelText, useNote, useSettings } from '../session/hooks';
import { laneIds } from '../session/laneIndex';
import { useBoardUi } from '../ui/boardUi';
import { useModalDialog } from '../ui/useModalDialog';
import { clusterLabel } from './clusterHooks';

interface Candidate {
  /** `cluster:<id>` or `note:<id>` */
  value: string;
  label: string;
}

/**
 * 「グループにする…」: the keyboard and screen-reader path for grouping, beside dragging a note onto another.
 * Lists the clusters and the loose notes of the note's pillar; choosing a note makes a new cluster of the two
 * (or joins the one that note is in), choosing a cluster joins it.
 */
export function GroupDialog({ noteId, pillarId, onClose }: { noteId: string; pillarId: string; onClose: () => void }) {
  const { t } = useI18n();
  const { session, identity } = useBoard();
  const ui = useBoardUi();
  const note = useNote(noteId);
  const settings = useSettings();
  const laneLabel = useLaneLabelText();
  const dialog = useModalDialog();
  const titleId = useId();
  const helpId = useId();
  // The lists as they are when the dialog opens; a target that went meanwhile is refused with a message.
  const [candidates] = useState<Candidate[]>(() => {
    const clusters = session.clusterIndex.get();
    const out: Candidate[] = pillarClusterIds(clusters, pillarId)
      .filter((id) => !clusterMemberIds(clusters, id).includes(noteId))
      .map((id) => ({
        value: `cluster:${id}`,
        label: t('cluster.groupOptionCluster', {
          title: shorten(clusterLabel(session, id)),
          count: clusterMemberIds(clusters, id).length,
        }),
      }));
    for (const lane of LANE_KINDS) {
      for (const id of laneIds(session.laneIndex.get(), pillarId, lane)) {
        if (id === noteId) continue;
        const text = session.noteSnapshots.get(id)?.text ?? '';
        out.push({
          value: `note:${id}`,
          label: t('cluster.groupOptionNote', {
            lane: laneLabel(lane, settings.laneLabels[lane]),
            text: shorten(text, 60),
          }),
        });
      }
    }
    return out;
  });
  const [choice, setChoice] = useState(candidates[0]?.value ?? '');
  const [error, setError] = useState<string | null>(null);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!note || choice === '') return onClose();
    const [kind, targetId = ''] = choice.split(':');
    const result =
      kind === 'cluster'
        ? addToCluster(session.boardDoc, noteId, targetId)
        : groupNotes(session.boardDoc, {
            noteId,
            targetNoteId: targetId,
            newClusterId: nanoid(),
            createdBy: identity.id,
          });
    if (!result.ok) {
      setError(t(`error.${result.error}`));
      return;
    }
    const text = shorten(note.text);
    ui.announce(
      kind === 'cluster'
        ? t('cluster.joined', { text, title: shorten(clusterLabel(session, result.value)) })
        : t('cluster.grouped', { text, target: shorten(session.noteSnapshots.get(targetId)?.text ?? '') }),
    );
    onClose();
    // The note is now in a cluster card: return the focus to it there.
    requestAnimationFrame(() => {
      document.querySelector<HTMLElement>(`[data-note-id="${CSS.escape(noteId)}"]`)?.focus();
    });
  }

  return (
    <dialog
      ref={dialog}
      className="dialog group-dialog"
      aria-labelledby={titleId}
      aria-describedby={helpId}
      onCancel={onClose}
    >
      <form onSubmit={submit}>
        <h2 id={titleId}>{t('cluster.groupDialogTitle')}</h2>
        <p id={helpId} className="muted">
          {t('cluster.groupDialogHelp', { text: shorten(note?.text ?? '', 60) })}
        </p>
        {candidates.length === 0 ? (
          <p>{t('cluster.groupNone')}</p>
        ) : (
          <fieldset className="group-targets">
            <legend>{t('cluster.groupTargets')}</legend>
            {candidates.map((candidate) => (
              <label key={candidate.value} className="group-target">
                <input
                  type="radio"
                  name="group-target"
                  value={candidate.value}
                  checked={choice === candidate.value}
                  onChange={() => setChoice(candidate.value)}
                />
                <span>{candidate.label}</span>
              </label>
            ))}
          </fieldset>
        )}
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            {t('cluster.cancel')}
          </button>
          <button type="submit" className="primary" disabled={candidates.length === 0}>
            {t('cluster.groupSubmit')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
