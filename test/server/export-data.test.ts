import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addNote } from '../../shared/ops/notes.js';
import { setExportAuthorNames, setParticipantExports } from '../../shared/records/exportPolicy.js';
import { download } from './exportHelpers.js';
import { type CreatedBoard, connectSynced, createBoard, startTestServer, type TestServer, waitFor } from './helpers.js';
import { addNotes, boardWriter, guest, settled, votes } from './votingHelpers.js';

interface DataFile {
  format: string;
  version: number;
  board: { id: string; title: string };
  authorNames: boolean;
  period: { name: string; shortlist: string; firstFiscalYear: number; lastFiscalYear: number };
  plan: { name: string; periodName: string } | null;
  pillars: { id: string }[];
  notes: { id: string; text: string; authorName: string | null; groupId: string | null }[];
  rounds: { number: number; voters: number; totals: { itemId: string; count: number }[] }[];
  shortlist: unknown[];
  initiatives: unknown[];
}

/** Writes the facilitator's export settings through the settings document, and waits for the server to hold them. */
async function exportSettings(
  server: TestServer,
  board: CreatedBoard,
  values: { participants: boolean; names: boolean },
) {
  const facilitator = await connectSynced(server.wsUrl, `${board.id}/settings`, board.tokens.facilitator);
  setParticipantExports(facilitator.doc, values.participants);
  setExportAuthorNames(facilitator.doc, values.names);
  const observer = await connectSynced(server.wsUrl, `${board.id}/settings`, board.tokens.viewer);
  await waitFor(() => {
    const facilitation = observer.doc.getMap('facilitation');
    return (
      facilitation.get('participantExports') === values.participants &&
      (facilitation.get('exportAuthorNames') ?? false) === values.names
    );
  }, 'the server to store the export settings');
  facilitator.destroy();
  observer.destroy();
}

describe('GET /api/boards/<id>/export?format=data (the readable data)', () => {
  let server: TestServer;
  let board: CreatedBoard;
  let alice: { token: string; personId: string };
  beforeAll(async () => {
    server = await startTestServer();
    board = await createBoard(server.url, 'データの部会');
    const writer = await boardWriter(server.wsUrl, board);
    addNotes(writer.doc, writer.pillarId, ['voted1', 'voted2']);
    const named = addNote(writer.doc, {
      id: 'named',
      text: '名前のある付箋',
      pillarId: writer.pillarId,
      lane: 'idea',
      author: 'someone',
      authorName: '市民課 鈴木',
    });
    if (!named.ok) throw new Error(named.error);
    await settled(writer, server.url, board);
    writer.destroy();
    alice = await guest(server.url, board, 'participant', 'Alice');
    const api = votes(server.url, board.id);
    // Round 1 is revealed: its counts are public. Round 2 is closed but not revealed: its counts are sealed.
    expect((await api.open(board.tokens.facilitator, { budget: 5 })).status).toBe(201);
    for (let i = 0; i < 3; i++) expect((await api.cast(alice.token, 1, 'voted1')).status).toBe(200);
    expect((await api.close(board.tokens.facilitator, 1)).status).toBe(200);
    expect((await api.reveal(board.tokens.facilitator, 1)).status).toBe(200);
    expect((await api.open(board.tokens.facilitator, { budget: 5 })).status).toBe(201);
    for (let i = 0; i < 4; i++) expect((await api.cast(alice.token, 2, 'voted2')).status).toBe(200);
    expect((await api.close(board.tokens.facilitator, 2)).status).toBe(200);
  });
  afterAll(async () => {
    await server?.close();
  });

  it('gives a viewer and a participant with document rights the data file, named データ_<board>_<date>.json', async () => {
    await exportSettings(server, board, { participants: true, names: false });
    for (const token of [board.tokens.viewer, alice.token, board.tokens.facilitator]) {
      const answer = await download(server.url, board.id, token, 'data');
      expect(answer.status, answer.text).toBe(200);
      expect(answer.headers.get('content-type')).toBe('application/json; charset=utf-8');
      const disposition = decodeURIComponent(answer.headers.get('content-disposition') ?? '');
      expect(disposition).toMatch(/filename\*=UTF-8''データ_データの部会_\d{4}-\d{2}-\d{2}\.json$/);
      expect(disposition).toContain(`filename="Data_${board.id}_`);
      const data = answer.json as unknown as DataFile;
      expect(data).toMatchObject({ format: 'digital-city-hall-board/data', version: 1 });
      expect(data.board).toEqual({ id: board.id, title: 'データの部会' });
      expect(data.notes.map((n) => n.text)).toEqual(expect.arrayContaining(['付箋 voted1', '名前のある付箋']));
      expect(data.pillars.length).toBeGreaterThan(0);
      // The board's period, printed and as fiscal years: a new board plans for the two years after this one.
      expect(data.period.lastFiscalYear - data.period.firstFiscalYear).toBe(1);
      expect(data.period.shortlist).toMatch(/年度\)に取り組む$/);
      expect(data.plan).toBeNull();
    }
  });

  it("holds the revealed round's counts and nothing of the round not yet revealed", async () => {
    const answer = await download(server.url, board.id, board.tokens.viewer, 'data');
    const data = answer.json as unknown as DataFile;
    expect(data.rounds).toEqual([
      expect.objectContaining({
        number: 1,
        voters: 1,
        totals: [expect.objectContaining({ itemId: 'voted1', count: 3 })],
      }),
    ]);
    // Round 2 put 4 dots on voted2: neither the count nor any trace of the round may be in the file.
    expect(JSON.stringify(data.rounds)).not.toContain('voted2');
    expect(answer.text).not.toMatch(/"count":\s*4\b/);
    expect(answer.text).not.toMatch(/"votes":\s*4\b/);
    expect(answer.text).not.toMatch(/"number":\s*2\b/);
  });

  it('holds no audit log, no token, no person id, and no author name while the facilitator does not allow it', async () => {
    const answer = await download(server.url, board.id, alice.token, 'data');
    const data = answer.json as unknown as DataFile;
    for (const secret of [...Object.values(board.tokens), alice.token, alice.personId, 'someone', 'auditLog']) {
      expect(answer.text).not.toContain(secret);
    }
    expect(answer.text).not.toContain('board.export');
    expect(data.authorNames).toBe(false);
    expect(data.notes.every((note) => note.authorName === null)).toBe(true);
    expect(answer.text).not.toContain('鈴木');

    await exportSettings(server, board, { participants: true, names: true });
    const named = (await download(server.url, board.id, alice.token, 'data')).json as unknown as DataFile;
    expect(named.authorNames).toBe(true);
    expect(named.notes.find((note) => note.id === 'named')?.authorName).toBe('市民課 鈴木');
  });

  it('is refused to participants and viewers while the facilitator does not allow the documents', async () => {
    await exportSettings(server, board, { participants: false, names: true });
    for (const token of [board.tokens.viewer, alice.token]) {
      const answer = await download(server.url, board.id, token, 'data');
      expect(answer.status).toBe(403);
      expect(answer.json?.code).toBe('export-not-allowed');
    }
    expect((await download(server.url, board.id, board.tokens.facilitator, 'data')).status).toBe(200);
  });
  it("names the file in the language of the person's screen (lang=en), and refuses an unknown language", async () => {
    const named = async (query: string) => {
      const response = await fetch(`${server.url}/api/boards/${board.id}/export?${query}`, {
        headers: { authorization: `Bearer ${board.tokens.facilitator}` },
      });
      await response.arrayBuffer();
      const disposition = decodeURIComponent(response.headers.get('content-disposition') ?? '');
      return { status: response.status, name: /filename\*=UTF-8''(.+)$/.exec(disposition)?.[1] };
    };
    expect((await named('format=md')).name).toMatch(/^議事録メモ_データの部会_\d{4}-\d{2}-\d{2}\.md$/);
    expect((await named('format=md&lang=en')).name).toMatch(/^Minutes-memo_データの部会_\d{4}-\d{2}-\d{2}\.md$/);
    expect((await named('format=data&lang=en')).name).toMatch(/^Data_データの部会_\d{4}-\d{2}-\d{2}\.json$/);
    expect((await named('format=md&lang=fr')).status).toBe(400);
  });
});
