import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { buildBackup } from '../../server/export/backup.js';
import { boardRoots } from '../../shared/docs.js';
import { NOTE_TEXT_MAX } from '../../shared/limits.js';
import { BOARD_SCHEMA_VERSION, SETTINGS_SCHEMA_VERSION } from '../../shared/records/meta.js';
import { writeVotingRounds } from '../../shared/records/voting.js';
import { activePillars, listNotes } from '../../shared/selectors.js';
import { initialiseBoardDoc, initialiseSettingsDoc } from '../../shared/template.js';
import { countBoards, download, importFile } from './exportHelpers.js';
import { type CreatedBoard, connectSynced, startTestServer, type TestServer, tempDataDir } from './helpers.js';
import { votes } from './votingHelpers.js';

/** A backup of a fresh board with `notes` notes of NOTE_TEXT_MAX characters each. */
function backupWithNotes(notes: number): string {
  const board = new Y.Doc();
  initialiseBoardDoc(board);
  const settings = new Y.Doc();
  initialiseSettingsDoc(settings, '大きなボード');
  const pillarId = activePillars(settings)[0]!.id;
  board.transact(() => {
    for (let i = 0; i < notes; i++) {
      const note = new Y.Map<unknown>();
      note.set('text', new Y.Text(`${i} ${'窓口の待ち時間'.repeat(NOTE_TEXT_MAX)}`.slice(0, NOTE_TEXT_MAX)));
      note.set('place', { pillarId, lane: 'problem', order: `a${String(i).padStart(6, '0')}` });
      note.set('author', 'test');
      note.set('createdAt', 1_760_000_000_000 + i);
      boardRoots.notes(board).set(`big-${i}`, note);
    }
  });
  const job = {
    boardId: 'bigBoard0001',
    board: Y.encodeStateAsUpdate(board),
    settings: Y.encodeStateAsUpdate(settings),
  };
  return JSON.stringify(
    buildBackup(
      { ...job, exportedAt: 0 },
      { title: '大きなボード', createdAt: 0, auditLog: [], votingRounds: [], scoringRounds: [] },
    ),
  );
}

describe('importing backups', () => {
  let server: TestServer;
  const data = tempDataDir();

  beforeAll(async () => {
    server = await startTestServer({ dataDir: data.dir });
  });
  afterAll(async () => {
    await server?.close();
    data.remove();
  });

  it('imports a board whose backup is over 5 MB (its base64 is checked in linear time)', async () => {
    // 1000 notes of 2000 Japanese characters: 6 kB of UTF-8 each, so about 8 MB of base64.
    const text = backupWithNotes(1000);
    expect(text.length).toBeGreaterThan(5 * 1024 * 1024);
    const before = await countBoards(server);
    const imported = await importFile(server.url, text);
    expect(imported.status, JSON.stringify(imported.body)).toBe(201);
    expect(await countBoards(server)).toBe(before + 1);
    const created = imported.body as unknown as CreatedBoard;
    const viewer = await connectSynced(server.wsUrl, created.id, created.tokens.viewer);
    expect(listNotes(viewer.doc).length).toBe(1000);
    viewer.destroy();
  });

  it('keeps the revealed results of a version-1 backup (kept only in the settings document then)', async () => {
    const board = new Y.Doc();
    initialiseBoardDoc(board);
    const settings = new Y.Doc();
    initialiseSettingsDoc(settings, '旧形式のボード');
    const pillarId = activePillars(settings)[0]!.id;
    const total = { itemId: 'n1', kind: 'note' as const, pillarId, label: '窓口の待ち時間', count: 3 };
    const round = { budget: 5, cap: null, openedAt: 1_000, closedAt: 2_000 };
    writeVotingRounds(settings, [
      { number: 1, status: 'revealed', ...round, revealedAt: 3_000, voters: 2, totals: [total] },
      { number: 2, status: 'closed', ...round, revealedAt: null, voters: null, totals: null },
      { number: 3, status: 'open', ...round, closedAt: null, revealedAt: null, voters: null, totals: null },
    ]);
    const backup = {
      format: 'digital-city-hall-board',
      version: 1,
      exportedAt: '2026-01-10T00:00:00.000Z',
      board: { id: 'oldBoard0002', title: '旧形式のボード', createdAt: 1 },
      schemaVersions: { board: BOARD_SCHEMA_VERSION, settings: SETTINGS_SCHEMA_VERSION },
      documents: {
        board: Buffer.from(Y.encodeStateAsUpdate(board)).toString('base64'),
        settings: Buffer.from(Y.encodeStateAsUpdate(settings)).toString('base64'),
      },
      auditLog: [],
    };
    const imported = await importFile(server.url, JSON.stringify(backup));
    expect(imported.status, JSON.stringify(imported.body)).toBe(201);
    const created = imported.body as unknown as CreatedBoard;
    const f = created.tokens.facilitator;
    const rounds = (await votes(server.url, created.id).read(f)).body.rounds as Array<Record<string, unknown>>;
    expect(rounds).toEqual([
      expect.objectContaining({ number: 1, status: 'revealed', voters: 2, totals: [total], revealedAt: 3_000 }),
    ]);
    const minutes = await download(server.url, created.id, f, 'md');
    expect(minutes.text).toContain('### 第1回');
    expect(minutes.text).toContain('窓口の待ち時間');
    const again = (await download(server.url, created.id, f, 'json')).json as { votingRounds: unknown[] };
    expect(again.votingRounds).toEqual([expect.objectContaining({ number: 1, status: 'revealed', totals: [total] })]);
  });

  it('refuses a backup whose board id, export time or title is unbounded or carries control characters', async () => {
    const valid = JSON.parse(backupWithNotes(1)) as Record<string, unknown> & { board: Record<string, unknown> };
    const variants: Array<(b: typeof valid) => void> = [
      (b) => {
        b.board.id = 'bigBoard0001\r\n[fake] board deleted';
      },
      (b) => {
        b.board.id = 'x'.repeat(65);
      },
      (b) => {
        b.exportedAt = `2026-01-10T00:00:00.000Z${' '.repeat(40)}`;
      },
      (b) => {
        b.exportedAt = 'yesterday\nmore';
      },
      (b) => {
        b.board.title = 'あ'.repeat(101);
      },
      (b) => {
        b.board.title = '題名\r\n偽の行';
      },
      (b) => {
        b.board.title = '請求書\u202Eexe.docx';
      },
    ];
    for (const change of variants) {
      const copy = structuredClone(valid);
      change(copy);
      const before = await countBoards(server);
      const answer = await importFile(server.url, JSON.stringify(copy));
      expect(answer.status, JSON.stringify(copy.board)).toBe(400);
      expect(answer.body.code).toBe('import-invalid');
      expect(await countBoards(server)).toBe(before);
    }
    expect((await importFile(server.url, JSON.stringify(valid))).status).toBe(201);
  });

  it('writes the board, its rounds and its board.import entry in one transaction: none without the others', async () => {
    const { sql } = server.storage;
    // The audit entry cannot be written (as on a full disk, but for this entry only).
    await sql.run(`CREATE TEMP TRIGGER refuse_import_entry BEFORE INSERT ON audit_log WHEN NEW.action = 'board.import'
             BEGIN SELECT RAISE(ABORT, 'the audit log cannot be written'); END`);
    try {
      const before = await countBoards(server);
      const answer = await importFile(server.url, backupWithNotes(1));
      expect(answer.status).not.toBe(201);
      expect(await countBoards(server)).toBe(before);
    } finally {
      await sql.run('DROP TRIGGER refuse_import_entry');
    }
  });
});
