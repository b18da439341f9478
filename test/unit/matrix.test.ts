import { describe, expect, it } from 'vitest';
import { boardRoots } from '../../shared/docs.js';
import { listItems } from '../../shared/items.js';
import { clampCoordinate, nudge, placeOnMatrix, returnToTray } from '../../shared/ops/matrix.js';
import { deleteNote } from '../../shared/ops/notes.js';
import { itemPositions } from '../../shared/prioritizing.js';
import { quadrantOf, readMatrixPositions } from '../../shared/records/matrix.js';
import { add, contentOf, newBoard, PILLAR_CITIZENS } from './fixtures.js';
import { writeCluster } from './prioritizeFixtures.js';

describe('quadrantOf', () => {
  it('names the four corners: high impact on top, easy on the right', () => {
    expect(quadrantOf({ x: 0.9, y: 0.9 })).toBe('doNow');
    expect(quadrantOf({ x: 0.1, y: 0.9 })).toBe('plan');
    expect(quadrantOf({ x: 0.9, y: 0.1 })).toBe('spare');
    expect(quadrantOf({ x: 0.1, y: 0.1 })).toBe('skip');
  });

  it('gives the centre lines to the better half', () => {
    expect(quadrantOf({ x: 0.5, y: 0.5 })).toBe('doNow');
    expect(quadrantOf({ x: 0.499, y: 0.5 })).toBe('plan');
    expect(quadrantOf({ x: 0.5, y: 0.499 })).toBe('spare');
  });
});

describe('clamping and rounding', () => {
  it('keeps coordinates in [0, 1] and rounds them to a thousandth', () => {
    expect(clampCoordinate(-0.2)).toBe(0);
    expect(clampCoordinate(1.7)).toBe(1);
    expect(clampCoordinate(0.1 + 0.05)).toBe(0.15);
    expect(clampCoordinate(0.12345)).toBe(0.123);
    expect(clampCoordinate(Number.NaN)).toBe(0.5);
    expect(clampCoordinate(Number.POSITIVE_INFINITY)).toBe(1);
  });

  it('nudges by a step and stops at the edges', () => {
    expect(nudge({ x: 0.5, y: 0.5 }, 0.05, -0.05)).toEqual({ x: 0.55, y: 0.45 });
    expect(nudge({ x: 0.98, y: 0.02 }, 0.05, -0.05)).toEqual({ x: 1, y: 0 });
  });
});

describe('placeOnMatrix and returnToTray', () => {
  it('stores one plain value per item, clamped', () => {
    const doc = newBoard();
    add(doc, { id: 'n1', text: '窓口の待ち時間が長い' });
    const result = placeOnMatrix(doc, 'n1', { x: 1.4, y: 0.3333333 });
    expect(result).toEqual({ ok: true, value: { x: 1, y: 0.333 } });
    expect(boardRoots.matrix(doc).get('n1')).toEqual({ x: 1, y: 0.333 });
    expect(readMatrixPositions(doc).get('n1')).toEqual({ x: 1, y: 0.333 });
  });

  it('refuses an id that is no item and changes nothing', () => {
    const doc = newBoard();
    add(doc, { id: 'n1', text: 'A' });
    add(doc, { id: 'n2', text: 'B' });
    add(doc, { id: 'n3', text: 'C' });
    writeCluster(doc, 'c1', PILLAR_CITIZENS, ['n2']);
    deleteNote(doc, 'n3');
    const before = JSON.stringify(boardRoots.matrix(doc).toJSON());
    const vector = contentOf(doc);
    for (const id of ['nothing', 'n2', 'n3']) {
      expect(placeOnMatrix(doc, id, { x: 0.5, y: 0.5 })).toEqual({ ok: false, error: 'itemNotFound' });
    }
    expect(JSON.stringify(boardRoots.matrix(doc).toJSON())).toBe(before);
    expect(contentOf(doc)).toBe(vector);
    expect(placeOnMatrix(doc, 'c1', { x: 0.2, y: 0.8 }).ok).toBe(true);
  });

  it('returns an item to the tray, and a cluster with its notes’ own places', () => {
    const doc = newBoard();
    add(doc, { id: 'n1', text: 'A' });
    add(doc, { id: 'n2', text: 'B' });
    add(doc, { id: 'n3', text: 'C' });
    placeOnMatrix(doc, 'n1', { x: 0.1, y: 0.1 });
    placeOnMatrix(doc, 'n2', { x: 0.9, y: 0.9 });
    returnToTray(doc, 'n1');
    expect([...readMatrixPositions(doc).keys()]).toEqual(['n2']);
    writeCluster(doc, 'c1', PILLAR_CITIZENS, ['n2', 'n3']);
    returnToTray(doc, 'c1');
    expect(readMatrixPositions(doc).size).toBe(0);
  });

  it('shows a cluster at its own place, else at its first placed note’s, and a note leaving gets its own back', () => {
    const doc = newBoard();
    add(doc, { id: 'n1', text: 'A' });
    add(doc, { id: 'n2', text: 'B' });
    placeOnMatrix(doc, 'n2', { x: 0.2, y: 0.7 });
    writeCluster(doc, 'c1', PILLAR_CITIZENS, ['n1', 'n2']);
    const positions = () => itemPositions(listItems(doc), readMatrixPositions(doc));
    expect(positions().get('c1')).toEqual({ x: 0.2, y: 0.7 });
    placeOnMatrix(doc, 'c1', { x: 0.9, y: 0.1 });
    expect(positions().get('c1')).toEqual({ x: 0.9, y: 0.1 });
    // The cluster record goes (another tool): the notes are items again, n2 at its own place.
    boardRoots.clusters(doc).delete('c1');
    expect(positions().get('n2')).toEqual({ x: 0.2, y: 0.7 });
    expect(positions().has('n1')).toBe(false);
  });

  it('reads an invalid stored place as unplaced', () => {
    const doc = newBoard();
    add(doc, { id: 'n1', text: 'A' });
    boardRoots.matrix(doc).set('n1', { x: 2, y: 0.5 });
    boardRoots.matrix(doc).set('n2', 'junk');
    expect(readMatrixPositions(doc).size).toBe(0);
  });
});
