import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { BACKUP_VERSION } from '../../server/export/backup.js';
import { boardRoots, settingsRoots } from '../../shared/docs.js';
import { createInitiativeFromItem } from '../../shared/ops/initiatives.js';
import { BOARD_SCHEMA_VERSION, SETTINGS_SCHEMA_VERSION } from '../../shared/records/meta.js';
import { listNotes } from '../../shared/selectors.js';
import {
  addManyNotes,
  type BackupJson,
  countBoards,
  decodeDocuments,
  download,
  importFile,
  rootsJson,
} from './exportHelpers.js';
import {
  type CreatedBoard,
  connectSynced,
  createBoard,
  startTestServer,
  type TestServer,
  tempDataDir,
  waitFor,
} from './helpers.js';
import { addNotes, boardWriter, call, clusterNotes, guest, settled, votes } from './votingHelpers.js';

/** What an import must keep: every root of both documents except the settings' per-board parts. */
function comparable(backup: BackupJson) {
  const { board, settings } = decodeDocuments(backup);
  const settingsRootsJson = rootsJson(settings);
  // Per board, never imported: the server-applied state (lock, archive, timer) and live facilitation (follow-me,
  // spotlight). The public voting rounds are, without the open one (never exported): the new board's document
  // shows them from the start, so its exports show the results before any settings room has loaded.
  const server = settingsRootsJson.server as {
    votingRounds?: Array<{ status: string }>;
    scoringRounds?: Array<{ status: string }>;
  };
  settingsRootsJson.server = {
    votingRounds: (server.votingRounds ?? []).filter((r) => r.status !== 'open'),
    scoringRounds: (server.scoringRounds ?? []).filter((r) => r.status !== 'open'),
  };
  const facilitation = { ...(settingsRootsJson.facilitation as Record<string, unknown>) };
  delete facilitation.followMe;
  delete facilitation.spotlight;
  settingsRootsJson.facilitation = facilitation;
  return { board: rootsJson(board), settings: settingsRootsJson };
}

async function backupOf(server: TestServer, board: { id: string; tokens: { facilitator: string } }) {
  const answer = await download(server.url, board.id, board.tokens.facilitator, 'json');
  expect(answer.status).toBe(200);
  return { backup: answer.json as unknown as BackupJson, text: answer.text };
}

describe('POST /api/boards/import', () => {
  let server: TestServer;
  const data = tempDataDir();
  let source: CreatedBoard;
  let sourceBackup: { backup: BackupJson; text: string };
  let personId: string;

  beforeAll(async () => {
    server = await startTestServer({ dataDir: data.dir });
    // A board with content in every part: notes (over the 64 KiB API body limit), a group, an initiative, a
    // locked board, a revealed round, a closed round and an open round holding one ballot.
    source = await createBoard(server.url, '元のボード');
    const writer = await boardWriter(server.wsUrl, source);
    addManyNotes(writer.doc, writer.pillarId, 1500, 'bulk');
    addNotes(writer.doc, writer.pillarId, ['n1', 'n2', 'n3']);
    clusterNotes(writer.doc, 'c1', writer.pillarId, ['n2', 'n3'], '窓口');
    await settled(writer, server.url, source);
    const api = votes(server.url, source.id);
    const f = source.tokens.facilitator;
    const voter = await guest(server.url, source, 'participant', '投票者');
    personId = voter.personId;
    for (const round of [1, 2]) {
      expect((await api.open(f)).status).toBe(201);
      expect((await api.cast(voter.token, round, 'n1')).status).toBe(200);
      expect((await api.cast(voter.token, round, 'c1')).status).toBe(200);
      expect((await api.close(f, round)).status).toBe(200);
    }
    expect((await api.reveal(f, 1)).status).toBe(200);
    expect((await api.open(f)).status).toBe(201);
    expect((await api.cast(voter.token, 3, 'n1')).status).toBe(200);
    // Scoring rounds too: revealed, closed, and an open one holding a score.
    const scoring = (path: string, body?: unknown, token = f) =>
      call(server.url, source.id, token, path.includes('/scores/') ? 'PUT' : 'POST', `/scoring/rounds${path}`, body);
    for (const round of [1, 2, 3]) {
      expect((await scoring('', { scope: 'all' })).status).toBe(201);
      const score = { effect: 4, ease: round, reason: `ScorerReason${round}` };
      expect((await scoring(`/${round}/scores/c1`, score, voter.token)).status).toBe(200);
      if (round < 3) expect((await scoring(`/${round}/close`)).status).toBe(200);
    }
    expect((await scoring('/1/reveal')).status).toBe(200);
    const settings = await connectSynced(server.wsUrl, `${source.id}/settings`, f);
    await waitFor(() => (settings.doc.getMap('server').get('votingRounds') as unknown[])?.length === 3, 'rounds');
    await waitFor(() => (settings.doc.getMap('server').get('scoringRounds') as unknown[])?.length === 3, 'scores');
    const made = createInitiativeFromItem(writer.doc, settings.doc, {
      id: 'i1',
      itemId: 'c1',
      personId: 'p',
      roundNumber: 1,
    });
    expect(made.ok).toBe(true);
    await settled(writer, server.url, source);
    expect((await call(server.url, source.id, f, 'PUT', '/lock', { locked: true })).status).toBe(200);
    settings.destroy();
    writer.destroy();
    sourceBackup = await backupOf(server, source);
  });
  afterAll(async () => {
    await server?.close();
    data.remove();
  });

  it('never puts a ballot in the backup, nor an open round; closed and revealed rounds carry their totals', () => {
    const { backup, text } = sourceBackup;
    expect(text).not.toContain(personId);
    expect(text).not.toContain('投票者');
    // Scoring rounds as voting rounds: the open one left out, the closed one with its sealed results.
    expect(backup.scoringRounds.map((r) => [r.number, r.status, r.scorers])).toEqual([
      [1, 'revealed', 1],
      [2, 'closed', 1],
    ]);
    expect(text).not.toContain('ScorerReason3');
    const results = backup.scoringRounds[1]!.results as Array<{ itemId: string }>;
    expect(results.find((r) => r.itemId === 'c1')).toMatchObject({
      reasons: [{ effect: 4, ease: 2, text: 'ScorerReason2' }],
    });
    expect(results.find((r) => r.itemId === 'n1')).toMatchObject({ summary: null });
    expect(backup.votingRounds.map((r) => [r.number, r.status])).toEqual([
      [1, 'revealed'],
      [2, 'closed'],
    ]);
    for (const round of backup.votingRounds) {
      expect(round.voters).toBe(1);
      expect(round.totals).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ itemId: 'n1', count: 1 }),
          expect.objectContaining({ itemId: 'c1', count: 1 }),
        ]),
      );
    }
  });

  it('imports a backup into a new board with new links; a second export holds the same content', async () => {
    expect(sourceBackup.text.length).toBeGreaterThan(64 * 1024);
    const before = await countBoards(server);
    const imported = await importFile(server.url, sourceBackup.text);
    expect(imported.status).toBe(201);
    expect(await countBoards(server)).toBe(before + 1);
    const created = imported.body as unknown as CreatedBoard;
    expect(created.id).not.toBe(source.id);
    expect(created.title).toBe('元のボード');
    for (const role of ['facilitator', 'participant', 'viewer'] as const) {
      expect(created.tokens[role]).not.toBe(source.tokens[role]);
      expect(created.links[role]).toContain(`/b/${created.id}#token=`);
    }
    // The old links do not open the new board.
    expect((await call(server.url, created.id, source.tokens.facilitator, 'GET', '/me')).status).toBe(401);
    // Before anything loads the new board's rooms: its documents (read from SQLite) already show the results.
    const minutes = await download(server.url, created.id, created.tokens.facilitator, 'md');
    expect(minutes.text).toContain('### 第1回');
    const again = (await backupOf(server, created)).backup;
    expect(comparable(again)).toEqual(comparable(sourceBackup.backup));
    expect(comparable(again).settings.server).toMatchObject({ votingRounds: [{ number: 1 }, { number: 2 }] });
    expect(again.votingRounds).toEqual(sourceBackup.backup.votingRounds);
    expect(again.schemaVersions).toEqual(sourceBackup.backup.schemaVersions);
    // Not imported: the old audit log (the new one starts with the import, then the Markdown above), the lock,
    // the people.
    expect(again.auditLog.map((e) => e.action)).toEqual(['board.export', 'board.import']);
    expect(again.auditLog[1]!.detail).toMatchObject({ sourceBoardId: source.id, backupVersion: 3, scoringRounds: 2 });
    expect(again.scoringRounds).toEqual(sourceBackup.backup.scoringRounds);
    // The closed scoring round stays sealed on the new board; the revealed one shows its results.
    const scoringRounds = (await call(server.url, created.id, created.tokens.viewer, 'GET', '/scoring')).body
      .rounds as Array<Record<string, unknown>>;
    expect(scoringRounds.map((r) => [r.number, r.status, r.results === null])).toEqual([
      [1, 'revealed', false],
      [2, 'closed', true],
    ]);
    expect(decodeDocuments(again).settings.getMap('server').get('lock')).toBeUndefined();
    const people = await call(server.url, created.id, created.tokens.facilitator, 'GET', '/people');
    expect(people.body.people).toEqual([]);
    // The rounds are the new board's own: revealed totals shown, the closed round still sealed.
    const rounds = (await votes(server.url, created.id).read(created.tokens.facilitator)).body.rounds as Array<
      Record<string, unknown>
    >;
    expect(rounds.map((r) => [r.number, r.status, r.totals === null])).toEqual([
      [1, 'revealed', false],
      [2, 'closed', true],
    ]);
    const viewer = await connectSynced(server.wsUrl, created.id, created.tokens.viewer);
    expect(listNotes(viewer.doc).length).toBe(1503);
    viewer.destroy();
  });

  async function refused(body: string, code: string) {
    const before = await countBoards(server);
    const answer = await importFile(server.url, body);
    expect(answer.status, JSON.stringify(answer.body)).toBe(400);
    expect(answer.body.code, JSON.stringify(answer.body)).toBe(code);
    expect(await countBoards(server)).toBe(before);
  }

  const edited = (change: (backup: Record<string, unknown>) => void) => {
    const copy = JSON.parse(sourceBackup.text) as Record<string, unknown>;
    change(copy);
    return JSON.stringify(copy);
  };

  it('refuses what is not a backup, a newer one, a cut or damaged one, creating nothing', async () => {
    await refused('これはJSONではありません', 'import-not-backup');
    await refused('{"title": "ボード"}', 'import-not-backup');
    await refused('[1, 2, 3]', 'import-not-backup');
    await refused(
      edited((b) => {
        b.version = BACKUP_VERSION + 1;
      }),
      'import-too-new',
    );
    await refused(
      edited((b) => {
        b.schemaVersions = { board: BOARD_SCHEMA_VERSION + 1, settings: SETTINGS_SCHEMA_VERSION };
      }),
      'import-too-new',
    );
    await refused(
      edited((b) => {
        (b.scoringRounds as Array<{ results: Array<{ reasons: unknown[] }> }>)[0]!.results[0]!.reasons = [
          { effect: 9, ease: 1, text: '' },
        ];
      }),
      'import-invalid',
    );
    await refused(sourceBackup.text.slice(0, Math.floor(sourceBackup.text.length / 2)), 'import-truncated');
    await refused(sourceBackup.text.slice(0, 200), 'import-truncated');
    const documents = sourceBackup.backup.documents;
    const cut = documents.board.slice(0, Math.floor(documents.board.length / 8) * 4);
    await refused(
      edited((b) => {
        b.documents = { ...documents, board: cut };
      }),
      'import-truncated',
    );
    await refused(
      edited((b) => {
        b.documents = { ...documents, settings: `!${documents.settings.slice(1)}` };
      }),
      'import-truncated',
    );
    await refused(
      edited((b) => {
        b.documents = { board: documents.settings, settings: documents.board };
      }),
      'import-invalid',
    );
    await refused(
      edited((b) => {
        delete b.documents;
      }),
      'import-invalid',
    );
    await refused(
      edited((b) => {
        b.votingRounds = [{ number: 1, status: 'open' }];
      }),
      'import-invalid',
    );
  });

  it('refuses a document whose own schema version is newer than this app, whatever the file says', async () => {
    const board = new Y.Doc();
    boardRoots.meta(board).set('schemaVersion', BOARD_SCHEMA_VERSION + 1);
    const body = edited((b) => {
      b.documents = {
        ...(b.documents as object),
        board: Buffer.from(Y.encodeStateAsUpdate(board)).toString('base64'),
      };
    });
    await refused(body, 'import-too-new');
  });

  it('migrates a backup of an older schema (board 2, settings 1, backup version 1)', async () => {
    const board = new Y.Doc();
    const settings = new Y.Doc();
    boardRoots.meta(board).set('schemaVersion', 2);
    const note = new Y.Map<unknown>();
    note.set('text', new Y.Text('古い付箋'));
    note.set('place', { pillarId: 'p1', lane: 'problem', order: 'a0' });
    note.set('author', 'someone');
    note.set('createdAt', 1);
    boardRoots.notes(board).set('old-note', note);
    settingsRoots.meta(settings).set('schemaVersion', 1);
    settingsRoots.meta(settings).set('title', '古いボード');
    const pillar = new Y.Map<unknown>();
    pillar.set('title', '市民サービスの向上');
    pillar.set('order', 'a0');
    settingsRoots.pillars(settings).set('p1', pillar);
    const backup = {
      format: 'digital-city-hall-board',
      version: 1,
      exportedAt: '2025-05-01T00:00:00.000Z',
      board: { id: 'oldBoard0001', title: '古いボード', createdAt: 1 },
      schemaVersions: { board: 2, settings: 1 },
      documents: {
        board: Buffer.from(Y.encodeStateAsUpdate(board)).toString('base64'),
        settings: Buffer.from(Y.encodeStateAsUpdate(settings)).toString('base64'),
      },
      auditLog: [],
    };
    const imported = await importFile(server.url, JSON.stringify(backup));
    expect(imported.status, JSON.stringify(imported.body)).toBe(201);
    const again = (await backupOf(server, imported.body as unknown as CreatedBoard)).backup;
    expect(again.schemaVersions).toEqual({ board: BOARD_SCHEMA_VERSION, settings: SETTINGS_SCHEMA_VERSION });
    expect(again.votingRounds).toEqual([]);
    const docs = decodeDocuments(again);
    expect(listNotes(docs.board).map((n) => n.text)).toEqual(['古い付箋']);
    // Settings 1 → 2 adds the seed's meetings to a board made before the meeting plan.
    expect(settingsRoots.meetings(docs.settings).size).toBeGreaterThan(0);
  });
});

describe('import limits and ADMIN_TOKEN', () => {
  it('needs the ADMIN_TOKEN when set, and refuses a file over MAX_IMPORT_BYTES (413), creating nothing', async () => {
    const adminToken = 'admin-token-of-this-test-0123';
    const server = await startTestServer({ adminToken, exports: { maxImportBytes: 4096 } });
    try {
      const board = await createBoard(server.url, '小さなボード', { authorization: `Bearer ${adminToken}` });
      const small = (await download(server.url, board.id, board.tokens.facilitator, 'json')).text;
      expect(small.length).toBeLessThan(4096);
      expect((await importFile(server.url, small)).status).toBe(401);
      expect((await importFile(server.url, small, { authorization: 'Bearer wrong-token-wrong-token' })).status).toBe(
        401,
      );
      const auth = { authorization: `Bearer ${adminToken}` };
      expect((await importFile(server.url, small, auth)).status).toBe(201);
      const before = await countBoards(server);
      const big = JSON.stringify({ ...JSON.parse(small), padding: 'x'.repeat(5000) });
      expect((await importFile(server.url, big, auth)).status).toBe(413);
      expect(await countBoards(server)).toBe(before);
      expect((await fetch(`${server.url}/api/boards/import`)).status).toBe(405);
    } finally {
      await server.close();
    }
  });
});
