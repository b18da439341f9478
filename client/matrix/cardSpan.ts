import { type RefObject, useLayoutEffect, useState } from 'react';
import type { CardSpan } from '../../shared/matrixFreeSpot';
import { DEFAULT_CARD_SPAN } from '../../shared/scoring';

/**
 * The size a card on the grid can take at most, in rem: its width is capped by `.matrix-items .matrix-card`
 * (matrix.css); its height is that of a group card (kind line, title line and the row of buttons) with room to spare.
 */
const CARD_REM = { width: 10, height: 4.4 };

/**
 * The largest card's size as a fraction of the grid, for `freeMatrixPosition`: the cap above, or a card on the
 * grid that is bigger than it (votes shown as sizes). A grid not laid out yet (width 0) gets a fifth by a tenth.
 */
export function measureCardSpan(grid: HTMLElement | null): CardSpan {
  const area = grid?.getBoundingClientRect();
  if (!grid || !area || area.width === 0 || area.height === 0) return { width: 0.2, height: 0.1 };
  const rem = Number.parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;
  let width = CARD_REM.width * rem;
  let height = CARD_REM.height * rem;
  for (const card of grid.querySelectorAll('.matrix-items > .matrix-card')) {
    const box = card.getBoundingClientRect();
    width = Math.max(width, box.width);
    height = Math.max(height, box.height);
  }
  return { width: Math.min(1, width / area.width), height: Math.min(1, height / area.height) };
}

/**
 * The largest card's size on the grid, measured again when the grid changes size (the window, the side panel):
 * what the medians' cards are spread by. Kept to hundredths, so a pixel's change does not move every card.
 */
export function useCardSpan(grid: RefObject<HTMLElement | null>): CardSpan {
  const [span, setSpan] = useState<CardSpan>(DEFAULT_CARD_SPAN);
  useLayoutEffect(() => {
    const element = grid.current;
    if (!element) return;
    const measure = () => {
      const measured = measureCardSpan(element);
      const next = { width: Math.ceil(measured.width * 100) / 100, height: Math.ceil(measured.height * 100) / 100 };
      setSpan((current) => (current.width === next.width && current.height === next.height ? current : next));
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, [grid]);
  return span;
}
