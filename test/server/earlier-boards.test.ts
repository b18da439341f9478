import { describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { boardRoots } from '../../shared/docs.js';
import { addNote } from '../../shared/ops/notes.js';
import { allPillars } from '../../shared/selectors.js';
import { useTestServer } from './apiServer.js';
import { type CreatedBoard, connectSynced, createBoard, rawSocket, waitFor } from './helpers.js';

type Tokens = Record<'facilitator' | 'participant' | 'viewer', string>;

/**
 * Members of a next period's board read the earlier boards of their line, without being given their links: the
 * server looks the token up on the boards recorded as made from the one asked for (「次期のボードを作る」).
 */
describe('the earlier periods’ boards, read with a link of a later one', () => {
  const { server: testServer, call, boardInNewPlan } = useTestServer();

  /** A 第1期 board with one note, in a plan of its own. */
  async function firstPeriodBoard(): Promise<CreatedBoard> {
    const { board } = await boardInNewPlan('第1期の部会');
    const settings = await connectSynced(testServer().wsUrl, `${board.id}/settings`, board.tokens.facilitator);
    const writer = await connectSynced(testServer().wsUrl, board.id, board.tokens.facilitator);
    const pillarId = allPillars(settings.doc)[0]!.id;
    expect(addNote(writer.doc, { id: 'n1', text: '申請書が紙のみ', pillarId, lane: 'problem', author: 'a' }).ok).toBe(
      true,
    );
    const observer = await connectSynced(testServer().wsUrl, board.id, board.tokens.viewer);
    await waitFor(() => boardRoots.notes(observer.doc).size === 1, 'the note to be stored');
    for (const client of [settings, writer, observer]) client.destroy();
    return board;
  }

  async function nextPeriod(board: { id: string; tokens: Tokens }) {
    const made = await call('POST', `/api/boards/${board.id}/next-period`, board.tokens.facilitator);
    expect(made.status).toBe(201);
    return made.json as { id: string; tokens: Tokens; members: { name: string; link: string }[] };
  }

  it('lets the facilitator and participant links of the next boards read the earlier boards as a viewer', async () => {
    const first = await firstPeriodBoard();
    const second = await nextPeriod(first);
    const third = await nextPeriod(second);

    const writers = (b: typeof second) => [b.tokens.facilitator, b.tokens.participant].map((t) => [b, t] as const);
    for (const [later, token] of [...writers(second), ...writers(third)]) {
      const me = await call('GET', `/api/boards/${first.id}/me`, token);
      expect(me.status).toBe(200);
      expect(me.json).toMatchObject({ role: 'viewer', person: null, through: { boardId: later.id } });
      const state = await fetch(`${testServer().url}/api/boards/${first.id}/state`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(state.status).toBe(200);
    }
    // Through the websocket too, the board as it is, and no change is taken from it.
    const reader = await connectSynced(testServer().wsUrl, first.id, third.tokens.participant);
    expect(boardRoots.notes(reader.doc).size).toBe(1);
    const pillarId = String((boardRoots.notes(reader.doc).get('n1') as Y.Map<unknown>).get('pillarId') ?? '');
    addNote(reader.doc, { id: 'n2', text: '書けないはず', pillarId, lane: 'problem', author: 'b' });
    await waitFor(() => reader.denied.length > 0, 'the write to be refused');
    const observer = await connectSynced(testServer().wsUrl, first.id, first.tokens.viewer);
    expect(boardRoots.notes(observer.doc).has('n2')).toBe(false);
    for (const client of [reader, observer]) client.destroy();
    // The plan view on the old board, read through a later link: no board is offered on that link's word.
    const overview = await call('GET', `/api/boards/${first.id}/plan/overview`, second.tokens.participant);
    expect(overview.status).toBe(200);
    expect(overview.json.boards.map((b: { readableWithThisLink: boolean }) => b.readableWithThisLink)).toEqual([
      false,
      false,
      false,
    ]);
    // A later board's shared viewer link (often handed out widely) reads that board only.
    for (const later of [second, third]) {
      expect((await call('GET', `/api/boards/${first.id}/me`, later.tokens.viewer)).status).toBe(401);
      expect((await call('GET', `/api/boards/${later.id}/me`, later.tokens.viewer)).status).toBe(200);
    }
  });

  it('gives nothing the other way, nor on a board of the same plan not made from it, nor on another board', async () => {
    const first = await firstPeriodBoard();
    const second = await nextPeriod(first);
    // The earlier board's links do not open the later one.
    expect((await call('GET', `/api/boards/${second.id}/me`, first.tokens.facilitator)).status).toBe(401);
    // Another group's board in the same plan's 第1期, and an unrelated board: a link of `second` reads neither.
    const plan = await call('GET', `/api/boards/${second.id}/plan`, second.tokens.facilitator);
    const sibling = await createBoard(testServer().url, '別の部会');
    const joined = await call('PUT', `/api/boards/${sibling.id}/plan`, sibling.tokens.facilitator, {
      joinKey: plan.json.plan.joinKey,
      periodNumber: 1,
      workingGroup: '別の部会',
    });
    expect(joined.status).toBe(200);
    const stranger = await createBoard(testServer().url, '無関係');
    for (const board of [sibling, stranger]) {
      expect((await call('GET', `/api/boards/${board.id}/me`, second.tokens.facilitator)).status).toBe(401);
      const socket = rawSocket(`${testServer().wsUrl}/${board.id}?token=${second.tokens.participant}`);
      expect((await socket.closed).code).toBe(4401);
    }
  });

  it('stops at once when the later board’s link is replaced (its guests too) or its member removed', async () => {
    const first = await firstPeriodBoard();
    await call('POST', `/api/boards/${first.id}/people`, first.tokens.facilitator, { name: '佐藤' });
    const second = await nextPeriod(first);
    const memberToken = new URL(second.members[0]!.link).hash.replace('#token=', '');

    // A guest identity made through the later board's participant link, as our page makes one.
    const guest = await call('POST', `/api/boards/${second.id}/guests`, second.tokens.participant, { name: '鈴木' });
    expect(guest.status).toBe(201);

    const byLink = await connectSynced(testServer().wsUrl, first.id, second.tokens.participant);
    const byGuest = await connectSynced(testServer().wsUrl, first.id, guest.json.token);
    const byMember = await connectSynced(testServer().wsUrl, first.id, memberToken);
    const closedCode = (client: typeof byLink) =>
      new Promise<number>((resolve) => client.provider.ws?.addEventListener('close', (event) => resolve(event.code)));
    const linkClosed = closedCode(byLink);
    const guestClosed = closedCode(byGuest);
    const replaced = await call('POST', `/api/boards/${second.id}/links/participant`, second.tokens.facilitator);
    expect(replaced.status).toBe(200);
    expect(await linkClosed).toBe(4401);
    expect(await guestClosed).toBe(4401);
    expect((await call('GET', `/api/boards/${first.id}/me`, second.tokens.participant)).status).toBe(401);
    expect((await call('GET', `/api/boards/${first.id}/me`, guest.json.token)).status).toBe(401);
    expect((await call('GET', `/api/boards/${first.id}/me`, replaced.json.token)).status).toBe(200);
    expect(byMember.provider.wsconnected).toBe(true);

    const memberClosed = closedCode(byMember);
    const people = await call('GET', `/api/boards/${second.id}/people`, second.tokens.facilitator);
    const personId = people.json.people.find((p: { name: string }) => p.name === '佐藤').id;
    expect(
      (await call('DELETE', `/api/boards/${second.id}/people/${personId}`, second.tokens.facilitator)).status,
    ).toBe(200);
    expect(await memberClosed).toBe(4401);
    expect((await call('GET', `/api/boards/${first.id}/me`, memberToken)).status).toBe(401);
    for (const client of [byLink, byGuest, byMember]) client.destroy();
  });

  it('stops when the later board is deleted: its open connections to the earlier one are closed', async () => {
    const first = await firstPeriodBoard();
    const second = await nextPeriod(first);
    const reader = await connectSynced(testServer().wsUrl, first.id, second.tokens.participant);
    const closed = new Promise<number>((resolve) =>
      reader.provider.ws?.addEventListener('close', (event) => resolve(event.code)),
    );
    const deleted = await call('DELETE', `/api/boards/${second.id}`, second.tokens.facilitator, { confirm: second.id });
    expect(deleted.status).toBe(200);
    expect(await closed).toBe(4401);
    expect((await call('GET', `/api/boards/${first.id}/me`, second.tokens.participant)).status).toBe(401);
    // The earlier board's own links are as they were.
    expect((await call('GET', `/api/boards/${first.id}/me`, first.tokens.viewer)).status).toBe(200);
    reader.destroy();
  });
});
