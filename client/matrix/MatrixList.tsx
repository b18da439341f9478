import type { BoardItem } from '../../shared/items';
import { itemLabel } from '../../shared/items';
import { QUADRANTS, quadrantOf } from '../../shared/records/matrix';
import { quadrantLabelKey } from '../../shared/records/prioritization';
import { useI18n } from '../i18n/I18nProvider';
import { useMatrixUi } from './matrixContext';

/**
 * 「一覧」 beside the grid: every placed item with its whole title and its quadrant, in the quadrants' order.
 * Cards on the grid are small and can hide one another; here each one can be read in full, and choosing one
 * takes the focus to its card (where the arrow keys move it). A <details>, so it folds away and opens from the
 * keyboard.
 */
export function MatrixList({ items }: { items: readonly BoardItem[] }) {
  const { t } = useI18n();
  const matrix = useMatrixUi();
  const placed = items
    .map((item) => ({ item, position: matrix.positions.get(item.id) }))
    .filter((entry) => entry.position !== undefined)
    .map(({ item, position }) => ({ item, quadrant: quadrantOf(position ?? { x: 0, y: 0 }) }))
    .sort((a, b) => QUADRANTS.indexOf(a.quadrant) - QUADRANTS.indexOf(b.quadrant));
  return (
    <details className="matrix-list">
      <summary>{t('matrix.list', { count: placed.length })}</summary>
      {placed.length === 0 ? (
        <p className="muted">{t('matrix.listEmpty')}</p>
      ) : (
        <ul aria-label={t('matrix.listLabel')}>
          {placed.map(({ item, quadrant }) => {
            const title =
              item.kind === 'cluster'
                ? t('matrix.clusterName', {
                    kind: t('matrix.cluster', { count: item.notes.length }),
                    name: itemLabel(item),
                  })
                : itemLabel(item);
            return (
              <li key={item.id}>
                <button
                  type="button"
                  className="matrix-list-entry"
                  onClick={() => matrix.focusRequest.set({ itemId: item.id, where: 'grid' })}
                >
                  {t('matrix.listEntry', { label: title, quadrant: matrix.label(quadrantLabelKey(quadrant)) })}
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </details>
  );
}
