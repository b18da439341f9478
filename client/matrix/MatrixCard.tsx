import { useDraggable } from '@dnd-kit/core';
import type React from 'react';
import { type KeyboardEvent, useEffect, useRef } from 'react';
import { type BoardItem, itemLabel } from '../../shared/items';
import { MATRIX_FINE_STEP, MATRIX_STEP, nudge } from '../../shared/ops/matrix';
import type { MatrixPosition } from '../../shared/records/matrix';
import { useI18n } from '../i18n/I18nProvider';
import { useBoard } from '../session/hooks';
import { IconButton } from '../ui/IconButton';
import { ReturnToTrayIcon } from '../ui/icons/matrixIcons';
import { itemBackground, shortItemLabel } from './itemDisplay';
import { CardExtras, CardText, cardClass, voteScale, withScore, withVotes } from './MatrixCardParts';
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
  const { canEditSettings } = useBoard();
  const matrix = useMatrixUi();
  const canEditBoard = matrix.movable;
  const handle = useRef<HTMLElement | null>(null);
  const { drag, listeners } = usePointerDrag(item, !canEditBoard);
  // The side list focuses the card: the handle for an editor, the card's text for a viewer.
  useFocusWhenRequested(item.id, 'grid', handle);
  const score = matrix.scores.get(item.id);
  const name = withScore(withVotes(matrix.describe(item, position), item, matrix, t), item, matrix, t);
  const text = shortItemLabel(item);

  function onKeyDown(event: KeyboardEvent<HTMLButtonElement>) {
    const arrow = ARROWS[event.key];
    if (arrow) {
      event.preventDefault();
      const step = event.shiftKey ? MATRIX_FINE_STEP : MATRIX_STEP;
      const next = nudge(position, arrow[0] * step, arrow[1] * step);
      if (next.x !== position.x || next.y !== position.y) matrix.place(item, next);
    } else if (event.key === 'Escape' && !(score && !score.pinned)) {
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
          aria-describedby={KEYBOARD_HELP_ID}
          onKeyDown={onKeyDown}
          {...listeners}
        >
          <CardText item={item} text={text} />
        </button>
      ) : (
        <span
          className="matrix-card-handle"
          tabIndex={-1}
          ref={(element) => {
            handle.current = element;
          }}
        >
          <CardText item={item} text={text} />
        </span>
      )}
      {/* The whole title, shown over the neighbours while the card is hovered or focused (the card's own text is
          cut to keep cards small and apart). Screen readers have it from the side list and the card's name. */}
      <span className="matrix-card-full" aria-hidden="true">
        {itemLabel(item)}
      </span>
      <CardExtras item={item}>
        {score?.pinned && canEditSettings && (
          <button
            type="button"
            className="matrix-card-button matrix-unpin"
            onClick={() => {
              matrix.unpin(item);
              // The button goes with the pin: the card's handle keeps the focus, not the page.
              handle.current?.focus();
            }}
          >
            <span aria-hidden="true">{t('matrix.unpin')}</span>
            <span className="visually-hidden">{t('matrix.unpinItem', { label: text })}</span>
          </button>
        )}
        {/* A scored card at its median has no place by hand to leave: 中央値に戻す is its way back. */}
        {canEditBoard && !(score && !score.pinned) && (
          <IconButton
            className="matrix-card-button"
            icon={<ReturnToTrayIcon />}
            tooltip={t('matrix.return')}
            label={t('matrix.returnItem', { label: text })}
            onClick={() => {
              matrix.focusRequest.set({ itemId: item.id, where: 'tray' });
              matrix.returnToTray(item);
            }}
          />
        )}
      </CardExtras>
    </li>
  );
}

/** One item in the unplaced tray: dragged onto the grid, or placed on a free spot with its button. */
export function TrayCard({ item }: { item: BoardItem }) {
  const { t } = useI18n();
  const matrix = useMatrixUi();
  const canEditBoard = matrix.movable;
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
              matrix.place(item, matrix.freeSpot());
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
