import type { Active, Over } from '@dnd-kit/core';
import { describe, expect, it } from 'vitest';
import { type DropContext, type DropData, dropIntentOf, intentKey } from '../../client/notes/dnd/dropTarget.js';

/** A dragged note as dnd-kit describes it (only what dropIntentOf reads). */
const active = (id: string) => ({ id, rect: { current: { translated: null } } }) as unknown as Active;
/** A target 100 px high from y = 200. */
const over = (data: DropData) =>
  ({ id: 'x', data: { current: data }, rect: { top: 200, height: 100, left: 0, width: 200 } }) as unknown as Over;

const lanes: Record<string, string[]> = { 'p1|problem': ['a', 'b', 'c'] };
const context = (y: number, extra: Partial<DropContext> = {}): DropContext => ({
  laneNoteIds: (pillarId, lane) => lanes[`${pillarId}|${lane}`] ?? [],
  activeClusterId: null,
  probe: { x: 10, y },
  groupOnMiddle: true,
  ...extra,
});
const noteB: DropData = { kind: 'note', noteId: 'b', pillarId: 'p1', lane: 'problem' };

describe('dropIntentOf', () => {
  it('puts a note before another on its upper part, after it on its lower part, and groups on its middle', () => {
    expect(dropIntentOf(active('a'), over(noteB), context(210))).toEqual({
      kind: 'move',
      target: { pillarId: 'p1', lane: 'problem', index: 0 },
    });
    expect(dropIntentOf(active('a'), over(noteB), context(250))).toEqual({ kind: 'group', targetNoteId: 'b' });
    expect(dropIntentOf(active('a'), over(noteB), context(290))).toEqual({
      kind: 'move',
      target: { pillarId: 'p1', lane: 'problem', index: 1 },
    });
  });

  it('never groups during a keyboard drag: left and right of the centre of a note mean before and after (a lane is a grid)', () => {
    const keyboard = (x: number) => context(250, { groupOnMiddle: false, probe: { x, y: 250 } });
    expect(dropIntentOf(active('x'), over(noteB), keyboard(98))).toMatchObject({ target: { index: 1 } });
    expect(dropIntentOf(active('x'), over(noteB), keyboard(102))).toMatchObject({ target: { index: 2 } });
  });

  it('joins a cluster over its card or one of its notes, and stays over its own cluster', () => {
    const card: DropData = { kind: 'cluster', clusterId: 'c1', pillarId: 'p1' };
    const member: DropData = { kind: 'member', noteId: 'm', clusterId: 'c1', pillarId: 'p1', lane: 'idea' };
    expect(dropIntentOf(active('a'), over(card), context(250))).toEqual({ kind: 'join', clusterId: 'c1' });
    expect(dropIntentOf(active('a'), over(member), context(210))).toEqual({ kind: 'join', clusterId: 'c1' });
    expect(dropIntentOf(active('m2'), over(member), context(250, { activeClusterId: 'c1' }))).toEqual({
      kind: 'stay',
    });
  });

  it('moves to the end of a lane over the lane, and to where it is over itself', () => {
    const lane: DropData = { kind: 'lane', pillarId: 'p1', lane: 'problem' };
    expect(dropIntentOf(active('a'), over(lane), context(250))).toMatchObject({ target: { index: 2 } });
    expect(dropIntentOf(active('z'), over(lane), context(250))).toMatchObject({ target: { index: 3 } });
    expect(dropIntentOf(active('b'), over(noteB), context(250))).toMatchObject({ target: { index: 1 } });
    expect(dropIntentOf(active('b'), null, context(250))).toBeNull();
  });

  it('gives each kind of target its own announcement key', () => {
    const keys = [
      intentKey({ kind: 'group', targetNoteId: 'b' }),
      intentKey({ kind: 'join', clusterId: 'b' }),
      intentKey({ kind: 'stay' }),
      intentKey({ kind: 'move', target: { pillarId: 'p1', lane: 'problem', index: 0 } }),
    ];
    expect(new Set(keys).size).toBe(4);
  });
});
