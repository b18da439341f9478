import { useDroppable } from '@dnd-kit/core';
import type { BoardItem } from '../../shared/items';
import { useI18n } from '../i18n/I18nProvider';
import { TrayCard } from './MatrixCard';
import { TRAY_DROP_ID } from './MatrixDnd';
import { useMatrixUi } from './matrixContext';

/** Items not on the grid yet: every cluster and unclustered note starts here. Dropping a card here takes it off. */
export function MatrixTray({ items }: { items: readonly BoardItem[] }) {
  const { t } = useI18n();
  const matrix = useMatrixUi();
  const drop = useDroppable({ id: TRAY_DROP_ID, disabled: !matrix.movable });
  const unplaced = items.filter((item) => !matrix.positions.has(item.id));
  return (
    <section
      ref={drop.setNodeRef}
      className={`matrix-tray ${drop.isOver ? 'matrix-tray-over' : ''}`}
      aria-labelledby="matrix-tray-heading"
    >
      <h3 id="matrix-tray-heading">
        {t('matrix.tray')} <span className="matrix-tray-count">{unplaced.length}</span>
      </h3>
      <p className="muted matrix-tray-help">
        {items.length === 0
          ? t('matrix.noItems')
          : unplaced.length === 0
            ? t('matrix.trayEmpty')
            : t('matrix.trayHelp')}
      </p>
      <ul className="matrix-tray-list">
        {unplaced.map((item) => (
          <TrayCard key={item.id} item={item} />
        ))}
      </ul>
    </section>
  );
}
