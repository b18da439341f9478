import type * as Y from 'yjs';
import { boardRoots } from '../docs.js';
import { type BoardItem, listItems } from '../items.js';
import { LOCAL_ORIGIN } from '../origin.js';
import { idsOf } from '../prioritizing.js';
import type { MatrixPosition } from '../records/matrix.js';
import { fail, ok, type Result } from '../result.js';

/** Arrow keys move an item by a twentieth of the grid; with Shift, by a hundredth (fine placement). */
export const MATRIX_STEP = 0.05;
export const MATRIX_FINE_STEP = 0.01;
/**
 * Where 「マトリクスに置く」 aims: the centre. The item lands on the free spot nearest to it, off the quadrant lines
 * (`freeMatrixPosition`), ties going to the better half of both axes (すぐ取り組む).
 */
export const MATRIX_CENTRE: MatrixPosition = { x: 0.5, y: 0.5 };

/**
 * One coordinate as stored: clamped to [0, 1] and rounded to a thousandth. A thousandth is finer than a pixel
 * on any screen the grid fits, and it keeps 0.1 + 0.05 from being stored as 0.15000000000000002.
 * Not-a-number reads as the middle (a drop computed from an empty rectangle).
 */
export function clampCoordinate(value: number): number {
  if (Number.isNaN(value)) return 0.5;
  return Math.round(Math.min(1, Math.max(0, value)) * 1000) / 1000;
}

export function clampPosition(position: MatrixPosition): MatrixPosition {
  return { x: clampCoordinate(position.x), y: clampCoordinate(position.y) };
}

function findItem(doc: Y.Doc, itemId: string): BoardItem | null {
  return listItems(doc).find((item) => item.id === itemId) ?? null;
}

/**
 * Puts an item (a shown cluster or an unclustered note) on the matrix, or moves it there. Written as one plain
 * value `{ x, y }`, so two people moving it at once end at one of the two positions, never at one's x and the
 * other's y. Refused for an id that is no item now (a deleted note, a note inside a cluster).
 */
export function placeOnMatrix(
  doc: Y.Doc,
  itemId: string,
  position: MatrixPosition,
  origin: unknown = LOCAL_ORIGIN,
): Result<MatrixPosition> {
  if (!findItem(doc, itemId)) return fail('itemNotFound');
  const stored = clampPosition(position);
  doc.transact(() => boardRoots.matrix(doc).set(itemId, stored), origin);
  return ok(stored);
}

/**
 * Takes an item off the matrix, back to the unplaced tray. For a cluster, its notes' own places go too (a
 * cluster without its own place shows its first placed note's, see `itemPositions`).
 */
export function returnToTray(doc: Y.Doc, itemId: string, origin: unknown = LOCAL_ORIGIN): Result<null> {
  const item = findItem(doc, itemId);
  const matrix = boardRoots.matrix(doc);
  const ids = (item ? idsOf(item) : [itemId]).filter((id) => matrix.has(id));
  if (ids.length === 0) return ok(null);
  doc.transact(() => {
    for (const id of ids) matrix.delete(id);
  }, origin);
  return ok(null);
}

/** A position moved by (dx, dy), clamped: the keyboard's step. */
export function nudge(position: MatrixPosition, dx: number, dy: number): MatrixPosition {
  return clampPosition({ x: position.x + dx, y: position.y + dy });
}
