import type { BoardItem } from '../../shared/items';
import { scoreToPosition } from '../../shared/scoring';
import { useMatrixUi } from './matrixContext';

/**
 * The disagreement of each scored item at its median, drawn under the cards: a cross whose arms run from the
 * first to the third quartile on each axis, and a dot on the median itself (the card may be drawn beside it when
 * others share the median). Decoration only: each card's name says the same in words.
 */
export function ScoreCrosses({ items }: { items: readonly BoardItem[] }) {
  const matrix = useMatrixUi();
  if (matrix.scores.size === 0) return null;
  return (
    <div className="matrix-crosses" aria-hidden="true">
      {items.map((item) => {
        const score = matrix.scores.get(item.id);
        if (!score || score.pinned) return null;
        const { effect, ease } = score.summary;
        const median = scoreToPosition({ effect: effect.median, ease: ease.median });
        const low = scoreToPosition({ effect: effect.q1, ease: ease.q1 });
        const high = scoreToPosition({ effect: effect.q3, ease: ease.q3 });
        return (
          <span key={item.id} className="matrix-cross" data-item-id={item.id}>
            <span
              className="matrix-cross-x"
              style={{ left: `${low.x * 100}%`, width: `${(high.x - low.x) * 100}%`, top: `${(1 - median.y) * 100}%` }}
            />
            <span
              className="matrix-cross-y"
              style={{
                top: `${(1 - high.y) * 100}%`,
                height: `${(high.y - low.y) * 100}%`,
                left: `${median.x * 100}%`,
              }}
            />
            <span
              className="matrix-cross-dot"
              style={{ left: `${median.x * 100}%`, top: `${(1 - median.y) * 100}%` }}
            />
          </span>
        );
      })}
    </div>
  );
}
