import { useMemo } from 'react';
import type { Initiative } from '../../shared/records/initiative';
import { quadrantLabelKey } from '../../shared/records/prioritization';
import { getNote } from '../../shared/selectors';
import { useI18n } from '../i18n/I18nProvider';
import { shorten } from '../lib/shorten';
import { usePrioritizationLabels } from '../matrix/usePrioritizing';
import { useBoard } from '../session/hooks';
import { useBoardUi } from '../ui/boardUi';
import { focusTarget } from '../visit/VisitSummary';
import type { SourceFigures } from './useInitiativesData';

/** The dots and quadrant of what the initiative was made from: live, or 「作成時」 once that item is gone. */
export function SourceFiguresLine({ figures }: { figures: SourceFigures | null }) {
  const { t } = useI18n();
  const label = usePrioritizationLabels();
  if (!figures) return null;
  const quadrant = figures.quadrant ? label(quadrantLabelKey(figures.quadrant)) : null;
  const parts: string[] = [];
  if (figures.votes !== null) {
    parts.push(t(figures.live ? 'initiative.votes' : 'initiative.votesRecorded', { count: figures.votes }));
  }
  if (quadrant) parts.push(figures.live ? quadrant : t('initiative.quadrantRecorded', { quadrant }));
  if (parts.length === 0) return null;
  return <span className="initiative-figures">{parts.join(t('initiative.figuresSeparator'))}</span>;
}

/**
 * The notes it was made from, each a button that shows the board and puts the focus on that note (deleted
 * notes are listed by their text, without a button).
 */
export function SourceNotes({ initiative }: { initiative: Initiative }) {
  const { t } = useI18n();
  const { session } = useBoard();
  const ui = useBoardUi();
  const noteIds = initiative.source?.noteIds;
  const notes = useMemo(
    () => (noteIds ?? []).map((id) => ({ id, note: getNote(session.boardDoc, id) })),
    [noteIds, session],
  );
  if (notes.length === 0) return null;
  return (
    <details className="initiative-sources">
      <summary>
        {t('initiative.sourceHeading')} ({notes.length})
      </summary>
      <ul>
        {notes.map(({ id, note }) => {
          const text = shorten(note?.text ?? '', 40);
          return (
            <li key={id}>
              {note && note.deletedAt === null ? (
                <button
                  type="button"
                  className="initiative-source-link"
                  aria-label={t('initiative.showNote', { text })}
                  onClick={() => focusTarget(id, () => ui.view.set('board'))}
                >
                  {text}
                </button>
              ) : (
                <span className="muted">
                  {text} {t('initiative.sourceGone')}
                </span>
              )}
            </li>
          );
        })}
      </ul>
    </details>
  );
}
