import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOTE_TEXT_MAX } from '../../shared/limits.js';
import { groupNotes } from '../../shared/ops/clusters.js';
import { addNote } from '../../shared/ops/notes.js';
import { allPillars, getNote } from '../../shared/selectors.js';
import {
  type CreatedBoard,
  connectSynced,
  createBoard,
  startTestServer,
  type TestClient,
  type TestServer,
  waitFor,
} from './helpers.js';

/**
 * `GET /suggestions/groups` and `POST /suggestions/similar` (issue 19) on the real server: the notes are read
 * from the room's Y.Doc (written here by a stock client), analysed in the worker thread, answered by role.
 */
describe('the suggestion routes', () => {
  let server: TestServer;
  let board: CreatedBoard;
  let writer: TestClient;
  let pillarId: string;
  let otherPillarId: string;

  const notes: Array<[string, string]> = [
    ['a', '紙の決裁が多い'],
    ['b', 'ハンコをもらうために出勤する'],
    ['c', '押印のために出勤している'],
    ['d', 'テレワークができない'],
    ['e', '在宅勤務の環境がない'],
    ['f', '庁舎の駐車場が狭い'],
    ['g', 'ＦＡＸで届いた書類を入力し直す'],
    ['h', 'ファックスでのやりとりが残っている'],
  ];

  beforeAll(async () => {
    server = await startTestServer();
    board = await createBoard(server.url);
    const settings = await connectSynced(server.wsUrl, `${board.id}/settings`, board.tokens.facilitator);
    [pillarId, otherPillarId] = allPillars(settings.doc).map((pillar) => pillar.id) as [string, string];
    settings.destroy();
    writer = await connectSynced(server.wsUrl, board.id, board.tokens.participant);
    for (const [id, text] of notes) addNote(writer.doc, { id, pillarId, lane: 'problem', text, author: 'a' });
    // Same words in another pillar: never proposed with these.
    addNote(writer.doc, {
      id: 'x',
      pillarId: otherPillarId,
      lane: 'problem',
      text: '押印のために出勤する',
      author: 'a',
    });
    // Two notes already in a cluster: never proposed to move.
    addNote(writer.doc, { id: 'k1', pillarId, lane: 'problem', text: 'ハンコが多すぎる', author: 'a' });
    addNote(writer.doc, { id: 'k2', pillarId, lane: 'problem', text: '押印が必要な書類が多い', author: 'a' });
    expect(groupNotes(writer.doc, { noteId: 'k1', targetNoteId: 'k2', newClusterId: 'c1', createdBy: 'a' }).ok).toBe(
      true,
    );
    const reader = await connectSynced(server.wsUrl, board.id, board.tokens.viewer);
    await waitFor(() => getNote(reader.doc, 'k2')?.place?.clusterId === 'c1', 'the notes to be stored and relayed');
    reader.destroy();
  });
  afterAll(async () => {
    writer.destroy();
    await server.close();
  });

  const groups = (query: string, token: string | null, boardId = board.id) =>
    fetch(`${server.url}/api/boards/${boardId}/suggestions/groups?${query}`, {
      headers: token === null ? {} : { authorization: `Bearer ${token}` },
    });
  const similar = (body: unknown, token: string | null, boardId = board.id) =>
    fetch(`${server.url}/api/boards/${boardId}/suggestions/similar`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...(token === null ? {} : { authorization: `Bearer ${token}` }) },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });

  it('proposes groups of the pillar and lane, with a title and shared words, leaving out clustered and lone notes', async () => {
    const response = await groups(`pillarId=${pillarId}&lane=problem&granularity=0.5`, board.tokens.participant);
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      groups: Array<{
        noteIds: string[];
        title: string;
        terms: string[];
        score: number;
        highlights: Record<string, string[]>;
      }>;
    };
    const sets = body.groups.map((group) => [...group.noteIds].sort().join(''));
    expect(sets).toContain('de');
    expect(sets).toContain('gh');
    expect(sets.some((set) => set.includes('b') && set.includes('c'))).toBe(true);
    const proposed = sets.join('');
    for (const left of ['f', 'x', 'k1', 'k2']) expect(proposed).not.toContain(left);
    const seals = body.groups.find((group) => group.noteIds.includes('c'))!;
    expect(seals.terms).toContain('押印');
    expect(seals.title).toContain('押印');
    expect(seals.highlights.b).toContain('ハンコ');
    for (const group of body.groups) {
      expect(group.score).toBeGreaterThan(0);
      expect(group.score).toBeLessThanOrEqual(1);
    }
  });

  it('answers the facilitator too, with the default granularity and every lane when not given', async () => {
    const response = await groups(`pillarId=${pillarId}`, board.tokens.facilitator);
    expect(response.status).toBe(200);
    expect(((await response.json()) as { groups: unknown[] }).groups.length).toBeGreaterThan(0);
  });

  it('finds up to three similar notes of the pillar for a text being typed, leaving out the note itself', async () => {
    const response = await similar(
      { pillarId, text: '押印のための出勤をやめたい', noteId: 'b' },
      board.tokens.participant,
    );
    expect(response.status).toBe(200);
    const body = (await response.json()) as { notes: Array<{ id: string; score: number; terms: string[] }> };
    expect(body.notes.length).toBeGreaterThan(0);
    expect(body.notes.length).toBeLessThanOrEqual(3);
    expect(body.notes[0]!.id).toBe('c');
    expect(body.notes[0]!.terms).toContain('押印');
    expect(body.notes.map((note) => note.id)).not.toContain('b');
    expect(body.notes.map((note) => note.id)).not.toContain('x');
    const empty = await similar({ pillarId, text: '🎉' }, board.tokens.facilitator);
    expect(await empty.json()).toEqual({ notes: [] });
  });

  it('refuses viewers (403), unknown boards (404) and missing tokens (401)', async () => {
    expect((await groups(`pillarId=${pillarId}`, board.tokens.viewer)).status).toBe(403);
    expect((await similar({ pillarId, text: '押印' }, board.tokens.viewer)).status).toBe(403);
    expect((await groups(`pillarId=${pillarId}`, board.tokens.facilitator, 'no-such-board')).status).toBe(404);
    expect((await similar({ pillarId, text: '押印' }, board.tokens.facilitator, 'no-such-board')).status).toBe(404);
    expect((await groups(`pillarId=${pillarId}`, null)).status).toBe(401);
  });

  it('refuses bad parameters with 400 and a reason', async () => {
    const reason = async (response: Response) => {
      expect(response.status).toBe(400);
      return ((await response.json()) as { error: string }).error;
    };
    const token = board.tokens.facilitator;
    expect(await reason(await groups('lane=problem', token))).toMatch(/pillarId/);
    expect(await reason(await groups('pillarId=nope', token))).toMatch(/pillarId/);
    expect(await reason(await groups(`pillarId=${pillarId}&lane=ideas`, token))).toMatch(/lane must be one of/);
    for (const granularity of ['2', '-0.1', 'abc', '']) {
      expect(await reason(await groups(`pillarId=${pillarId}&granularity=${granularity}`, token))).toMatch(
        /granularity/,
      );
    }
    expect(await reason(await similar({ text: '押印' }, token))).toMatch(/pillarId/);
    expect(await reason(await similar({ pillarId, text: 3 }, token))).toMatch(/text/);
    expect(await reason(await similar('not json', token))).toMatch(/JSON/);
    const long = await reason(await similar({ pillarId, text: 'あ'.repeat(NOTE_TEXT_MAX + 1) }, token));
    expect(long).toMatch(/note length limit/);
    // At the limit it is a text like any other.
    expect((await similar({ pillarId, text: '押印'.repeat(NOTE_TEXT_MAX / 2) }, token)).status).toBe(200);
  });

  it('limits the rate of one caller with 429 and Retry-After', async () => {
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 15 && !statuses.includes(429); i++) {
      const response = await similar({ pillarId, text: `押印 ${i}` }, board.tokens.participant);
      statuses.push(response.status);
      if (response.status === 429) retryAfter = response.headers.get('retry-after');
    }
    expect(statuses).toContain(429);
    expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
  });
});
