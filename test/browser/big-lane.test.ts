import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addNote, deleteNote, moveNote } from '../../shared/ops/notes';
import { activePillars } from '../../shared/selectors';
import { connectSynced, type TestClient } from '../server/helpers';
import { BrowserHarness, type CreatedBoard, laneRegion, noteItem, openEditor, shown } from './harness';
import { beginComposition } from './ime';

const CITIZEN = '市民サービスの向上';
const NOTES = 60;

/**
 * A lane of many notes is laid out in chunks that the browser skips while they are off screen
 * (client/notes/noteChunks.ts). A note that changes chunk is mounted again by React: its focus and an IME
 * composition in its editor would be lost. These tests hold that a colleague's change never does that.
 */
describe('a lane of sixty notes', () => {
  const harness = new BrowserHarness();
  let board: CreatedBoard;
  let tool: TestClient;
  let settings: TestClient;
  const ids = Array.from({ length: NOTES }, (_, i) => `big${String(i).padStart(2, '0')}`);

  beforeAll(async () => {
    await harness.start();
    board = await harness.createBoard();
    const wsUrl = `${harness.server.url.replace('http', 'ws')}/ws`;
    settings = await connectSynced(wsUrl, `${board.id}/settings`, board.tokens.participant);
    tool = await connectSynced(wsUrl, board.id, board.tokens.participant);
    const pillar = activePillars(settings.doc)[0];
    if (!pillar) throw new Error('the template has pillars');
    ids.forEach((id, i) => {
      addNote(tool.doc, { id, pillarId: pillar.id, lane: 'problem', text: `課題${i}`, author: 'tool' });
    });
  });
  afterAll(async () => {
    tool?.destroy();
    settings?.destroy();
    await harness.stop();
  });

  it('keeps every note in the list, in order, and arrows walk across the chunks', async () => {
    const page = await harness.openBoard(board, 'viewer', { name: '閲覧者' });
    const lane = laneRegion(page, CITIZEN, '課題');
    await expect.poll(() => lane.getByRole('listitem').count()).toBe(NOTES);
    // One list for the screen reader, its items all the notes (a chunk adds no list of its own).
    const list = lane.getByRole('list', { name: `${CITIZEN} — 課題` });
    expect(await list.getByRole('listitem').count()).toBe(NOTES);
    expect(await lane.getByRole('list').count()).toBe(1);
    expect(await list.getByRole('listitem').evaluateAll((items) => items.map((i) => i.dataset.noteId))).toEqual(ids);

    await noteItem(page, '課題23').focus();
    await page.keyboard.press('ArrowRight');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('付箋: 課題24');
    await page.keyboard.press('End');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(
      `付箋: 課題${NOTES - 1}`,
    );
  });

  it('keeps an IME composition and the focus in a note’s editor when a colleague deletes a note above it', async () => {
    const page = await harness.openBoard(board, 'participant', { name: '佐藤' });
    const editor = await openEditor(page, '課題24');
    await editor.press('End');
    await editor.evaluate((el) => {
      (el as HTMLTextAreaElement & { sameElement?: boolean }).sameElement = true;
    });
    const composition = await beginComposition(page, ['か', 'かい']);

    // A colleague deletes the first note: every later note moves up one place, across the chunks' borders.
    deleteNote(tool.doc, ids[0]!);
    await expect.poll(() => laneRegion(page, CITIZEN, '課題').getByRole('listitem').count()).toBe(NOTES - 1);

    // The same textarea, still focused, its conversion still open.
    const state = () =>
      editor.evaluate((el) => ({
        same: (el as HTMLTextAreaElement & { sameElement?: boolean }).sameElement === true,
        focused: el === document.activeElement,
        value: (el as HTMLTextAreaElement).value,
      }));
    expect(await state()).toEqual({ same: true, focused: true, value: '課題24かい' });
    await composition.commit('改');
    await expect.poll(() => editor.inputValue()).toBe('課題24改');
    await editor.press('Enter');
    await shown(noteItem(page, '課題24改'));
  });

  it('keeps a composition in a note of the first chunk when a colleague moves the last note to the top of the lane', async () => {
    const page = await harness.openBoard(board, 'participant', { name: '鈴木' });
    const lane = laneRegion(page, CITIZEN, '課題');
    const ids = await lane.getByRole('listitem').evaluateAll((items) => items.map((i) => i.dataset.noteId ?? ''));
    // A note of the first chunk (課題11: no other note's name contains it).
    const text = '課題11';
    const editor = await openEditor(page, text);
    await editor.press('End');
    await editor.evaluate((el) => {
      (el as HTMLTextAreaElement & { sameElement?: boolean }).sameElement = true;
    });
    const composition = await beginComposition(page, ['か']);
    const last = ids.at(-1)!;
    const pillarId = activePillars(settings.doc)[0]!.id;
    moveNote(tool.doc, last, { pillarId, lane: 'problem', index: 0 });
    await expect.poll(() => lane.getByRole('listitem').first().getAttribute('data-note-id')).toBe(last);
    expect(
      await editor.evaluate((el) => ({
        same: (el as HTMLTextAreaElement & { sameElement?: boolean }).sameElement === true,
        focused: el === document.activeElement,
        value: (el as HTMLTextAreaElement).value,
      })),
    ).toEqual({ same: true, focused: true, value: `${text}か` });
    await composition.commit('課');
    await editor.press('Enter');
    await shown(noteItem(page, `${text}課`));
  });

  it('does not take the focus back to a note the person left, when a colleague’s change moves it', async () => {
    const page = await harness.openBoard(board, 'participant', { name: '高橋' });
    const lane = laneRegion(page, CITIZEN, '課題');
    // A note at the start of a chunk: a deletion above moves it into the chunk before.
    const item = lane.getByRole('listitem').nth(24);
    await item.focus();
    // The person leaves the note for the page (as a click on its background does).
    await item.evaluate((el) => (el as HTMLElement).blur());
    expect(await page.evaluate(() => document.activeElement === document.body)).toBe(true);
    const first = await lane.getByRole('listitem').first().getAttribute('data-note-id');
    deleteNote(tool.doc, first!);
    await expect.poll(() => lane.getByRole('listitem').first().getAttribute('data-note-id')).not.toBe(first);
    expect(await page.evaluate(() => document.activeElement === document.body)).toBe(true);
  });
});
