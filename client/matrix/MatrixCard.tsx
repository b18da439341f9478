import { useDraggable } from '@dnd-kit/core';
import type React from 'react';
import { type KeyboardEvent, useEffect, useRef } from 'react';
import { type BoardItem, itemLabel } from '../../shared/items';
import { MATRIX_CENTRE, MATRIX_FINE_STEP, MATRIX_STEP, nudge } from '../../shared/ops/matrix';
import type { MatrixPosition } from '../../shared/records/matrix';
import { useBoard } from '../board/hooks';
import { useI18n } from '../i18n/I18nProvider';
import { CreateInitiativeButton } from '../initiatives/CreateInitiativeButton';
import { itemBackground, shortItemLabel } from './itemDisplay';
import { type FocusRequest, useMatrixUi } from './matrixContext';

export const KEYBOARD_HELP_ID = 'matrix-keyboard-help';

/** Arrow key → the move it makes: right is easier (x), up is more impact (y). */
const ARROWS: Record<string, [number, number]> = {
  ArrowRight: [1, 0],
  ArrowLeft: [-1, 0],
  ArrowUp: [0, 1],
  ArrowDown: [0, -1],
};

/**
 * Takes the focus when the view asks for this item where this card is (it just moved between the tray and the
 * grid: the card there is a new element, the one that had the focus is gone).
 */
function useFocusWhenRequested(
  itemId: string,
  where: FocusRequest['where'],
  target: React.RefObject<HTMLElement | null>,
) {
  const { focusRequest } = useMatrixUi();
  useEffect(() => {
    const take = () => {
      const request = focusRequest.get();
      if (request?.itemId !== itemId || request.where !== where || !target.current) return;
      target.current.focus();
      focusRequest.set(null);
    };
    take();
    return focusRequest.subscribe(take);
  }, [focusRequest, itemId, where, target]);
}

/** Mouse and touch drag only: the keyboard has its own moves (arrow keys), never dnd-kit's. */
function usePointerDrag(item: BoardItem, disabled: boolean) {
  const drag = useDraggable({ id: item.id, disabled });
  const listeners = {
    onMouseDown: drag.listeners?.onMouseDown as React.MouseEventHandler | undefined,
    onTouchStart: drag.listeners?.onTouchStart as React.TouchEventHandler | undefined,
  };
  return { drag, listeners };
}

/** One item on the grid, at its place; its handle moves it with the arrow keys and Escape sends it back. */
export function GridCard({ item, position }: { item: BoardItem; position: MatrixPosition }) {
  const { t } = useI18n();
  const { canEditBoard } = useBoard();
  const matrix = useMatrixUi();
  const handle = useRef<HTMLButtonElement>(null);
  const { drag, listeners } = usePointerDrag(item, !canEditBoard);
  useFocusWhenRequested(item.id, 'grid', handle);
  const name = withVotes(matrix.describe(item, position), item, matrix, t);
  const text = shortItemLabel(item);

  function onKeyDown(event: KeyboardEvent<HTMLButtonElement>) {
    const arrow = ARROWS[event.key];
    if (arrow) {
      event.preventDefault();
      const step = event.shiftKey ? MATRIX_FINE_STEP : MATRIX_STEP;
      const next = nudge(position, arrow[0] * step, arrow[1] * step);
      if (next.x !== position.x || next.y !== position.y) matrix.place(item, next);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      matrix.focusRequest.set({ itemId: item.id, where: 'tray' });
      matrix.returnToTray(item);
    }
  }

  return (
    <li
      ref={drag.setNodeRef}
      className={cardClass(item, drag.isDragging)}
      style={{
        left: `${position.x * 100}%`,
        top: `${(1 - position.y) * 100}%`,
        background: itemBackground(item),
        ...voteScale(item, matrix),
      }}
      aria-label={name}
      data-item-id={item.id}
    >
      {canEditBoard ? (
        <button
          type="button"
          ref={(element) => {
            handle.current = element;
            drag.setActivatorNodeRef(element);
          }}
          className="matrix-card-handle"
          aria-label={name}
          title={itemLabel(item)}
          aria-describedby={KEYBOARD_HELP_ID}
          onKeyDown={onKeyDown}
          {...listeners}
        >
          <CardText item={item} text={text} />
        </button>
      ) : (
        <span className="matrix-card-handle" title={itemLabel(item)}>
          <CardText item={item} text={text} />
        </span>
      )}
      <CardExtras item={item}>
        {canEditBoard && (
          <button
            type="button"
            className="matrix-card-button"
            aria-label={t('matrix.returnItem', { label: text })}
            title={t('matrix.returnItem', { label: text })}
            onClick={() => {
              matrix.focusRequest.set({ itemId: item.id, where: 'tray' });
              matrix.returnToTray(item);
            }}
          >
            <span aria-hidden="true">↩</span>
          </button>
        )}
      </CardExtras>
    </li>
  );
}

/** One item in the unplaced tray: dragged onto the grid, or placed at the centre with its button. */
export function TrayCard({ item }: { item: BoardItem }) {
  const { t } = useI18n();
  const { canEditBoard } = useBoard();
  const matrix = useMatrixUi();
  const placeButton = useRef<HTMLButtonElement>(null);
  const { drag, listeners } = usePointerDrag(item, !canEditBoard);
  useFocusWhenRequested(item.id, 'tray', placeButton);
  const text = shortItemLabel(item);
  return (
    <li
      ref={drag.setNodeRef}
      className={`${cardClass(item, drag.isDragging)} matrix-card-in-tray`}
      style={{ background: itemBackground(item) }}
      aria-label={withVotes(text, item, matrix, t)}
      data-item-id={item.id}
    >
      <span className="matrix-card-handle" {...(canEditBoard ? listeners : {})}>
        <CardText item={item} text={text} />
      </span>
      <CardExtras item={item}>
        {canEditBoard && (
          <button
            type="button"
            ref={placeButton}
            className="matrix-card-place"
            aria-label={t('matrix.placeItem', { label: text })}
            onClick={() => {
              matrix.focusRequest.set({ itemId: item.id, where: 'grid' });
              matrix.place(item, MATRIX_CENTRE);
            }}
          >
            {t('matrix.place')}
          </button>
        )}
      </CardExtras>
    </li>
  );
}

/** What a drag shows under the pointer (the card itself stays where it was until the drop). */
export function CardPreview({ item }: { item: BoardItem }) {
  return (
    <div className={`${cardClass(item, false)} matrix-card-preview`} style={{ background: itemBackground(item) }}>
      <span className="matrix-card-handle">
        <CardText item={item} text={shortItemLabel(item)} />
      </span>
    </div>
  );
}

function CardText({ item, text }: { item: BoardItem; text: string }) {
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
function CardExtras({ item, children }: { item: BoardItem; children: React.ReactNode }) {
  const { t } = useI18n();
  const { canEditBoard } = useBoard();
  const matrix = useMatrixUi();
  const marked = matrix.marks.has(item.id);
  const toggleName = t('matrix.shortlistToggle', { period: matrix.label('targetPeriod'), label: shortItemLabel(item) });
  return (
    <span className="matrix-card-extras">
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

function cardClass(item: BoardItem, dragging: boolean): string {
  return `matrix-card ${item.kind === 'cluster' ? 'matrix-card-cluster' : ''} ${dragging ? 'matrix-card-dragging' : ''}`;
}

/** Sized by dots: up to 1.6 times the base size for the item with the most. */
function voteScale(item: BoardItem, matrix: ReturnType<typeof useMatrixUi>): React.CSSProperties {
  if (matrix.voteMode !== 'size') return {};
  const scale = 1 + (0.6 * (matrix.votes.get(item.id) ?? 0)) / matrix.maxVotes;
  return { fontSize: `${scale * 0.85}rem` };
}

/** When votes are shown, screen readers hear them in the card's name too (the size or badge is visual). */
function withVotes(
  name: string,
  item: BoardItem,
  matrix: ReturnType<typeof useMatrixUi>,
  t: ReturnType<typeof useI18n>['t'],
): string {
  if (matrix.voteMode === 'off') return name;
  return `${name} ${t('matrix.votes', { count: matrix.votes.get(item.id) ?? 0 })}`;
}
