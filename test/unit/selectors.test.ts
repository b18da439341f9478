import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { boardRoots, settingsRoots } from '../../shared/docs.js';
import { deleteNote, moveNote } from '../../shared/ops/notes.js';
import { archivePillar } from '../../shared/ops/pillars.js';
import {
  activePillars,
  allPillars,
  boardTitle,
  getNote,
  laneKey,
  listLaneNotes,
  listNotePlacements,
  listNotes,
  listTrash,
  listUnplacedNotes,
  liveNotesByLane,
} from '../../shared/selectors.js';
import {
  add,
  newBoard,
  newSettings,
  PILLAR_CITIZENS,
  PILLAR_EFFICIENCY,
  PILLAR_PEOPLE,
  SEED_TITLES,
  storedNote,
} from './fixtures.js';

describe('listNotes and getNote', () => {
  it('reads every note, deleted ones included, through the normaliser', () => {
    const doc = newBoard();
    add(doc, { id: 'a', text: 'A' });
    add(doc, { id: 'b', text: 'B' });
    deleteNote(doc, 'b');
    boardRoots.notes(doc).set('junk', 42);
    expect(
      listNotes(doc)
        .map((n) => n.id)
        .sort(),
    ).toEqual(['a', 'b', 'junk']);
    expect(getNote(doc, 'junk')).toMatchObject({ id: 'junk', text: '', place: null });
    expect(getNote(doc, 'missing')).toBeNull();
  });
});

describe('listLaneNotes', () => {
  it('lists only the live notes of one lane of one pillar, in order', () => {
    const doc = newBoard();
    add(doc, { id: 'a', text: 'A' });
    add(doc, { id: 'b', text: 'B', index: 0 });
    add(doc, { id: 'goal', text: 'G', lane: 'goal' });
    add(doc, { id: 'other', text: 'O', pillarId: PILLAR_PEOPLE });
    add(doc, { id: 'gone', text: 'X' });
    deleteNote(doc, 'gone');
    expect(listLaneNotes(doc, PILLAR_CITIZENS, 'problem').map((n) => n.id)).toEqual(['b', 'a']);
    expect(listLaneNotes(doc, PILLAR_CITIZENS, 'goal').map((n) => n.id)).toEqual(['goal']);
    expect(listLaneNotes(doc, PILLAR_EFFICIENCY, 'problem')).toEqual([]);
  });

  it('sorts notes with the same order key by id', () => {
    const doc = newBoard();
    for (const id of ['z', 'm', 'a']) {
      const note = new Y.Map<unknown>();
      note.set('text', new Y.Text(id));
      note.set('place', { pillarId: PILLAR_CITIZENS, lane: 'idea', order: 'a0' });
      boardRoots.notes(doc).set(id, note);
    }
    expect(listLaneNotes(doc, PILLAR_CITIZENS, 'idea').map((n) => n.id)).toEqual(['a', 'm', 'z']);
  });
});

describe('listUnplacedNotes', () => {
  it('lists live notes with an invalid place or an unknown pillar, oldest first', () => {
    const board = newBoard();
    const settings = newSettings();
    add(board, { id: 'placed', text: 'ok' });
    add(board, { id: 'unknownPillar', text: 'x', pillarId: 'pZZ', now: 300 });
    add(board, { id: 'deletedUnknown', text: 'x', pillarId: 'pZZ' });
    deleteNote(board, 'deletedUnknown');
    const broken = new Y.Map<unknown>();
    boardRoots.notes(board).set('broken', broken);
    broken.set('text', new Y.Text('壊れた場所'));
    broken.set('place', { pillarId: PILLAR_CITIZENS, lane: 'bogus', order: 'a0' });
    broken.set('createdAt', 200);
    expect(listUnplacedNotes(board, allPillars(settings)).map((n) => n.id)).toEqual(['broken', 'unknownPillar']);
  });

  it('leaves out the notes of an archived pillar when given every pillar', () => {
    const board = newBoard();
    const settings = newSettings();
    add(board, { id: 'n1', text: 'x', pillarId: PILLAR_PEOPLE });
    archivePillar(settings, PILLAR_PEOPLE);
    expect(listUnplacedNotes(board, allPillars(settings))).toEqual([]);
  });
});

describe('listTrash', () => {
  it('lists deleted notes newest first, optionally only one author’s', () => {
    const doc = newBoard();
    add(doc, { id: 'a', text: 'A', author: 'tanaka' });
    add(doc, { id: 'b', text: 'B', author: 'sato' });
    add(doc, { id: 'c', text: 'C', author: 'tanaka' });
    deleteNote(doc, 'a', 100);
    deleteNote(doc, 'b', 300);
    deleteNote(doc, 'c', 200);
    expect(listTrash(doc).map((n) => n.id)).toEqual(['b', 'c', 'a']);
    expect(listTrash(doc, 'tanaka').map((n) => n.id)).toEqual(['c', 'a']);
  });

  it('keeps a moved-then-deleted note where it was moved to, for restoring', () => {
    const doc = newBoard();
    add(doc, { id: 'a', text: 'A' });
    moveNote(doc, 'a', { pillarId: PILLAR_EFFICIENCY, lane: 'idea', index: 0 });
    deleteNote(doc, 'a');
    expect(listTrash(doc)[0]?.place).toMatchObject({ pillarId: PILLAR_EFFICIENCY, lane: 'idea' });
    expect(storedNote(doc, 'a').get('deletedAt')).toBeTypeOf('number');
  });
});

describe('settings selectors', () => {
  it('reads the board title, or an empty string when another tool stored something else', () => {
    const settings = newSettings('デジタル市役所');
    expect(boardTitle(settings)).toBe('デジタル市役所');
    settingsRoots.meta(settings).set('title', 12);
    expect(boardTitle(settings)).toBe('');
  });

  it('lists the visible pillars in order, and every pillar with the archived ones', () => {
    const settings = newSettings();
    archivePillar(settings, PILLAR_CITIZENS);
    expect(activePillars(settings).map((p) => p.title)).toEqual(SEED_TITLES.slice(1));
    expect(allPillars(settings).map((p) => p.title)).toEqual([...SEED_TITLES]);
  });
});

describe('liveNotesByLane', () => {
  it('groups every live, placed note by lane in the same order as listLaneNotes', () => {
    const doc = newBoard();
    const lanes = ['problem', 'goal', 'idea'] as const;
    const pillars = [PILLAR_CITIZENS, PILLAR_EFFICIENCY, PILLAR_PEOPLE];
    for (let i = 0; i < 40; i++) {
      add(doc, { id: `n${i}`, text: `note ${i}`, pillarId: pillars[i % 3], lane: lanes[(i >> 1) % 3], index: i % 4 });
    }
    deleteNote(doc, 'n5');
    boardRoots.notes(doc).set('junk', 42);
    const grouped = liveNotesByLane(doc);
    let total = 0;
    for (const pillarId of pillars) {
      for (const lane of lanes) {
        const expected = listLaneNotes(doc, pillarId, lane).map((n) => n.id);
        expect((grouped.get(laneKey(pillarId, lane)) ?? []).map((n) => n.id)).toEqual(expected);
        total += expected.length;
      }
    }
    expect(total).toBe(39);
    expect([...grouped.values()].flat().some((n) => n.id === 'n5' || n.id === 'junk')).toBe(false);
  });
});

describe('listNotePlacements', () => {
  it("reads each note's placement exactly as the full read does, valid, broken or trashed", () => {
    const doc = newBoard();
    const notes = boardRoots.notes(doc);
    add(doc, { id: 'n1', text: '窓口' });
    add(doc, { id: 'n2', pillarId: PILLAR_EFFICIENCY, lane: 'goal', text: '電子申請', author: 'sato' });
    deleteNote(doc, 'n2', 5000);
    doc.transact(() => {
      const broken = new Y.Map<unknown>();
      broken.set('text', new Y.Text('壊れた付箋'));
      broken.set('place', { pillarId: '', lane: 'nowhere' });
      broken.set('createdAt', 'yesterday');
      broken.set('deletedAt', Number.NaN);
      notes.set('broken', broken);
      notes.set('notAMap', 'just a string');
    });
    const placements = listNotePlacements(doc);
    expect(placements.map((p) => p.id)).toEqual(['n1', 'n2', 'broken', 'notAMap']);
    expect(placements).toEqual(
      listNotes(doc).map(({ id, place, author, createdAt, deletedAt }) => ({
        id,
        place,
        author,
        createdAt,
        deletedAt,
      })),
    );
    expect(placements.find((p) => p.id === 'n2')?.deletedAt).toEqual(expect.any(Number));
  });
});
