import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createBoardHistory } from '../../client/session/history.js';
import { boardRoots } from '../../shared/docs.js';
import { applyVerificationTextChanges, setVerificationResult } from '../../shared/ops/verification.js';
import { actualNotNumeric, firstNumber, listContinued } from '../../shared/records/continued.js';

function boardWithCard(): Y.Doc {
  const doc = new Y.Doc();
  const card = new Y.Map<unknown>();
  card.set('from', {
    boardId: 'old',
    boardTitle: '部会',
    initiativeId: 'i1',
    periodName: '第1期',
    first: 2022,
    last: 2023,
  });
  card.set('title', 'オンライン申請');
  card.set('targetValue', '令和5年度末までに50手続き');
  card.set('actual', new Y.Text());
  card.set('comment', new Y.Text());
  boardRoots.continued(doc).set('i1', card);
  return doc;
}
const alice = { personId: 'p-alice', name: '佐藤', now: 1000 };

describe('the verification of a continued card', () => {
  it('records the result with who verified it and when, and refuses a result that is not one', () => {
    const doc = boardWithCard();
    expect(setVerificationResult(doc, 'i1', 'partial', alice).ok).toBe(true);
    expect(listContinued(doc)[0]?.verification).toMatchObject({
      result: 'partial',
      verifiedBy: 'p-alice',
      verifiedByName: '佐藤',
      verifiedAt: 1000,
    });
    const before = Y.encodeStateAsUpdate(doc);
    expect(setVerificationResult(doc, 'i1', 'done' as never, alice)).toEqual({
      ok: false,
      error: 'verificationInvalid',
    });
    expect(setVerificationResult(doc, 'nope', 'achieved', alice)).toEqual({ ok: false, error: 'itemNotFound' });
    expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
  });

  it('merges two people typing at once, and refuses text past the limit without changing anything', () => {
    const doc = boardWithCard();
    const other = new Y.Doc();
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
    const bob = { personId: 'p-bob', name: '鈴木', now: 2000 };
    // Typed at the same moment on two devices, then exchanged: both words are kept, on both.
    applyVerificationTextChanges(doc, 'i1', 'actual', [{ index: 0, deleteCount: 0, insert: '38手続き' }], alice);
    applyVerificationTextChanges(other, 'i1', 'actual', [{ index: 0, deleteCount: 0, insert: '約' }], bob);
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(other));
    Y.applyUpdate(other, Y.encodeStateAsUpdate(doc));
    const merged = listContinued(doc)[0]!.verification.actual;
    expect(merged).toHaveLength('38手続き約'.length);
    expect(merged).toContain('38手続き');
    expect(listContinued(other)[0]!.verification.actual).toBe(merged);
    const long = [{ index: 0, deleteCount: 0, insert: 'x'.repeat(201) }];
    expect(applyVerificationTextChanges(doc, 'i1', 'actual', long, alice)).toEqual({ ok: false, error: 'textTooLong' });
    expect(listContinued(doc)[0]?.verification.actual).toBe(merged);
  });

  it('flags an actual value that is not a number where the target is one, keeping it as typed', () => {
    expect(firstNumber('令和5年度末までに50手続き')).toBe(50);
    expect(firstNumber('令和3年度比 30%削減')).toBe(30);
    expect(firstNumber('3.5時間')).toBe(3.5);
    expect(firstNumber('１，２００件')).toBe(1200);
    expect(firstNumber('未集計')).toBeNull();
    const card = (targetValue: string, actual: string) => ({ targetValue, verification: { actual } }) as never;
    expect(actualNotNumeric(card('50手続き', '未集計'))).toBe(true);
    expect(actualNotNumeric(card('50手続き', '38手続き'))).toBe(false);
    expect(actualNotNumeric(card('全課に配置', '未集計'))).toBe(false);
    expect(actualNotNumeric(card('50手続き', ''))).toBe(false);
  });

  it('is undone and redone with the board’s history, one’s own only, and the card stays', () => {
    const doc = boardWithCard();
    const history = createBoardHistory(doc);
    setVerificationResult(doc, 'i1', 'achieved', alice);
    applyVerificationTextChanges(doc, 'i1', 'comment', [{ index: 0, deleteCount: 0, insert: '予定どおり' }], alice);
    // A colleague's comment typed after: kept by the undo.
    const colleague = new Y.Doc();
    Y.applyUpdate(colleague, Y.encodeStateAsUpdate(doc));
    const bob = { personId: 'p-bob', name: '鈴木', now: 2000 };
    applyVerificationTextChanges(colleague, 'i1', 'actual', [{ index: 0, deleteCount: 0, insert: '52手続き' }], bob);
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(colleague), 'remote');

    expect(history.undo()).toEqual({ kind: 'undone' });
    expect(listContinued(doc)[0]!.verification).toMatchObject({ result: 'achieved', comment: '', actual: '52手続き' });
    expect(history.undo()).toEqual({ kind: 'undone' });
    expect(listContinued(doc)[0]!.verification).toMatchObject({ result: null, actual: '52手続き' });
    expect(listContinued(doc)).toHaveLength(1);
    expect(history.undo()).toEqual({ kind: 'nothing' });
    expect(history.redo()).toBe(true);
    expect(listContinued(doc)[0]!.verification.result).toBe('achieved');
    history.destroy();
  });
});
