import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { boardRoots } from '../../shared/docs.js';
import {
  initiativeSteps,
  initiativesByPillar,
  initiativesFedBy,
  listDeletedInitiatives,
  listInitiatives,
  sameTitleNumbers,
} from '../../shared/initiatives.js';
import {
  applyInitiativeTextChanges,
  bulletLines,
  createInitiativeFromItem,
  deleteInitiative,
  moveInitiative,
  moveInitiativeToSlot,
  restoreInitiative,
  setInitiativeFiscalYears,
  setInitiativeStatus,
  setInitiativeText,
} from '../../shared/ops/initiatives.js';
import { placeOnMatrix } from '../../shared/ops/matrix.js';
import { deleteNote } from '../../shared/ops/notes.js';
import { archivePillar } from '../../shared/ops/pillars.js';
import { INITIATIVE_TEXT_MAX, readInitiatives } from '../../shared/records/initiative.js';
import { writeVotingRounds } from '../../shared/records/voting.js';
import { add, newBoard, newSettings, PILLAR_CITIZENS, PILLAR_EFFICIENCY } from './fixtures.js';
import { revealedRound, writeCluster } from './prioritizeFixtures.js';

function boardWithCluster() {
  const board = newBoard();
  const settings = newSettings();
  add(board, { id: 'n1', text: '窓口の待ち時間が長い', lane: 'problem' });
  add(board, { id: 'n2', text: '申請書が\n紙のみ', lane: 'problem' });
  add(board, { id: 'n3', text: '待たずに手続きできる', lane: 'goal' });
  add(board, { id: 'n4', text: 'オンライン予約', lane: 'idea' });
  writeCluster(board, 'c1', PILLAR_CITIZENS, ['n1', 'n2', 'n3', 'n4'], '窓口のデジタル化');
  return { board, settings };
}

const create = (board: Y.Doc, settings: Y.Doc, id: string, itemId: string, roundNumber: number | null = null) => {
  const result = createInitiativeFromItem(board, settings, { id, itemId, personId: 'tanaka', roundNumber, now: 10 });
  if (!result.ok) throw new Error(`refused ${id}: ${result.error}`);
  return result;
};

const stored = (board: Y.Doc, id: string) => readInitiatives(board).find((i) => i.id === id);
const bulkText = (board: Y.Doc) => JSON.stringify(boardRoots.initiatives(board).toJSON());

describe('createInitiativeFromItem', () => {
  it('prefills from a cluster: title, pillar, 課題 and 達成目標 bullets, and what it was made from', () => {
    const { board, settings } = boardWithCluster();
    writeVotingRounds(settings, [revealedRound(1, { n1: 2, c1: 3 })]);
    placeOnMatrix(board, 'c1', { x: 0.8, y: 0.9 });
    create(board, settings, 'i1', 'c1', 1);
    const initiative = stored(board, 'i1')!;
    expect(initiative.fields.title).toBe('窓口のデジタル化');
    expect(initiative.fields.problems).toBe('・窓口の待ち時間が長い\n・申請書が 紙のみ');
    expect(initiative.fields.goal).toBe('・待たずに手続きできる');
    expect(initiative.fields.content).toBe('');
    expect(initiative.place).toMatchObject({ pillarId: PILLAR_CITIZENS, priority: 'medium' });
    expect(initiative.status).toBe('draft');
    expect(initiative.fiscalYears).toEqual([]);
    expect(initiative.source).toEqual({
      itemId: 'c1',
      kind: 'cluster',
      noteIds: ['n1', 'n2', 'n3', 'n4'],
      votes: 5,
      roundNumber: 1,
      quadrant: 'doNow',
    });
    expect(initiative.createdBy).toBe('tanaka');
    for (const field of Object.keys(initiative.texts))
      expect(initiative.texts[field as 'title']).toBeInstanceOf(Y.Text);
  });

  it('prefills from a loose note: its text is the title, its lane gives the one bullet', () => {
    const board = newBoard();
    const settings = newSettings();
    add(board, { id: 'n1', text: '職員の研修が足りない', lane: 'problem', pillarId: PILLAR_EFFICIENCY });
    create(board, settings, 'i1', 'n1');
    const initiative = stored(board, 'i1')!;
    expect(initiative.fields.title).toBe('職員の研修が足りない');
    expect(initiative.fields.problems).toBe('・職員の研修が足りない');
    expect(initiative.fields.goal).toBe('');
    expect(initiative.place?.pillarId).toBe(PILLAR_EFFICIENCY);
    expect(initiative.source).toEqual({
      itemId: 'n1',
      kind: 'note',
      noteIds: ['n1'],
      votes: null,
      roundNumber: null,
      quadrant: null,
    });
  });

  it('records no dots for a round that is not revealed, and names an unnamed cluster by its first note', () => {
    const board = newBoard();
    const settings = newSettings();
    add(board, { id: 'n1', text: '最初の付箋', lane: 'problem' });
    add(board, { id: 'n2', text: '二枚目', lane: 'goal' });
    writeCluster(board, 'c1', PILLAR_CITIZENS, ['n1', 'n2']);
    create(board, settings, 'i1', 'c1', 4);
    expect(stored(board, 'i1')?.fields.title).toBe('最初の付箋');
    expect(stored(board, 'i1')?.source).toMatchObject({ votes: null, roundNumber: null });
  });

  it('refuses a deleted note or an unknown item, writing nothing', () => {
    const { board, settings } = boardWithCluster();
    add(board, { id: 'n9', text: 'x' });
    deleteNote(board, 'n9');
    const before = bulkText(board);
    expect(
      createInitiativeFromItem(board, settings, { id: 'i1', itemId: 'n9', personId: 'p', roundNumber: null }),
    ).toEqual({ ok: false, error: 'itemNotFound' });
    expect(
      createInitiativeFromItem(board, settings, { id: 'i1', itemId: 'zz', personId: 'p', roundNumber: null }).ok,
    ).toBe(false);
    expect(bulkText(board)).toBe(before);
  });

  it('puts a second initiative of the same group after the first', () => {
    const { board, settings } = boardWithCluster();
    add(board, { id: 'n5', text: '別の付箋', lane: 'idea' });
    create(board, settings, 'i1', 'c1');
    create(board, settings, 'i2', 'n5');
    const [group] = initiativesByPillar(board, settings);
    expect(group?.priorities.map((p) => p.initiatives.map((i) => i.id))).toEqual([[], ['i1', 'i2'], []]);
  });

  it('keeps bullets within the field limit, dropping whole lines past it', () => {
    expect(bulletLines(['あ', '  ', 'い\nう'], 100)).toBe('・あ\n・い う');
    expect(bulletLines(['12345', '67890'], 8)).toBe('・12345');
  });
});

describe('editing an initiative', () => {
  it('applies text changes and refuses one past the limit whole', () => {
    const { board, settings } = boardWithCluster();
    create(board, settings, 'i1', 'c1');
    expect(
      applyInitiativeTextChanges(board, 'i1', 'department', [{ index: 0, deleteCount: 0, insert: 'DX推進課' }]).ok,
    ).toBe(true);
    expect(stored(board, 'i1')?.fields.department).toBe('DX推進課');
    const before = bulkText(board);
    const tooLong = 'あ'.repeat(INITIATIVE_TEXT_MAX.department);
    expect(
      applyInitiativeTextChanges(board, 'i1', 'department', [{ index: 0, deleteCount: 0, insert: tooLong }]),
    ).toEqual({
      ok: false,
      error: 'textTooLong',
    });
    expect(setInitiativeText(board, 'i1', 'title', 'x'.repeat(INITIATIVE_TEXT_MAX.title + 1)).ok).toBe(false);
    expect(bulkText(board)).toBe(before);
    expect(setInitiativeText(board, 'i1', 'title', '窓口のオンライン化').ok).toBe(true);
    expect(stored(board, 'i1')?.fields.title).toBe('窓口のオンライン化');
  });

  it('lets a title merged past its limit by two people typing at once be shortened, never lengthened', () => {
    const { board, settings } = boardWithCluster();
    create(board, settings, 'i1', 'c1');
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(board));
    const half = INITIATIVE_TEXT_MAX.title - 10;
    expect(setInitiativeText(board, 'i1', 'title', 'A'.repeat(half)).ok).toBe(true);
    expect(setInitiativeText(other, 'i1', 'title', 'B'.repeat(half)).ok).toBe(true);
    Y.applyUpdate(board, Y.encodeStateAsUpdate(other));
    // What is stored, past the limit (what is shown is cut at the limit).
    const storedLength = () => stored(board, 'i1')!.texts.title!.length;
    const length = storedLength();
    expect(length).toBeGreaterThan(INITIATIVE_TEXT_MAX.title);
    expect(
      applyInitiativeTextChanges(board, 'i1', 'title', [{ index: length - 1, deleteCount: 1, insert: '' }]),
    ).toEqual({ ok: true, value: null });
    expect(storedLength()).toBe(length - 1);
    // Replacing one character with one keeps the length: allowed; growing it further is not.
    expect(applyInitiativeTextChanges(board, 'i1', 'title', [{ index: 0, deleteCount: 1, insert: 'C' }]).ok).toBe(true);
    expect(applyInitiativeTextChanges(board, 'i1', 'title', [{ index: 0, deleteCount: 0, insert: 'D' }])).toEqual({
      ok: false,
      error: 'textTooLong',
    });
    expect(stored(board, 'i1')!.fields.title).toMatch(/^C/);
    expect(storedLength()).toBe(length - 1);
  });

  it('turns a plain string written by another tool into collaborative text on the first edit', () => {
    const { board, settings } = boardWithCluster();
    create(board, settings, 'i1', 'c1');
    (boardRoots.initiatives(board).get('i1') as Y.Map<unknown>).set('content', '紙の説明');
    expect(stored(board, 'i1')?.texts.content).toBeNull();
    expect(
      applyInitiativeTextChanges(board, 'i1', 'content', [{ index: 4, deleteCount: 0, insert: 'を廃止' }]).ok,
    ).toBe(true);
    expect(stored(board, 'i1')?.fields.content).toBe('紙の説明を廃止');
    expect(stored(board, 'i1')?.texts.content).toBeInstanceOf(Y.Text);
  });

  it('sets fiscal years sorted and once each, refusing out-of-range years and too many', () => {
    const { board, settings } = boardWithCluster();
    create(board, settings, 'i1', 'c1');
    expect(setInitiativeFiscalYears(board, 'i1', [2023, 2022]).ok).toBe(true);
    expect(stored(board, 'i1')?.fiscalYears).toEqual([2022, 2023]);
    expect(setInitiativeFiscalYears(board, 'i1', [2024, 2022, 2024]).ok).toBe(true);
    expect(stored(board, 'i1')?.fiscalYears).toEqual([2022, 2024]);
    expect(setInitiativeFiscalYears(board, 'i1', [1900]).ok).toBe(false);
    expect(
      setInitiativeFiscalYears(
        board,
        'i1',
        Array.from({ length: 11 }, (_, i) => 2020 + i),
      ).ok,
    ).toBe(false);
    expect(stored(board, 'i1')?.fiscalYears).toEqual([2022, 2024]);
  });

  it('sets the status and refuses an unknown one', () => {
    const { board, settings } = boardWithCluster();
    create(board, settings, 'i1', 'c1');
    expect(setInitiativeStatus(board, 'i1', 'decided').ok).toBe(true);
    expect(setInitiativeStatus(board, 'i1', 'done' as 'draft')).toEqual({ ok: false, error: 'initiativeInvalid' });
    expect(stored(board, 'i1')?.status).toBe('decided');
  });
});

describe('moving initiatives', () => {
  function three() {
    const { board, settings } = boardWithCluster();
    add(board, { id: 'n5', text: 'B', lane: 'idea' });
    add(board, { id: 'n6', text: 'C', lane: 'idea' });
    create(board, settings, 'a', 'c1');
    create(board, settings, 'b', 'n5');
    create(board, settings, 'c', 'n6');
    return { board, settings };
  }
  const order = (board: Y.Doc, settings: Y.Doc) =>
    initiativesByPillar(board, settings).map((g) => g.priorities.map((p) => p.initiatives.map((i) => i.id)));

  it('reorders within a group: before another, and to the end', () => {
    const { board, settings } = three();
    expect(
      moveInitiative(board, settings, 'c', { pillarId: PILLAR_CITIZENS, priority: 'medium', beforeId: 'a' }).ok,
    ).toBe(true);
    expect(order(board, settings)[0]).toEqual([[], ['c', 'a', 'b'], []]);
    moveInitiative(board, settings, 'c', { pillarId: PILLAR_CITIZENS, priority: 'medium', beforeId: null });
    expect(order(board, settings)[0]).toEqual([[], ['a', 'b', 'c'], []]);
  });

  it('moves to another priority and pillar in one write', () => {
    const { board, settings } = three();
    moveInitiative(board, settings, 'b', { pillarId: PILLAR_CITIZENS, priority: 'high', beforeId: null });
    moveInitiative(board, settings, 'c', { pillarId: PILLAR_EFFICIENCY, priority: 'low', beforeId: null });
    const groups = order(board, settings);
    expect(groups[0]).toEqual([['b'], ['a'], []]);
    expect(groups[1]).toEqual([[], [], ['c']]);
  });

  it('refuses an unknown pillar, priority or neighbour, changing nothing', () => {
    const { board, settings } = three();
    const before = bulkText(board);
    expect(moveInitiative(board, settings, 'a', { pillarId: 'nope', priority: 'high', beforeId: null }).ok).toBe(false);
    expect(
      moveInitiative(board, settings, 'a', { pillarId: PILLAR_CITIZENS, priority: 'x' as 'high', beforeId: null }).ok,
    ).toBe(false);
    expect(
      moveInitiative(board, settings, 'a', { pillarId: PILLAR_CITIZENS, priority: 'high', beforeId: 'b' }).ok,
    ).toBe(false);
    expect(bulkText(board)).toBe(before);
  });

  it('lists an archived pillar’s initiatives after the active pillars, and an unknown pillar’s last', () => {
    const { board, settings } = three();
    moveInitiative(board, settings, 'b', { pillarId: PILLAR_EFFICIENCY, priority: 'high', beforeId: null });
    archivePillar(settings, PILLAR_EFFICIENCY);
    const map = boardRoots.initiatives(board).get('c') as Y.Map<unknown>;
    map.set('place', { pillarId: 'gone', priority: 'low', order: 'a0' });
    const groups = initiativesByPillar(board, settings);
    expect(groups.map((g) => g.pillar?.id ?? null)).toEqual(['p1', 'p3', 'p2', null]);
    expect(groups[3]?.priorities[2]?.initiatives.map((i) => i.id)).toEqual(['c']);
  });
});

describe('deleting and what initiatives were fed by', () => {
  it('moves to the trash, refuses edits there, and restores', () => {
    const { board, settings } = boardWithCluster();
    create(board, settings, 'i1', 'c1');
    expect(deleteInitiative(board, 'i1', 500).ok).toBe(true);
    expect(listInitiatives(board)).toEqual([]);
    expect(listDeletedInitiatives(board).map((i) => [i.id, i.deletedAt])).toEqual([['i1', 500]]);
    expect(setInitiativeText(board, 'i1', 'title', 'x')).toEqual({ ok: false, error: 'initiativeNotFound' });
    expect(initiativesFedBy(board).size).toBe(0);
    expect(restoreInitiative(board, 'i1').ok).toBe(true);
    expect(listInitiatives(board).map((i) => i.id)).toEqual(['i1']);
  });

  it('maps the item and each source note to the initiatives they fed, once each', () => {
    const { board, settings } = boardWithCluster();
    create(board, settings, 'i1', 'c1');
    create(board, settings, 'i2', 'c1');
    const fed = initiativesFedBy(board);
    expect(fed.get('c1')).toEqual(['i1', 'i2']);
    expect(fed.get('n3')).toEqual(['i1', 'i2']);
    expect(fed.has('n9')).toBe(false);
  });
});

describe('initiativeSteps', () => {
  it('steps within a priority, past its edge into the next priority, and never under an unknown pillar', () => {
    const { board, settings } = boardWithCluster();
    for (const id of ['a', 'b', 'c', 'x']) create(board, settings, id, 'c1');
    moveInitiative(board, settings, 'a', { pillarId: PILLAR_CITIZENS, priority: 'high', beforeId: null });
    const x = boardRoots.initiatives(board).get('x') as Y.Map<unknown>;
    x.set('place', { pillarId: 'gone', priority: 'medium', order: 'a0' });
    const steps = initiativeSteps(initiativesByPillar(board, settings));
    const at = (priority: string, beforeId: string | null) => ({ pillarId: PILLAR_CITIZENS, priority, beforeId });
    expect(steps.get('a')).toEqual({ up: null, down: at('medium', 'b') });
    expect(steps.get('b')).toEqual({ up: at('high', null), down: at('medium', null) });
    expect(steps.get('c')).toEqual({ up: at('medium', 'b'), down: at('low', null) });
    expect(steps.get('x')).toEqual({ up: null, down: null });
    // Each step, done, lands where the list says.
    moveInitiative(board, settings, 'c', steps.get('c')!.up!);
    expect(initiativesByPillar(board, settings)[0]!.priorities[1]!.initiatives.map((i) => i.id)).toEqual(['c', 'b']);
  });
});

describe('sameTitleNumbers', () => {
  it('numbers initiatives sharing a title in list order, and leaves a unique title alone', () => {
    const { board, settings } = boardWithCluster();
    for (const id of ['a', 'b', 'c']) create(board, settings, id, 'c1');
    setInitiativeText(board, 'c', 'title', '別の取組');
    const list = initiativesByPillar(board, settings).flatMap((g) => g.priorities.flatMap((p) => p.initiatives));
    const numbers = sameTitleNumbers(list);
    expect([...numbers]).toEqual([
      ['a', 1],
      ['b', 2],
    ]);
  });
});

describe('moveInitiativeToSlot', () => {
  it('puts a drop aimed before a card a colleague just moved or deleted at the end of the group aimed at', () => {
    const { board, settings } = boardWithCluster();
    for (const id of ['a', 'b', 'c']) create(board, settings, id, 'c1');
    const ids = (priority: 'high' | 'medium') =>
      initiativesByPillar(board, settings)[0]!
        .priorities.find((p) => p.priority === priority)!
        .initiatives.map((i) => i.id);
    // Seen a moment ago: 'a' in 中. A colleague moves 'a' to 高; this person drops 'c' before it.
    moveInitiative(board, settings, 'a', { pillarId: PILLAR_CITIZENS, priority: 'high', beforeId: null });
    const aimed = { pillarId: PILLAR_CITIZENS, priority: 'medium' as const, beforeId: 'a' };
    expect(moveInitiative(board, settings, 'c', aimed)).toEqual({ ok: false, error: 'initiativeNotFound' });
    expect(moveInitiativeToSlot(board, settings, 'c', aimed)).toEqual({
      ok: true,
      value: { ...aimed, beforeId: null },
    });
    expect(ids('medium')).toEqual(['b', 'c']);
    // Deleted meanwhile: the same.
    deleteInitiative(board, 'b');
    expect(moveInitiativeToSlot(board, settings, 'a', { ...aimed, beforeId: 'b' }).ok).toBe(true);
    expect(ids('medium')).toEqual(['c', 'a']);
    // The initiative itself deleted: refused, as not found.
    expect(moveInitiativeToSlot(board, settings, 'b', aimed)).toEqual({ ok: false, error: 'initiativeNotFound' });
  });
});
