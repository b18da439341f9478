import { describe, expect, it } from 'vitest';
import { boardRoots, settingsRoots } from '../../shared/docs.js';
import { listItems } from '../../shared/items.js';
import { placeOnMatrix } from '../../shared/ops/matrix.js';
import { deleteNote } from '../../shared/ops/notes.js';
import { archivePillar } from '../../shared/ops/pillars.js';
import { resetPrioritizationLabel, setPrioritizationLabel } from '../../shared/ops/prioritization.js';
import { markShortlisted, unmarkShortlisted } from '../../shared/ops/shortlist.js';
import { itemVotes, revealedRounds } from '../../shared/prioritizing.js';
import { readPrioritizationLabels } from '../../shared/records/prioritization.js';
import { readShortlist } from '../../shared/records/shortlist.js';
import { readVotingRounds, writeVotingRounds } from '../../shared/records/voting.js';
import { shortlistByPillar } from '../../shared/shortlist.js';
import {
  add,
  contentOf,
  newBoard,
  newSettings,
  PILLAR_CITIZENS,
  PILLAR_EFFICIENCY,
  PILLAR_PEOPLE,
} from './fixtures.js';
import { revealedRound, writeCluster } from './prioritizeFixtures.js';

describe('markShortlisted and unmarkShortlisted', () => {
  it('marks with who and when, keeps the first mark, and unmarks', () => {
    const doc = newBoard();
    add(doc, { id: 'n1', text: 'A' });
    expect(markShortlisted(doc, 'n1', 'person-1', 100)).toEqual({ ok: true, value: null });
    expect(markShortlisted(doc, 'n1', 'person-2', 200).ok).toBe(true);
    expect(readShortlist(doc).get('n1')).toEqual({ markedAt: 100, markedBy: 'person-1' });
    unmarkShortlisted(doc, 'n1');
    expect(readShortlist(doc).size).toBe(0);
  });

  it('refuses to mark what is no item, changing nothing', () => {
    const doc = newBoard();
    add(doc, { id: 'n1', text: 'A' });
    deleteNote(doc, 'n1');
    const before = contentOf(doc);
    expect(markShortlisted(doc, 'n1', 'p', 1)).toEqual({ ok: false, error: 'itemNotFound' });
    expect(markShortlisted(doc, 'zzz', 'p', 1)).toEqual({ ok: false, error: 'itemNotFound' });
    expect(contentOf(doc)).toBe(before);
    expect(boardRoots.shortlist(doc).size).toBe(0);
  });

  it('counts a note’s mark for the cluster it joined, and unmarking the cluster removes it', () => {
    const doc = newBoard();
    add(doc, { id: 'n1', text: 'A' });
    add(doc, { id: 'n2', text: 'B' });
    markShortlisted(doc, 'n2', 'p', 5);
    writeCluster(doc, 'c1', PILLAR_CITIZENS, ['n1', 'n2']);
    const settings = newSettings();
    const [group] = shortlistByPillar(doc, settings, null);
    expect(group?.entries.map((e) => e.item.id)).toEqual(['c1']);
    unmarkShortlisted(doc, 'c1');
    expect(boardRoots.shortlist(doc).size).toBe(0);
  });
});

describe('prioritisation labels', () => {
  it('sets a trimmed label and resets it to the default', () => {
    const settings = newSettings();
    expect(setPrioritizationLabel(settings, 'impactAxis', '  市民への効果 ')).toEqual({
      ok: true,
      value: '市民への効果',
    });
    expect(readPrioritizationLabels(settingsRoots.prioritization(settings)).impactAxis).toBe('市民への効果');
    resetPrioritizationLabel(settings, 'impactAxis');
    expect(readPrioritizationLabels(settingsRoots.prioritization(settings)).impactAxis).toBeNull();
  });

  it('refuses an empty or too long label and changes nothing', () => {
    const settings = newSettings();
    setPrioritizationLabel(settings, 'quadrant.doNow', '最優先');
    const before = JSON.stringify(settingsRoots.prioritization(settings).toJSON());
    expect(setPrioritizationLabel(settings, 'quadrant.doNow', '  ')).toEqual({ ok: false, error: 'titleEmpty' });
    expect(setPrioritizationLabel(settings, 'quadrant.doNow', 'あ'.repeat(101))).toEqual({
      ok: false,
      error: 'titleTooLong',
    });
    expect(JSON.stringify(settingsRoots.prioritization(settings).toJSON())).toBe(before);
  });
});

describe('votes of a revealed round', () => {
  it('maps totals to the items of now: a note’s dots count for its cluster, a deleted note’s for nothing', () => {
    const board = newBoard();
    add(board, { id: 'n1', text: 'A' });
    add(board, { id: 'n2', text: 'B' });
    add(board, { id: 'n3', text: 'C' });
    add(board, { id: 'n4', text: 'D' });
    const round = revealedRound(1, { n1: 2, n2: 3, n3: 4, n4: 1 });
    writeCluster(board, 'c1', PILLAR_CITIZENS, ['n1', 'n2']);
    deleteNote(board, 'n4');
    const votes = itemVotes(listItems(board), round);
    expect(Object.fromEntries(votes)).toEqual({ c1: 5, n3: 4 });
    expect(itemVotes(listItems(board), null).size).toBe(0);
  });

  it('lists revealed rounds newest first, leaving open and closed ones out', () => {
    const settings = newSettings();
    const open = { ...revealedRound(3, {}), status: 'open' as const, totals: null };
    writeVotingRounds(settings, [revealedRound(1, {}), revealedRound(2, { a: 1 }), open]);
    expect(revealedRounds(readVotingRounds(settings)).map((r) => r.number)).toEqual([2, 1]);
  });
});

describe('shortlistByPillar', () => {
  function board() {
    const doc = newBoard();
    add(doc, { id: 'a', text: '窓口の待ち時間', pillarId: PILLAR_CITIZENS });
    add(doc, { id: 'b', text: '書かない窓口', pillarId: PILLAR_CITIZENS, lane: 'idea' });
    add(doc, { id: 'c', text: '電子決裁', pillarId: PILLAR_EFFICIENCY });
    add(doc, { id: 'd', text: '勉強会', pillarId: PILLAR_PEOPLE });
    add(doc, { id: 'e', text: '不明な柱', pillarId: 'gone' });
    add(doc, { id: 'f', text: '印なし', pillarId: PILLAR_PEOPLE });
    for (const id of ['a', 'b', 'c', 'd', 'e']) markShortlisted(doc, id, 'p', 1);
    return doc;
  }

  it('groups marked items by pillar in pillar order, unknown pillars last, unmarked items out', () => {
    const doc = board();
    const settings = newSettings();
    const groups = shortlistByPillar(doc, settings, null);
    expect(groups.map((g) => g.pillar?.id ?? null)).toEqual([PILLAR_CITIZENS, PILLAR_EFFICIENCY, PILLAR_PEOPLE, null]);
    expect(groups.flatMap((g) => g.entries.map((e) => e.item.id))).not.toContain('f');
    expect(groups[0]?.entries.every((e) => e.votes === null && e.quadrant === null)).toBe(true);
  });

  it('puts archived pillars after the active ones', () => {
    const doc = board();
    const settings = newSettings();
    archivePillar(settings, PILLAR_CITIZENS);
    expect(shortlistByPillar(doc, settings, null).map((g) => g.pillar?.id ?? null)).toEqual([
      PILLAR_EFFICIENCY,
      PILLAR_PEOPLE,
      PILLAR_CITIZENS,
      null,
    ]);
  });

  it('gives each entry its quadrant and its votes in the chosen revealed round, ordered by quadrant then votes', () => {
    const doc = board();
    add(doc, { id: 'g', text: '三つ目', pillarId: PILLAR_CITIZENS });
    markShortlisted(doc, 'g', 'p', 1);
    const settings = newSettings();
    writeVotingRounds(settings, [revealedRound(1, { a: 1, b: 7, g: 9 }), revealedRound(2, { a: 4 })]);
    placeOnMatrix(doc, 'a', { x: 0.9, y: 0.9 });
    placeOnMatrix(doc, 'b', { x: 0.8, y: 0.7 });
    placeOnMatrix(doc, 'g', { x: 0.1, y: 0.1 });
    const [citizens] = shortlistByPillar(doc, settings, 1);
    expect(citizens?.entries.map((e) => [e.item.id, e.quadrant, e.votes])).toEqual([
      ['b', 'doNow', 7],
      ['a', 'doNow', 1],
      ['g', 'skip', 9],
    ]);
    const [again] = shortlistByPillar(doc, settings, 2);
    expect(again?.entries.map((e) => [e.item.id, e.votes])).toEqual([
      ['a', 4],
      ['b', 0],
      ['g', 0],
    ]);
    // A round that is not revealed (or does not exist) shows no votes.
    expect(shortlistByPillar(doc, settings, 9)[0]?.entries[0]?.votes).toBeNull();
  });
});
