import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { MAX_SNAPSHOTS_PER_BOARD } from '../../server/snapshotStore.js';
import { settingsRoots } from '../../shared/docs.js';
import { currentMeetingId, finishLastMeeting, setCurrentMeeting } from '../../shared/ops/meetings.js';
import { editNoteText } from '../../shared/ops/notes.js';
import { listMeetings } from '../../shared/records/meeting.js';
import { readBoardLock } from '../../shared/records/serverState.js';
import { boardTitle, getNote } from '../../shared/selectors.js';
import {
  type CreatedBoard,
  connectSynced,
  createBoard,
  startTestServer,
  type TestServer,
  tempDataDir,
  waitFor,
} from './helpers.js';
import { addNotes, boardWriter, call, settled } from './votingHelpers.js';

interface Meta {
  id: string;
  name: string;
  reason: 'manual' | 'meeting';
  meetingId: string | null;
  createdAt: number;
  createdBy: { role: string; name: string | null } | null;
}

const api = (server: TestServer, board: CreatedBoard) => ({
  save: (token: string, body: unknown) => call(server.url, board.id, token, 'POST', '/snapshots', body),
  list: async (token = board.tokens.viewer) =>
    (await call(server.url, board.id, token, 'GET', '/snapshots')).body.snapshots as Meta[],
  read: (token: string, id: string) => call(server.url, board.id, token, 'GET', `/snapshots/${id}`),
  restore: (token: string, id: string, body: unknown = {}) =>
    call(server.url, board.id, token, 'POST', `/snapshots/${id}/restore`, body),
});

/** The snapshot's documents, decoded from the answer of GET …/snapshots/<id>. */
function documentsOf(body: Record<string, unknown>): { board: Y.Doc; settings: Y.Doc } {
  const documents = body.documents as { board: string; settings: string };
  const board = new Y.Doc();
  const settings = new Y.Doc();
  Y.applyUpdate(board, Buffer.from(documents.board, 'base64'));
  Y.applyUpdate(settings, Buffer.from(documents.settings, 'base64'));
  return { board, settings };
}

const noteText = (doc: Y.Doc, id: string) => getNote(doc, id)?.text;

describe('named snapshots', () => {
  const data = tempDataDir();
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ dataDir: data.dir });
  });
  afterAll(async () => {
    await server.close();
    data.remove();
  });

  it('is saved by the facilitator only, with a name of 1–100 characters, and read by any link', async () => {
    const board = await createBoard(server.url);
    const snapshots = api(server, board);
    expect((await snapshots.save(board.tokens.participant, { name: '第2回終了時' })).status).toBe(403);
    expect((await snapshots.save(board.tokens.viewer, { name: '第2回終了時' })).status).toBe(403);
    for (const name of ['', '   ', 'あ'.repeat(101), 42]) {
      const bad = await snapshots.save(board.tokens.facilitator, { name });
      expect(bad.status).toBe(400);
      expect(bad.body.error).toMatch(/name/);
    }
    expect(await snapshots.list()).toEqual([]);

    const saved = await snapshots.save(board.tokens.facilitator, { name: '  第2回終了時  ' });
    expect(saved.status).toBe(201);
    const meta = saved.body.snapshot as Meta;
    expect(meta).toMatchObject({ name: '第2回終了時', reason: 'manual', createdBy: { role: 'facilitator' } });
    const second = (await snapshots.save(board.tokens.facilitator, { name: '二つ目' })).body.snapshot as Meta;
    expect((await snapshots.list(board.tokens.participant)).map((s) => s.name)).toEqual(['二つ目', '第2回終了時']);
    expect((await call(server.url, board.id, 'wrong-token', 'GET', '/snapshots')).status).toBe(401);

    const read = await snapshots.read(board.tokens.viewer, second.id);
    expect(read.status).toBe(200);
    expect(boardTitle(documentsOf(read.body).settings)).toBe('テスト');
    expect((await snapshots.read(board.tokens.viewer, 'no-such-id')).status).toBe(404);
    const other = await createBoard(server.url);
    // A snapshot is found only under its own board.
    expect((await call(server.url, other.id, other.tokens.viewer, 'GET', `/snapshots/${meta.id}`)).status).toBe(404);
    expect((await snapshots.restore(board.tokens.participant, meta.id)).status).toBe(403);
    expect((await snapshots.restore(board.tokens.facilitator, meta.id, { title: '' })).status).toBe(400);

    const audit = await call(server.url, board.id, board.tokens.facilitator, 'GET', '/audit');
    expect(audit.text).toContain('snapshot.save');
  });

  it('is one consistent state of each document while a client keeps editing', async () => {
    const board = await createBoard(server.url);
    const writer = await boardWriter(server.wsUrl, board);
    addNotes(writer.doc, writer.pillarId, ['n1']);
    await settled(writer, server.url, board);
    const snapshots = api(server, board);
    const typed: string[] = [];
    let typing = true;
    const typist = (async () => {
      for (let i = 0; typing && i < 400; i++) {
        const next = `${noteText(writer.doc, 'n1')}あ`;
        editNoteText(writer.doc, 'n1', next);
        typed.push(next);
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
    })();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      ids.push(((await snapshots.save(board.tokens.facilitator, { name: `途中${i}` })).body.snapshot as Meta).id);
    }
    typing = false;
    await typist;
    for (const id of ids) {
      const { board: doc } = documentsOf((await snapshots.read(board.tokens.viewer, id)).body);
      // Every struct integrated (nothing pending) and the text is one the writer had at some moment.
      expect(doc.store.pendingStructs).toBeNull();
      expect(doc.store.pendingDs).toBeNull();
      expect(['付箋 n1', ...typed]).toContain(noteText(doc, 'n1'));
    }
    writer.destroy();
  });

  it('restores into a new board with new links, leaving the live board unchanged', async () => {
    const board = await createBoard(server.url, '市民サービス');
    const writer = await boardWriter(server.wsUrl, board);
    addNotes(writer.doc, writer.pillarId, ['n1', 'n2']);
    editNoteText(writer.doc, 'n1', '窓口の待ち時間');
    await settled(writer, server.url, board);
    expect((await call(server.url, board.id, board.tokens.facilitator, 'PUT', '/lock', { locked: true })).status).toBe(
      200,
    );
    const snapshots = api(server, board);
    const meta = (await snapshots.save(board.tokens.facilitator, { name: '第2回終了時' })).body.snapshot as Meta;
    await call(server.url, board.id, board.tokens.facilitator, 'PUT', '/lock', { locked: false });
    editNoteText(writer.doc, 'n1', '窓口の待ち時間をなくす');
    await settled(writer, server.url, board);

    const restored = await snapshots.restore(board.tokens.facilitator, meta.id);
    expect(restored.status).toBe(201);
    const fresh = restored.body as unknown as CreatedBoard;
    expect(fresh.id).not.toBe(board.id);
    expect(fresh.title).toBe('市民サービス（第2回終了時）');
    expect(fresh.links.facilitator).toContain(`/b/${fresh.id}#token=${fresh.tokens.facilitator}`);
    expect(Object.values(fresh.tokens)).not.toContain(board.tokens.facilitator);

    // As stored, before any load (where the lock's mirror would correct it): no server-applied state.
    const db = new Database(join(server.dataDir, 'board.sqlite'), { readonly: true });
    const stored = db
      .prepare<[string], { state: Buffer }>("SELECT state FROM snapshots WHERE board_id = ? AND doc = 'settings'")
      .get(fresh.id)!;
    db.close();
    const storedSettings = new Y.Doc();
    Y.applyUpdate(storedSettings, stored.state);
    expect([...settingsRoots.server(storedSettings).keys()]).toEqual([]);
    const copy = await connectSynced(server.wsUrl, fresh.id, fresh.tokens.participant);
    const copySettings = await connectSynced(server.wsUrl, `${fresh.id}/settings`, fresh.tokens.facilitator);
    expect(noteText(copy.doc, 'n1')).toBe('窓口の待ち時間');
    expect(noteText(copy.doc, 'n2')).toBe('付箋 n2');
    expect(boardTitle(copySettings.doc)).toBe('市民サービス（第2回終了時）');
    // The lock belonged to the old board: the new one is open and writable.
    expect(readBoardLock(copySettings.doc)).toBeNull();
    expect([...settingsRoots.server(copySettings.doc).keys()]).toEqual([]);
    editNoteText(copy.doc, 'n2', '新しいボードで書いた');
    await settled(copy, server.url, fresh);
    expect(copy.denied).toEqual([]);

    // The live board keeps its newer text, and never sees the new board's edits.
    const live = await connectSynced(server.wsUrl, board.id, board.tokens.viewer);
    expect(noteText(live.doc, 'n1')).toBe('窓口の待ち時間をなくす');
    expect(noteText(live.doc, 'n2')).toBe('付箋 n2');
    const named = await snapshots.restore(board.tokens.facilitator, meta.id, { title: '  別の名前  ' });
    expect(named.body.title).toBe('別の名前');
    for (const client of [copy, copySettings, live, writer]) client.destroy();
  });

  it('deletes a snapshot on the facilitator’s request, and all of them with the board', async () => {
    const board = await createBoard(server.url);
    const snapshots = api(server, board);
    const first = (await snapshots.save(board.tokens.facilitator, { name: '一' })).body.snapshot as Meta;
    await snapshots.save(board.tokens.facilitator, { name: '二' });
    const path = `/snapshots/${first.id}`;
    expect((await call(server.url, board.id, board.tokens.participant, 'DELETE', path)).status).toBe(403);
    expect((await call(server.url, board.id, board.tokens.facilitator, 'DELETE', path)).status).toBe(200);
    expect((await call(server.url, board.id, board.tokens.facilitator, 'DELETE', path)).status).toBe(404);
    expect((await snapshots.list()).map((s) => s.name)).toEqual(['二']);
    const deleted = await call(server.url, board.id, board.tokens.facilitator, 'DELETE', '', { confirm: board.id });
    expect(deleted.status).toBe(200);
    const db = new Database(join(server.dataDir, 'board.sqlite'), { readonly: true });
    expect(db.prepare('SELECT COUNT(*) AS n FROM named_snapshots WHERE board_id = ?').get(board.id)).toEqual({ n: 0 });
    expect(db.prepare('SELECT COUNT(*) AS n FROM snapshot_meeting_seen WHERE board_id = ?').get(board.id)).toEqual({
      n: 0,
    });
    db.close();
  });

  it(`keeps at most ${MAX_SNAPSHOTS_PER_BOARD} snapshots per board and says so`, async () => {
    const board = await createBoard(server.url);
    const snapshots = api(server, board);
    for (let i = 0; i < MAX_SNAPSHOTS_PER_BOARD; i++) {
      expect((await snapshots.save(board.tokens.facilitator, { name: `保存${i}` })).status).toBe(201);
    }
    const refused = await snapshots.save(board.tokens.facilitator, { name: 'もう一つ' });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toContain(String(MAX_SNAPSHOTS_PER_BOARD));
    expect((await snapshots.list()).length).toBe(MAX_SNAPSHOTS_PER_BOARD);
  });
});

describe('the automatic snapshot at the end of a meeting', () => {
  it('is taken once when the facilitator moves on, not when moving back, and not again after a restart', async () => {
    const data = tempDataDir();
    let server = await startTestServer({ dataDir: data.dir });
    const board = await createBoard(server.url);
    const writer = await boardWriter(server.wsUrl, board);
    addNotes(writer.doc, writer.pillarId, ['n1']);
    editNoteText(writer.doc, 'n1', 'キックオフで出た課題');
    await settled(writer, server.url, board);
    const facilitator = await connectSynced(server.wsUrl, `${board.id}/settings`, board.tokens.facilitator);
    const meetings = listMeetings(settingsRoots.meetings(facilitator.doc));
    expect(currentMeetingId(facilitator.doc)).toBe(meetings[0]!.id);
    const list = async () => api(server, board).list();

    expect(setCurrentMeeting(facilitator.doc, meetings[1]!.id).ok).toBe(true);
    await waitForSnapshots(list, 1);
    const taken = await list();
    expect(taken).toHaveLength(1);
    expect(taken[0]).toMatchObject({ name: 'キックオフ終了時', reason: 'meeting', meetingId: meetings[0]!.id });
    expect(taken[0]!.createdBy).toBeNull();
    const read = await api(server, board).read(board.tokens.viewer, taken[0]!.id);
    expect(noteText(documentsOf(read.body).board, 'n1')).toBe('キックオフで出た課題');

    // Moving back records where the group is, without a snapshot; moving on again takes the next one.
    setCurrentMeeting(facilitator.doc, meetings[0]!.id);
    const watcher = await connectSynced(server.wsUrl, `${board.id}/settings`, board.tokens.viewer);
    await waitFor(() => currentMeetingId(watcher.doc) === meetings[0]!.id, 'the move back to be stored');
    watcher.destroy();
    writer.destroy();
    facilitator.destroy();
    await server.close();

    server = await startTestServer({ dataDir: data.dir });
    // The reload (and its catch-up check) takes nothing new.
    const again = await connectSynced(server.wsUrl, `${board.id}/settings`, board.tokens.facilitator);
    expect(currentMeetingId(again.doc)).toBe(meetings[0]!.id);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await list()).map((s) => s.name)).toEqual(['キックオフ終了時']);
    setCurrentMeeting(again.doc, meetings[1]!.id);
    await waitForSnapshots(list, 2);
    expect((await list()).map((s) => s.name)).toEqual(['キックオフ終了時', 'キックオフ終了時']);
    setCurrentMeeting(again.doc, meetings[2]!.id);
    await waitForSnapshots(list, 3);
    expect((await list())[0]!.name).toBe('第2回終了時');
    again.destroy();
    await server.close();

    // As if the server had stopped after storing the move to 第3回 but before its snapshot: the next load
    // takes it, once.
    const db = new Database(join(data.dir, 'board.sqlite'));
    db.prepare("DELETE FROM named_snapshots WHERE name = '第2回終了時'").run();
    db.prepare('UPDATE snapshot_meeting_seen SET meeting_id = ? WHERE board_id = ?').run(meetings[1]!.id, board.id);
    db.close();
    server = await startTestServer({ dataDir: data.dir });
    const third = await connectSynced(server.wsUrl, `${board.id}/settings`, board.tokens.viewer);
    await waitForSnapshots(list, 3);
    const fourth = await connectSynced(server.wsUrl, `${board.id}/settings`, board.tokens.viewer);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await list()).map((s) => s.name)).toEqual(['第2回終了時', 'キックオフ終了時', 'キックオフ終了時']);
    third.destroy();
    fourth.destroy();
    await server.close();
    data.remove();
  });
});

describe('the automatic snapshot at the end of the last meeting', () => {
  it('is taken when the facilitator ends the last meeting (no meeting under way any more)', async () => {
    const data = tempDataDir();
    const server = await startTestServer({ dataDir: data.dir });
    const board = await createBoard(server.url);
    const facilitator = await connectSynced(server.wsUrl, `${board.id}/settings`, board.tokens.facilitator);
    const meetings = listMeetings(settingsRoots.meetings(facilitator.doc));
    const list = async () => api(server, board).list();
    // Jumping to the last meeting from the plan takes the snapshot of the meeting that was under way.
    setCurrentMeeting(facilitator.doc, meetings.at(-1)!.id);
    await waitForSnapshots(list, 1);
    expect(finishLastMeeting(facilitator.doc).ok).toBe(true);
    await waitForSnapshots(list, 2);
    expect((await list()).map((s) => s.name)).toEqual(['第4回終了時', 'キックオフ終了時']);
    expect(currentMeetingId(facilitator.doc)).toBeNull();
    // Not the last meeting: refused, nothing changes.
    setCurrentMeeting(facilitator.doc, meetings[0]!.id);
    expect(finishLastMeeting(facilitator.doc)).toEqual({ ok: false, error: 'meetingNotLast' });
    facilitator.destroy();
    await server.close();
    data.remove();
  });
});

async function waitForSnapshots(list: () => Promise<Meta[]>, count: number): Promise<void> {
  for (let i = 0; i < 500; i++) {
    if ((await list()).length >= count) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`timed out waiting for ${count} snapshots`);
}
