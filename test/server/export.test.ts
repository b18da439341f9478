import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { ExportJob } from '../../server/export/exportJob.js';
import { ExportBusyError, ExportWorkers } from '../../server/export/exportWorkers.js';
import { setParticipantExports } from '../../shared/records/exportPolicy.js';
import { listNotes } from '../../shared/selectors.js';
import { initialiseBoardDoc, initialiseSettingsDoc } from '../../shared/template.js';
import {
  addManyNotes,
  type BackupJson,
  countBoards,
  decodeDocuments,
  documentExportsBuilt,
  download,
  importFile,
} from './exportHelpers.js';
import {
  connectSynced,
  createBoard,
  rawSocket,
  startTestServer,
  type TestServer,
  tempDataDir,
  waitFor,
} from './helpers.js';
import { addNotes, boardWriter, call, guest } from './votingHelpers.js';

/** Lets participants and viewers download documents (the facilitator writes the settings document). */
async function allowParticipantExports(server: TestServer, boardId: string, token: string, allowed: boolean) {
  const facilitator = await connectSynced(server.wsUrl, `${boardId}/settings`, token);
  setParticipantExports(facilitator.doc, allowed);
  const observer = await connectSynced(server.wsUrl, `${boardId}/settings`, token);
  await waitFor(
    () => observer.doc.getMap('facilitation').get('participantExports') === allowed,
    'the server to store the setting',
  );
  facilitator.destroy();
  observer.destroy();
}

describe('GET /api/boards/<id>/export', () => {
  let server: TestServer;
  let documentsBuilt: boolean;
  const data = tempDataDir();
  const logged: string[] = [];
  beforeAll(async () => {
    server = await startTestServer({ dataDir: data.dir, log: (line) => logged.push(line) });
    documentsBuilt = await documentExportsBuilt();
  });
  afterAll(async () => {
    await server?.close();
    data.remove();
  });

  it('lets the facilitator download every format and the others documents only when allowed, never JSON', async () => {
    const board = await createBoard(server.url, '権限');
    const member = await guest(server.url, board, 'participant', '佐藤');
    const others = [board.tokens.participant, member.token, board.tokens.viewer];
    // Off (the default): participants and viewers get nothing.
    for (const token of others) {
      for (const format of ['md', 'csv', 'json']) {
        const answer = await download(server.url, board.id, token, format);
        expect(answer.status).toBe(403);
        expect(answer.json?.code).toBe('export-not-allowed');
      }
    }
    expect((await download(server.url, board.id, board.tokens.facilitator, 'json')).status).toBe(200);
    await allowParticipantExports(server, board.id, board.tokens.facilitator, true);
    // On: the documents, still never the backup (its audit log and unrevealed counts are the facilitator's).
    // Without the exporters (renderDocument's stub) a document reaches the worker and fails there: 500.
    const documentStatus = documentsBuilt ? 200 : 500;
    for (const token of [...others, board.tokens.facilitator]) {
      for (const format of ['md', 'csv']) {
        expect((await download(server.url, board.id, token, format)).status).toBe(documentStatus);
      }
    }
    for (const token of others) {
      const answer = await download(server.url, board.id, token, 'json');
      expect(answer.status).toBe(403);
      expect(answer.json?.code).toBe('export-not-allowed');
    }
    await allowParticipantExports(server, board.id, board.tokens.facilitator, false);
    expect((await download(server.url, board.id, board.tokens.viewer, 'md')).status).toBe(403);
  });

  it('refuses an unknown format (400), a wrong token (401) and an unknown board (404)', async () => {
    const board = await createBoard(server.url);
    const unknown = await download(server.url, board.id, board.tokens.facilitator, 'pdf');
    expect(unknown.status).toBe(400);
    expect(unknown.json?.code).toBe('export-format');
    expect((await download(server.url, board.id, board.tokens.facilitator, '')).json?.code).toBe('export-format');
    expect((await download(server.url, board.id, 'wrong-token-wrong-token', 'json')).status).toBe(401);
    expect((await download(server.url, 'nosuchboard1', board.tokens.facilitator, 'json')).status).toBe(404);
  });

  it('refuses a board made by a newer version of the app (409 export-too-new), writing no audit entry', async () => {
    const board = await createBoard(server.url, '新しい版');
    // A newer server migrated the document (clients may not write schemaVersion: only servers do).
    const newer = new Y.Doc();
    for (const update of (await server.storage.loadDocument(board.id, 'board')).updates) Y.applyUpdate(newer, update);
    const before = Y.encodeStateVector(newer);
    newer.getMap('meta').set('schemaVersion', 99);
    await server.storage.appendUpdate(board.id, 'board', Y.encodeStateAsUpdate(newer, before));
    const answer = await download(server.url, board.id, board.tokens.facilitator, 'docx');
    expect(answer.status, logged.join('\n')).toBe(409);
    expect(answer.json?.code).toBe('export-too-new');
    const audit = await call(server.url, board.id, board.tokens.facilitator, 'GET', '/audit');
    expect(audit.body.entries).toEqual([]);
  });

  it('names the file in Japanese (filename*) with an ASCII fallback, and logs who exported what', async () => {
    const board = await createBoard(server.url, 'デジタル市役所 "計画"/2026');
    const answer = await download(server.url, board.id, board.tokens.facilitator, 'json');
    expect(answer.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const disposition = answer.headers.get('content-disposition') ?? '';
    const ascii = /^attachment; filename="([\x20-\x7e]+)"; filename\*=UTF-8''([A-Za-z0-9%!#$&+\-.^_`|~]+)$/.exec(
      disposition,
    );
    expect(ascii, disposition).not.toBeNull();
    expect(ascii![1]).toMatch(new RegExp(`^Backup_${board.id}_\\d{4}-\\d{2}-\\d{2}\\.json$`));
    expect(decodeURIComponent(ascii![2]!)).toMatch(/^バックアップ_デジタル市役所 _計画__2026_\d{4}-\d{2}-\d{2}\.json$/);
    const audit = await call(server.url, board.id, board.tokens.facilitator, 'GET', '/audit');
    expect(audit.body.entries).toMatchObject([{ action: 'board.export', detail: { format: 'json' } }]);
  });

  it('exports what the live board holds while it is being edited, and equals it once editing stops', async () => {
    const board = await createBoard(server.url, '編集中');
    const writer = await boardWriter(server.wsUrl, board);
    const observer = await connectSynced(server.wsUrl, board.id, board.tokens.viewer);
    let typing = true;
    let n = 0;
    const typist = (async () => {
      while (typing) {
        addNotes(writer.doc, writer.pillarId, [`live-${n++}`]);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    })();
    await waitFor(() => listNotes(observer.doc).length >= 20, 'edits to arrive');
    const during = await download(server.url, board.id, board.tokens.facilitator, 'json');
    typing = false;
    await typist;
    const duringDocs = decodeDocuments(during.json as unknown as BackupJson);
    const exportedIds = listNotes(duringDocs.board).map((note) => note.id);
    expect(exportedIds.length).toBeGreaterThanOrEqual(20);
    // A consistent moment: every note the export holds is one the writer made, in the order it made them.
    expect(exportedIds.sort()).toEqual(Array.from({ length: exportedIds.length }, (_, i) => `live-${i}`).sort());
    await waitFor(
      () => Buffer.from(Y.encodeStateVector(observer.doc)).equals(Buffer.from(Y.encodeStateVector(writer.doc))),
      'the last edits to be stored',
    );
    const after = decodeDocuments(
      (await download(server.url, board.id, board.tokens.facilitator, 'json')).json as unknown as BackupJson,
    );
    expect(Y.encodeStateVector(after.board)).toEqual(Y.encodeStateVector(observer.doc));
    expect(listNotes(after.board).length).toBe(n);
    writer.destroy();
    observer.destroy();
  });

  it('keeps answering websocket sync messages while an export renders', async () => {
    const board = await createBoard(server.url, '大きなボード');
    const writer = await boardWriter(server.wsUrl, board);
    addManyNotes(writer.doc, writer.pillarId, 3000);
    const observer = await connectSynced(server.wsUrl, board.id, board.tokens.viewer);
    await waitFor(() => listNotes(observer.doc).length === 3000, 'the big board to be stored', 30_000);
    const socket = rawSocket(`${server.wsUrl}/${board.id}?token=${board.tokens.viewer}`);
    await socket.opened;
    // Ping-pong: a sync step 1 with an empty state vector; the server answers each with a step 2.
    const step1 = (() => {
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, 0);
      encoding.writeVarUint(encoder, 0);
      encoding.writeVarUint8Array(encoder, Y.encodeStateVector(new Y.Doc()));
      return encoding.toUint8Array(encoder);
    })();
    let exporting = false;
    let answeredDuringExport = 0;
    socket.ws.on('message', (data: Buffer) => {
      if (data[0] === 0 && data[1] === 1) {
        if (exporting) answeredDuringExport++;
        if (exporting) socket.ws.send(step1);
      }
    });
    exporting = true;
    socket.ws.send(step1);
    const format = documentsBuilt ? 'docx' : 'json';
    const answer = await download(server.url, board.id, board.tokens.facilitator, format);
    exporting = false;
    expect(answer.status).toBe(200);
    expect(answeredDuringExport).toBeGreaterThanOrEqual(2);
    socket.ws.close();
    writer.destroy();
    observer.destroy();
  });

  // The document formats reach renderDocument in a worker thread. Until the exporters are merged it is a
  // stub that throws: its error must become a 500 with the reason in the server log, nothing else.
  it('renders a document format in a worker: 200 with the exporters, the stub failure as a logged 500 without', async () => {
    const board = await createBoard(server.url, '書式');
    const answer = await download(server.url, board.id, board.tokens.facilitator, 'md');
    if (documentsBuilt) {
      expect(answer.status).toBe(200);
      expect(answer.headers.get('content-type')).toBe('text/markdown; charset=utf-8');
      expect(decodeURIComponent(answer.headers.get('content-disposition') ?? '')).toContain('議事録メモ_書式_');
    } else {
      expect(answer.status).toBe(500);
      expect(answer.json).toEqual({ error: 'internal error' });
      expect(logged.some((line) => line.includes('failed in its worker') && line.includes('not built yet'))).toBe(true);
    }
    // The pool goes on working after a failed render.
    expect((await download(server.url, board.id, board.tokens.facilitator, 'json')).status).toBe(200);
  });
});

describe('the export queue and timeout', () => {
  it('answers 503 export-busy beyond the queue, and renders the others', async () => {
    const server = await startTestServer({ exports: { workers: 1, queueMax: 0 } });
    try {
      const board = await createBoard(server.url);
      const answers = await Promise.all(
        Array.from({ length: 4 }, () => download(server.url, board.id, board.tokens.facilitator, 'json')),
      );
      const statuses = answers.map((a) => a.status);
      expect(statuses).toContain(200);
      expect(statuses).toContain(503);
      for (const answer of answers) {
        if (answer.status === 503) expect(answer.json?.code).toBe('export-busy');
        else expect(answer.status).toBe(200);
      }
    } finally {
      await server.close();
    }
  });

  it("keeps half the queue for the facilitator: participants' and viewers' exports cannot lock them out", async () => {
    const board = new Y.Doc();
    initialiseBoardDoc(board);
    const settings = new Y.Doc();
    initialiseSettingsDoc(settings, '混雑');
    const job = (): ExportJob => ({
      format: 'json',
      boardId: 'queue',
      board: Y.encodeStateAsUpdate(board),
      settings: Y.encodeStateAsUpdate(settings),
      exportedAt: 0,
      backup: { title: '混雑', createdAt: 0, auditLog: [], votingRounds: [], scoringRounds: [] },
    });
    const pool = new ExportWorkers({ workers: 1, queueMax: 4, timeoutMs: 60_000 }, () => {});
    try {
      // The queue state changes synchronously with each run: one running, then two waiting (half of 4).
      const runs: Promise<unknown>[] = [];
      for (let i = 0; i < 3; i++) {
        expect(pool.accepts('others'), `others ${i}`).toBe(true);
        runs.push(pool.run(job(), 'others'));
      }
      expect(pool.accepts('others')).toBe(false);
      await expect(pool.run(job(), 'others')).rejects.toBeInstanceOf(ExportBusyError);
      for (let i = 0; i < 2; i++) {
        expect(pool.accepts('facilitator'), `facilitator ${i}`).toBe(true);
        runs.push(pool.run(job(), 'facilitator'));
      }
      expect(pool.accepts('facilitator')).toBe(false);
      await expect(pool.run(job(), 'facilitator')).rejects.toBeInstanceOf(ExportBusyError);
      const done = await Promise.allSettled(runs);
      expect(done.map((result) => result.status)).toEqual(Array(5).fill('fulfilled'));
      expect(pool.accepts('others')).toBe(true);
    } finally {
      await pool.close();
    }
  });

  it('reads imports in the same workers: 503 import-busy beyond the queue, creating nothing for those', async () => {
    const source = await startTestServer();
    const board = await createBoard(source.url);
    const backup = (await download(source.url, board.id, board.tokens.facilitator, 'json')).text;
    await source.close();
    // A fresh server: its worker starts with the first import, while the others arrive.
    const server = await startTestServer({ exports: { workers: 1, queueMax: 0 } });
    try {
      const before = await countBoards(server);
      const answers = await Promise.all(Array.from({ length: 4 }, () => importFile(server.url, backup)));
      const statuses = answers.map((a) => a.status);
      expect(statuses).toContain(201);
      expect(statuses).toContain(503);
      for (const answer of answers) if (answer.status === 503) expect(answer.body.code).toBe('import-busy');
      expect(await countBoards(server)).toBe(before + statuses.filter((status) => status === 201).length);
    } finally {
      await server.close();
    }
  });

  it('stops a render that runs past EXPORT_TIMEOUT_MS (503 export-timeout) and serves the next export', async () => {
    const logged: string[] = [];
    const server = await startTestServer({ exports: { timeoutMs: 1 }, log: (line) => logged.push(line) });
    try {
      const board = await createBoard(server.url);
      // 1 ms cannot cover a worker's start: the render is stopped, its worker terminated.
      const answer = await download(server.url, board.id, board.tokens.facilitator, 'json');
      expect(answer.status).toBe(503);
      expect(answer.json?.code).toBe('export-timeout');
      expect(logged.some((line) => line.includes('ran past 1 ms'))).toBe(true);
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    } finally {
      await server.close();
    }
  });
});
