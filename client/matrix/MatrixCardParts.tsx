import type React from 'react';
import type { BoardItem } from '../../shared/items';
import { formatScore } from '../../shared/scoring';
import { useI18n } from '../i18n/I18nProvider';
import { CreateInitiativeButton } from '../initiatives/CreateInitiativeButton';
import { useBoard, useBoardPeriod } from '../session/hooks';
import { shortItemLabel } from './itemDisplay';
import { useMatrixUi } from './matrixContext';

/* The parts every matrix card shows, on the grid, in the tray and under the pointer while dragged. */

export function CardText({ item, text }: { item: BoardItem; text: string }) {
  const { t } = useI18n();
  return (
    <>
      {item.kind === 'cluster' && (
        <span className="matrix-card-kind">{t('matrix.cluster', { count: item.notes.length })}</span>
      )}
      <span className="matrix-card-text">{text}</span>
    </>
  );
}

/** The vote badge and the shortlist toggle, then the card's own buttons. */
export function CardExtras({ item, children }: { item: BoardItem; children: React.ReactNode }) {
  const { t } = useI18n();
  const { canEditBoard } = useBoard();
  const matrix = useMatrixUi();
  const shortlist = useBoardPeriod().shortlistName;
  const marked = matrix.marks.has(item.id);
  const score = matrix.scores.get(item.id);
  const toggleName = t('matrix.shortlistToggle', { period: shortlist, label: shortItemLabel(item) });
  return (
    <span className="matrix-card-extras">
      {score && (
        <span className="matrix-score-count" aria-hidden="true">
          {score.pinned ? `${t('matrix.pinned')} · ` : ''}
          {t('matrix.scoredBy', { count: score.summary.count })}
        </span>
      )}
      {matrix.voteMode === 'badge' && (
        <span className="matrix-votes" aria-hidden="true">
          {t('matrix.votes', { count: matrix.votes.get(item.id) ?? 0 })}
        </span>
      )}
      {canEditBoard ? (
        <button
          type="button"
          className={`matrix-card-button matrix-star ${marked ? 'matrix-star-on' : ''}`}
          aria-pressed={marked}
          aria-label={toggleName}
          title={toggleName}
          onClick={() => matrix.toggleMark(item)}
        >
          <span aria-hidden="true">{marked ? '★' : '☆'}</span>
        </button>
      ) : (
        marked && (
          <span className="matrix-star matrix-star-on" role="img" aria-label={toggleName}>
            ★
          </span>
        )
      )}
      {children}
      <CreateInitiativeButton item={item} roundNumber={matrix.round} compact />
    </span>
  );
}

export function cardClass(item: BoardItem, dragging: boolean): string {
  return `matrix-card ${item.kind === 'cluster' ? 'matrix-card-cluster' : ''} ${dragging ? 'matrix-card-dragging' : ''}`;
}

/** Sized by dots: up to 1.6 times the base size for the item with the most. */
export function voteScale(item: BoardItem, matrix: ReturnType<typeof useMatrixUi>): React.CSSProperties {
  if (matrix.voteMode !== 'size') return {};
  const scale = 1 + (0.6 * (matrix.votes.get(item.id) ?? 0)) / matrix.maxVotes;
  return { fontSize: `${scale * 0.85}rem` };
}

/** When votes are shown, screen readers hear them in the card's name too (the size or badge is visual). */
export function withVotes(
  name: string,
  item: BoardItem,
  matrix: ReturnType<typeof useMatrixUi>,
  t: ReturnType<typeof useI18n>['t'],
): string {
  if (matrix.voteMode === 'off') return name;
  return `${name} ${t('matrix.votes', { count: matrix.votes.get(item.id) ?? 0 })}`;
}

/** With the medians shown, a scored card's name says its true medians, count and spread (it may be drawn aside). */
export function withScore(
  name: string,
  item: BoardItem,
  matrix: ReturnType<typeof useMatrixUi>,
  t: ReturnType<typeof useI18n>['t'],
): string {
  const score = matrix.scores.get(item.id);
  if (!score) return name;
  const { summary } = score;
  const scored = t('matrix.scoreName', {
    label: name,
    effectAxis: matrix.label('impactAxis'),
    effect: formatScore(summary.effect.median),
    easeAxis: matrix.label('feasibilityAxis'),
    ease: formatScore(summary.ease.median),
    count: summary.count,
    spread: formatScore(summary.disagreement),
  });
  return score.pinned ? `${scored} ${t('matrix.pinned')}` : scored;
}
