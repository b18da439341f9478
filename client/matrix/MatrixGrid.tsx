import { useDroppable } from '@dnd-kit/core';
import type { MutableRefObject } from 'react';
import type { BoardItem } from '../../shared/items';
import { QUADRANTS, type Quadrant } from '../../shared/records/matrix';
import { quadrantLabelKey } from '../../shared/records/prioritization';
import { useI18n } from '../i18n/I18nProvider';
import { GridCard } from './MatrixCard';
import { GRID_DROP_ID } from './MatrixDnd';
import { useMatrixUi } from './matrixContext';
import { ScoreCrosses } from './ScoreCrosses';

/** Where each quadrant sits in the 2×2 grid (CSS grid areas): high impact on top, easy on the right. */
const QUADRANT_AREA: Record<Quadrant, string> = {
  plan: 'matrix-q-top-left',
  doNow: 'matrix-q-top-right',
  skip: 'matrix-q-bottom-left',
  spare: 'matrix-q-bottom-right',
};

/**
 * The 2×2 grid with its axes (y = impact, high at the top; x = feasibility, easy on the right), the quadrant
 * labels in their outer corners, and the placed items at their positions.
 */
export function MatrixGrid({
  items,
  gridRef,
}: {
  items: readonly BoardItem[];
  /** The grid's element, measured to find a free spot for a card placed from the tray. */
  gridRef: MutableRefObject<HTMLElement | null>;
}) {
  const { t } = useI18n();
  const matrix = useMatrixUi();
  const drop = useDroppable({ id: GRID_DROP_ID, disabled: !matrix.movable });
  const yAxis = matrix.label('impactAxis');
  const xAxis = matrix.label('feasibilityAxis');
  return (
    <div className="matrix-area">
      <div className="matrix-axis matrix-axis-y" aria-hidden="true">
        <span>{t('matrix.high')}</span>
        <span className="matrix-axis-name">{yAxis}</span>
        <span>{t('matrix.low')}</span>
      </div>
      <section
        ref={(element) => {
          drop.setNodeRef(element);
          gridRef.current = element;
        }}
        className={`matrix-grid ${drop.isOver ? 'matrix-grid-over' : ''}`}
        aria-label={t('matrix.gridLabel', { y: yAxis, x: xAxis })}
      >
        {QUADRANTS.map((quadrant) => (
          <div key={quadrant} className={`matrix-quadrant ${QUADRANT_AREA[quadrant]}`}>
            <span className="matrix-quadrant-label">{matrix.label(quadrantLabelKey(quadrant))}</span>
          </div>
        ))}
        <ScoreCrosses items={items} />
        <ul className="matrix-items">
          {items.map((item) => {
            const position = matrix.positions.get(item.id);
            return position ? <GridCard key={item.id} item={item} position={position} /> : null;
          })}
        </ul>
      </section>
      <div className="matrix-axis matrix-axis-x" aria-hidden="true">
        <span>{t('matrix.hard')}</span>
        <span className="matrix-axis-name">{xAxis}</span>
        <span>{t('matrix.easy')}</span>
      </div>
    </div>
  );
}
