import type * as Y from 'yjs';
import { boardRoots } from '../docs.js';

/**
 * An item's place on the priority matrix. Stored in the board document: `matrix`: item id → plain object
 * `{ x: number, y: number }`, replaced whole on every move so two concurrent moves end in one of them, never
 * a mix of one person's x and another's y. Both run from 0 to 1: `x` is 実現しやすさ (feasibility; 1 = easiest,
 * drawn on the right), `y` is 効果 (impact; 1 = highest, drawn at the top). No entry: the item is in the
 * "unplaced" tray.
 */
export interface MatrixPosition {
  x: number;
  y: number;
}

/** The quadrants, by where they are: high impact and easy (すぐ取り組む) … low impact and hard (見送り). */
export const QUADRANTS = ['doNow', 'plan', 'spare', 'skip'] as const;
export type Quadrant = (typeof QUADRANTS)[number];

const inUnitRange = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= 1;

export function readMatrixPosition(value: unknown): MatrixPosition | null {
  if (typeof value !== 'object' || value === null) return null;
  const { x, y } = value as Record<string, unknown>;
  return inUnitRange(x) && inUnitRange(y) ? { x, y } : null;
}

/** Every item's position (items without one, or with an invalid one, are unplaced). */
export function readMatrixPositions(doc: Y.Doc): Map<string, MatrixPosition> {
  const out = new Map<string, MatrixPosition>();
  boardRoots.matrix(doc).forEach((value, id) => {
    const position = readMatrixPosition(value);
    if (position) out.set(id, position);
  });
  return out;
}

/** The quadrant of a position: the halves are split at 0.5, the centre line belonging to the better half. */
export function quadrantOf(position: MatrixPosition): Quadrant {
  const easy = position.x >= 0.5;
  const high = position.y >= 0.5;
  if (high) return easy ? 'doNow' : 'plan';
  return easy ? 'spare' : 'skip';
}
