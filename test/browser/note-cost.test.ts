import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addComment, setReaction } from '../../shared/ops/comments';
import { setSpotlight } from '../../shared/ops/liveFacilitation';
import { addNote, applyNoteTextChange } from '../../shared/ops/notes';
import { activePillars } from '../../shared/selectors';
import { connectSynced, type TestClient } from '../server/helpers';
import { BrowserHarness, type CreatedBoard, noteItem, shown } from './harness';

/**
 * What one note costs the page, for boards of thousands of notes (docs/benchmarks.md, "Where our load time and
 * memory go"): counted on the real page from React's own fibers (their `__reactFiber$` link on each element),
 * per note of a lane, as an editing participant sees it (drag and drop on, no note under the pointer or
 * focused: those two hold dnd-kit's draggable, client/notes/noteDrag.tsx). The budgets are today's figures with
 * a little room; before the board-wide note index a note took 17 fibers, 66 hooks, 34 effects, 10 store
 * subscriptions, 16 context reads and 10 elements.
 */
const BUDGET = {
  // The note's memo and function component, the <li>, its text, footer, author and 「…」 button.
  fibers: 8,
  // Its one subscription to the note index (useSyncExternalStore, which keeps its subscribing effect as a hook
  // too, and its stable subscribe function) and the ref its drag bindings use.
  hooks: 4,
  effects: 2,
  // Everything a note shows comes through that one subscription, not one per badge.
  storeSubscriptions: 1,
  // Its words, index and permissions are props from its list.
  contextReads: 0,
  // <li>, text, footer, author, 「…」 button, with room for one mark.
  elements: 6,
};

interface NoteCost {
  notes: number;
  /** Notes over the hook budget: those holding dnd-kit's draggable. */
  heavy: number;
  fibers: number;
  hooks: number;
  effects: number;
  storeSubscriptions: number;
  contextReads: number;
  elements: number;
}

/** The largest cost of any note now on the page (fibers under the note's top fiber in its list). */
function costPerNote(page: Page): Promise<NoteCost> {
  return page.evaluate((hookBudget) => {
    type Fiber = {
      tag: number;
      child: Fiber | null;
      sibling: Fiber | null;
      return: Fiber | null;
      stateNode: unknown;
      memoizedState: { next: unknown; queue: unknown } | null;
      updateQueue: { lastEffect?: { next: unknown } | null } | null;
      dependencies: { firstContext: { next: unknown } | null } | null;
    };
    const FUNCTION_TAGS = new Set([0, 11, 14, 15]); // function, forwardRef, memo, simple memo
    // The tree React shows now, from its root (an element's own fiber link may be the other, older copy).
    const container = document.getElementById('root') as unknown as Record<string, { stateNode: { current: Fiber } }>;
    const rootKey = Object.keys(container).find((name) => name.startsWith('__reactContainer$'));
    if (!rootKey) throw new Error('no React root');
    const tops = new Map<Element, Fiber>();
    const find = (fiber: Fiber) => {
      for (let child = fiber.child; child; child = child.sibling) {
        const node = child.stateNode;
        // A note's top fiber: the child of its list's <ul> whose subtree holds the note's <li>.
        if (node instanceof HTMLUListElement) {
          for (let top = child.child; top; top = top.sibling) {
            for (let inner = top.child; inner; inner = inner.sibling) {
              if (inner.stateNode instanceof HTMLLIElement && inner.stateNode.dataset.noteId)
                tops.set(inner.stateNode, top);
            }
          }
        }
        find(child);
      }
    };
    find(container[rootKey]!.stateNode.current);
    const length = (first: { next: unknown } | null | undefined, circular = false) => {
      let count = 0;
      for (let item = first; item; item = item.next as { next: unknown } | null) {
        count++;
        if (circular && item.next === first) break;
      }
      return count;
    };
    const worst = { fibers: 0, hooks: 0, effects: 0, storeSubscriptions: 0, contextReads: 0, elements: 0 };
    let heavy = 0;
    const notes = [...document.querySelectorAll('.lane li[data-note-id]')];
    for (const note of notes) {
      const top = tops.get(note);
      if (!top) throw new Error('no fiber on a note');
      const cost = { fibers: 0, hooks: 0, effects: 0, storeSubscriptions: 0, contextReads: 0 };
      const visit = (fiber: Fiber) => {
        cost.fibers++;
        if (FUNCTION_TAGS.has(fiber.tag)) {
          for (let hook = fiber.memoizedState; hook; hook = hook.next as Fiber['memoizedState']) {
            cost.hooks++;
            if (hook.queue && typeof hook.queue === 'object' && 'getSnapshot' in hook.queue) cost.storeSubscriptions++;
          }
          const last = fiber.updateQueue?.lastEffect;
          if (last) cost.effects += length(last.next as { next: unknown }, true);
        }
        cost.contextReads += length(fiber.dependencies?.firstContext);
        for (let child = fiber.child; child; child = child.sibling) visit(child);
      };
      visit(top);
      if (cost.hooks > hookBudget) heavy++;
      const elements = note.querySelectorAll('*').length + 1;
      for (const [name, value] of Object.entries({ ...cost, elements })) {
        const key = name as keyof typeof worst;
        worst[key] = Math.max(worst[key], value);
      }
    }
    return { notes: notes.length, heavy, ...worst };
  }, BUDGET.hooks);
}

describe('the cost of a note', () => {
  const harness = new BrowserHarness();
  let board: CreatedBoard;
  let tool: TestClient;
  let settings: TestClient;
  const ids: string[] = [];
  beforeAll(async () => {
    await harness.start();
    board = await harness.createBoard();
    const wsUrl = `${harness.server.url.replace('http', 'ws')}/ws`;
    // The facilitator's token: the spotlight below is a facilitator's setting.
    settings = await connectSynced(wsUrl, `${board.id}/settings`, board.tokens.facilitator);
    tool = await connectSynced(wsUrl, board.id, board.tokens.participant);
    const pillars = activePillars(settings.doc);
    for (let i = 0; i < 24; i++) {
      const pillar = pillars[i % pillars.length];
      if (!pillar) throw new Error('the template has pillars');
      const id = `n${i}`;
      ids.push(id);
      addNote(tool.doc, {
        id,
        pillarId: pillar.id,
        lane: i % 2 ? 'goal' : 'problem',
        text: `付箋${i}`,
        author: 'tool',
      });
    }
  });
  afterAll(async () => {
    tool?.destroy();
    settings?.destroy();
    await harness.stop();
  });

  it('keeps each note within its budget of React fibers, hooks, effects, subscriptions, contexts and elements', async () => {
    const page = await harness.openBoard(board, 'participant', { name: '佐藤' });
    await expect.poll(() => page.locator('.lane li[data-note-id]').count()).toBe(ids.length);
    const cost = await costPerNote(page);
    expect(cost.notes).toBe(ids.length);
    const overBudget = Object.fromEntries(
      Object.entries(BUDGET)
        .filter(([name, budget]) => cost[name as keyof NoteCost] > budget)
        .map(([name, budget]) => [name, { cost: cost[name as keyof NoteCost], budget }]),
    );
    expect(overBudget).toEqual({});
    // The pointer over a note gives that note alone its draggable (ready for the press that lifts it).
    await noteItem(page, '付箋3').locator('.note-text').hover();
    await expect.poll(async () => (await costPerNote(page)).heavy).toBe(1);
  });

  it('re-renders only the note a colleague edits, comments, reacts to or spotlights, and no other note', async () => {
    const page = await harness.openBoard(board, 'viewer', { name: '高橋', recordRenders: true });
    await expect.poll(() => page.locator('.lane li[data-note-id]').count()).toBe(ids.length);
    const target = 'n5';
    const renderedNotes = async (change: () => void, seen: () => Promise<void>) => {
      const before = await page.evaluate(() => ({ ...window.__renderCounts }));
      change();
      await seen();
      const after = await page.evaluate(() => ({ ...window.__renderCounts }));
      return Object.keys(after).filter((key) => key.startsWith('note:') && (after[key] ?? 0) > (before[key] ?? 0));
    };
    const note = noteItem(page, '付箋5');

    const edited = await renderedNotes(
      () => applyNoteTextChange(tool.doc, target, { index: 3, deleteCount: 0, insert: 'です' }),
      () => shown(noteItem(page, '付箋5です')),
    );
    expect(edited).toEqual([`note:${target}`]);

    const commented = await renderedNotes(
      () =>
        addComment(tool.doc, { id: 'c1', targetId: target, targetKind: 'note', text: '賛成です', author: 'p-tool' }),
      () => shown(note.getByText('コメント1件')),
    );
    expect(commented).toEqual([`note:${target}`]);

    const reacted = await renderedNotes(
      () => setReaction(tool.doc, target, '👍', 'p-tool', true),
      () => shown(note.getByText('いいね（1）')),
    );
    expect(reacted).toEqual([`note:${target}`]);

    const spotlit = await renderedNotes(
      () => setSpotlight(settings.doc, target),
      () => shown(note.getByText('注目中')),
    );
    expect(spotlit).toEqual([`note:${target}`]);
  });
});
