import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { buildBackup } from '../../server/export/backup.js';
import { boardRoots } from '../../shared/docs.js';
import { NOTE_TEXT_MAX } from '../../shared/limits.js';
import { activePillars, listNotes } from '../../shared/selectors.js';
import { initialiseBoardDoc, initialiseSettingsDoc } from '../../shared/template.js';
import { countBoards, importFile } from './exportHelpers.js';
import { type CreatedBoard, connectSynced, startTestServer, type TestServer, tempDataDir } from './helpers.js';

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
    buildBackup({ ...job, exportedAt: 0 }, { title: '大きなボード', createdAt: 0, auditLog: [], votingRounds: [] }),
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
    const before = countBoards(server);
    const imported = await importFile(server.url, text);
    expect(imported.status, JSON.stringify(imported.body)).toBe(201);
    expect(countBoards(server)).toBe(before + 1);
    const created = imported.body as unknown as CreatedBoard;
    const viewer = await connectSynced(server.wsUrl, created.id, created.tokens.viewer);
    expect(listNotes(viewer.doc).length).toBe(1000);
    viewer.destroy();
  });
});
