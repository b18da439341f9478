import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { boardRoots, settingsRoots } from '../../shared/docs.js';
import { TITLE_MAX } from '../../shared/limits.js';
import { DEFAULT_LANE_LABELS, isLaneKind, LANE_KINDS, readLaneLabels } from '../../shared/records/lane.js';
import { laneOf, NOTE_COLORS, readNote, readPlace } from '../../shared/records/note.js';
import { listPillars, readPillar } from '../../shared/records/pillar.js';
import { getNote, listLaneNotes } from '../../shared/selectors.js';
import { add, newBoard, PILLAR_CITIZENS } from './fixtures.js';

/** A note as another Yjs client might write it: every field missing or of the wrong type. */
function writeForeignNote(doc: Y.Doc, id: string, fields: Record<string, unknown>): Y.Map<unknown> {
  const note = new Y.Map<unknown>();
  boardRoots.notes(doc).set(id, note);
  for (const [key, value] of Object.entries(fields)) note.set(key, value);
  return note;
}

describe('readNote', () => {
  it('reads a note written by a foreign client with defaults and leaves the stored record untouched', () => {
    const doc = newBoard();
    writeForeignNote(doc, 'f1', {
      text: 'ただの文字列',
      lane: 'bogus',
      color: 'red',
      createdAt: '2024-06-01',
      deletedAt: 'yesterday',
      extra: { kept: true },
    });
    const stored = JSON.stringify(boardRoots.notes(doc).toJSON());
    const stateVector = Y.encodeStateVector(doc);
    const note = getNote(doc, 'f1');
    expect(note).toMatchObject({
      id: 'f1',
      ytext: null,
      text: 'ただの文字列',
      place: null,
      author: '',
      color: NOTE_COLORS[0],
      createdAt: 0,
      deletedAt: null,
    });
    listLaneNotes(doc, PILLAR_CITIZENS, 'problem');
    expect(JSON.stringify(boardRoots.notes(doc).toJSON())).toBe(stored);
    expect(Y.encodeStateVector(doc)).toEqual(stateVector);
  });

  it('shows a place with an invalid lane as no place, and keeps the stored place', () => {
    const doc = newBoard();
    const place = { pillarId: PILLAR_CITIZENS, lane: 'bogus', order: 'a0' };
    const stored = writeForeignNote(doc, 'f1', { text: new Y.Text('x'), place });
    expect(getNote(doc, 'f1')?.place).toBeNull();
    expect(stored.get('place')).toEqual(place);
  });

  it('reads a valid foreign note as it is, with its Y.Text and any hex colour', () => {
    const doc = newBoard();
    const ytext = new Y.Text('外部ツール');
    writeForeignNote(doc, 'f1', {
      text: ytext,
      place: { pillarId: PILLAR_CITIZENS, lane: 'goal', order: 'a0' },
      author: 'bot',
      color: '#ABCDEF',
      createdAt: 123,
      deletedAt: 456,
    });
    expect(getNote(doc, 'f1')).toMatchObject({
      id: 'f1',
      ytext,
      text: '外部ツール',
      place: { pillarId: PILLAR_CITIZENS, lane: 'goal', order: 'a0' },
      author: 'bot',
      color: '#ABCDEF',
      createdAt: 123,
      deletedAt: 456,
    });
  });

  it('never throws on a value that is not a map at all', () => {
    for (const value of [null, undefined, 3, 'text', [], new Y.Array(), { text: 'x' }]) {
      expect(readNote('x', value)).toMatchObject({ id: 'x', text: '', place: null, color: NOTE_COLORS[0] });
    }
  });

  it('treats non-finite numbers as missing', () => {
    const doc = newBoard();
    writeForeignNote(doc, 'f1', { createdAt: Number.NaN, deletedAt: Number.POSITIVE_INFINITY });
    expect(getNote(doc, 'f1')).toMatchObject({ createdAt: 0, deletedAt: null });
  });

  it('names the lane of a placed note and null for an unplaced one', () => {
    const doc = newBoard();
    add(doc, { id: 'n1', text: 'x', lane: 'idea' });
    writeForeignNote(doc, 'f1', {});
    expect(laneOf(getNote(doc, 'n1')!)).toBe('idea');
    expect(laneOf(getNote(doc, 'f1')!)).toBeNull();
  });
});

describe('readPlace', () => {
  it('accepts a complete place and refuses missing, empty or oversized fields', () => {
    expect(readPlace({ pillarId: 'p1', lane: 'problem', order: 'a0' })).toEqual({
      pillarId: 'p1',
      lane: 'problem',
      order: 'a0',
    });
    expect(readPlace(undefined)).toBeNull();
    expect(readPlace({ pillarId: 'p1', lane: 'problem' })).toBeNull();
    expect(readPlace({ pillarId: '', lane: 'problem', order: 'a0' })).toBeNull();
    expect(readPlace({ pillarId: 'p1', lane: 'goal', order: 'a'.repeat(1024) })).not.toBeNull();
    expect(readPlace({ pillarId: 'p1', lane: 'goal', order: 'a'.repeat(1025) })).toBeNull();
  });
});

describe('readPillar', () => {
  it('reads a pillar written with invalid fields with defaults and leaves it untouched', () => {
    const pillars = new Y.Doc().getMap<unknown>('pillars');
    const stored = new Y.Map<unknown>();
    pillars.set('x', stored);
    stored.set('title', 7);
    stored.set('order', '');
    stored.set('archivedAt', 'never');
    expect(readPillar('x', stored)).toEqual({ id: 'x', title: '', order: 'a0', archivedAt: null });
    expect(stored.toJSON()).toEqual({ title: 7, order: '', archivedAt: 'never' });
    expect(readPillar('y', 'not a map')).toEqual({ id: 'y', title: '', order: 'a0', archivedAt: null });
  });

  it('shortens a title longer than TITLE_MAX for display', () => {
    const map = new Y.Doc().getMap<unknown>('pillars');
    const stored = new Y.Map<unknown>();
    map.set('x', stored);
    stored.set('title', '長'.repeat(TITLE_MAX + 50));
    expect(readPillar('x', stored).title).toHaveLength(TITLE_MAX);
  });

  it('lists pillars by order then id, hiding archived ones unless asked', () => {
    const map = new Y.Doc().getMap<unknown>('pillars');
    const put = (id: string, fields: Record<string, unknown>) => {
      const pillar = new Y.Map<unknown>();
      map.set(id, pillar);
      for (const [key, value] of Object.entries(fields)) pillar.set(key, value);
    };
    put('b', { title: 'B', order: 'a1' });
    put('a', { title: 'A', order: 'a1' });
    put('c', { title: 'C', order: 'a0' });
    put('z', { title: 'Z', order: 'a0', archivedAt: 5 });
    expect(listPillars(map).map((p) => p.id)).toEqual(['c', 'a', 'b']);
    expect(listPillars(map, { includeArchived: true }).map((p) => p.id)).toEqual(['c', 'z', 'a', 'b']);
  });
});

describe('lanes', () => {
  it('knows exactly the three lane kinds', () => {
    expect(LANE_KINDS).toEqual(['problem', 'goal', 'idea']);
    expect(LANE_KINDS.every(isLaneKind)).toBe(true);
    for (const value of ['bogus', '', 'Problem', 1, null, undefined]) expect(isLaneKind(value)).toBe(false);
  });

  it('reads lane labels, giving null for missing, blank or non-string labels', () => {
    const map = new Y.Doc().getMap<unknown>('laneLabels');
    map.set('problem', '困りごと');
    map.set('goal', '   ');
    map.set('idea', 42);
    expect(readLaneLabels(map)).toEqual({ problem: '困りごと', goal: null, idea: null });
    expect(map.toJSON()).toEqual({ problem: '困りごと', goal: '   ', idea: 42 });
    expect(readLaneLabels(new Y.Doc().getMap('laneLabels'))).toEqual({ problem: null, goal: null, idea: null });
  });

  it('offers the seed labels as defaults', () => {
    expect(DEFAULT_LANE_LABELS).toEqual({ problem: '課題', goal: '達成目標', idea: 'アイデア' });
    expect(readLaneLabels(settingsRoots.laneLabels(new Y.Doc())).problem).toBeNull();
  });
});
