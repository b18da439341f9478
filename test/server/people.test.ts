import { request } from 'node:http';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { MAX_PEOPLE_PER_BOARD } from '../../server/people.js';
import { addNote } from '../../shared/ops/notes.js';
import { CLOSE } from '../../shared/protocol.js';
import { BOARD_SCHEMA_VERSION, SETTINGS_SCHEMA_VERSION } from '../../shared/records/meta.js';
import { listNotes } from '../../shared/selectors.js';
import {
  type CreatedBoard,
  connectClient,
  connectSynced,
  createBoard,
  startTestServer,
  type TestServer,
  waitFor,
} from './helpers.js';

interface Api {
  status: number;
  body: Record<string, unknown>;
}

function api(server: TestServer, boardId: string) {
  return async (method: string, path: string, token: string, body?: unknown): Promise<Api> => {
    const response = await fetch(`${server.url}/api/boards/${boardId}${path}`, {
      method,
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
}

/** Resolves with the close code and reason once the stock client is closed for good. */
function closedFor(client: ReturnType<typeof connectClient>): Promise<{ code: number; reason: string }> {
  return new Promise((resolve) => {
    client.provider.on('connection-close', (event) => {
      if (event && event.code >= 4000) resolve({ code: event.code, reason: event.reason });
    });
  });
}

describe('people: roster members, guests and personal links', () => {
  let server: TestServer;
  let board: CreatedBoard;
  let call: ReturnType<typeof api>;
  beforeAll(async () => {
    server = await startTestServer();
    board = await createBoard(server.url, '名簿');
    call = api(server, board.id);
  });
  afterAll(() => server.close());

  it('gives a browser that joined through the shared participant link its own guest identity', async () => {
    const guest = await call('POST', '/guests', board.tokens.participant, { name: '  佐藤 ' });
    expect(guest.status).toBe(201);
    const token = guest.body.token as string;
    expect(guest.body.person).toMatchObject({ name: '佐藤', kind: 'guest', role: 'participant' });
    const me = await call('GET', '/me', token);
    expect(me.body).toMatchObject({ role: 'participant', person: { name: '佐藤', kind: 'guest' } });
    // A second browser gets a different person.
    const other = await call('POST', '/guests', board.tokens.participant, { name: '佐藤' });
    expect((other.body.person as { id: string }).id).not.toBe((guest.body.person as { id: string }).id);
    // The guest renames itself; the roster shows it.
    expect((await call('PATCH', '/me', token, { name: '佐藤 花子' })).status).toBe(200);
    const people = await call('GET', '/people', board.tokens.facilitator);
    expect((people.body.people as Array<{ name: string }>).map((p) => p.name)).toContain('佐藤 花子');
  });

  it('gives every link the roster’s ids and names for @mentions, and nothing else of a person', async () => {
    const member = await call('POST', '/people', board.tokens.facilitator, { name: '名簿の田中' });
    const token = member.body.token as string;
    for (const link of [board.tokens.participant, board.tokens.viewer, token]) {
      const roster = await call('GET', '/roster', link);
      expect(roster.status).toBe(200);
      const people = roster.body.people as Array<Record<string, unknown>>;
      expect(people).toContainEqual({ id: (member.body.person as { id: string }).id, name: '名簿の田中' });
      for (const person of people) expect(Object.keys(person).sort()).toEqual(['id', 'name']);
      expect(JSON.stringify(roster.body)).not.toContain(token);
    }
    expect((await call('GET', '/roster', 'not-a-token')).status).toBe(401);
  });

  it('refuses guest identities to viewers, to personal tokens and for bad names', async () => {
    expect((await call('POST', '/guests', board.tokens.viewer, { name: 'x' })).status).toBe(403);
    const guest = await call('POST', '/guests', board.tokens.participant, { name: '鈴木' });
    const again = await call('POST', '/guests', guest.body.token as string, { name: '鈴木' });
    expect(again.status).toBe(409);
    const empty = await call('POST', '/guests', board.tokens.participant, { name: '   ' });
    expect(empty).toEqual({ status: 400, body: { error: 'name must not be empty' } });
    const long = await call('POST', '/guests', board.tokens.participant, { name: 'あ'.repeat(51) });
    expect(long.body.error).toBe('name must be at most 50 characters');
    expect((await call('POST', '/guests', 'wrong-token', { name: 'x' })).status).toBe(401);
  });

  it('lets only the facilitator manage the roster', async () => {
    for (const token of [board.tokens.participant, board.tokens.viewer]) {
      expect((await call('GET', '/people', token)).status).toBe(403);
      expect((await call('POST', '/people', token, { name: '田中' })).status).toBe(403);
      expect((await call('POST', '/links/viewer', token)).status).toBe(403);
      expect((await call('GET', '/connections', token)).status).toBe(403);
      expect((await call('GET', '/audit', token)).status).toBe(403);
    }
    const guest = await call('POST', '/guests', board.tokens.participant, { name: '高橋' });
    expect((await call('POST', '/people', guest.body.token as string, { name: '田中' })).status).toBe(403);
  });

  it('hands a roster member a personal link that writes as that person, and replaces it on demand', async () => {
    const added = await call('POST', '/people', board.tokens.facilitator, { name: '田中 一郎' });
    expect(added.status).toBe(201);
    const oldToken = added.body.token as string;
    expect(added.body.link).toBe(`${server.url.replace('127.0.0.1', 'localhost')}/b/${board.id}#token=${oldToken}`);
    const person = added.body.person as { id: string };
    const member = await connectSynced(server.wsUrl, board.id, oldToken);
    addNote(member.doc, { id: 'member-note', pillarId: 'p1', lane: 'problem', text: '名簿から', author: person.id });
    const observer = await connectSynced(server.wsUrl, board.id, board.tokens.viewer);
    await waitFor(() => listNotes(observer.doc).length === 1, 'the member note');

    const closed = closedFor(member);
    const replaced = await call('POST', `/people/${person.id}/link`, board.tokens.facilitator);
    expect(replaced.status).toBe(200);
    const { code, reason } = await closed;
    expect(code).toBe(CLOSE.unauthorized);
    expect(reason).toMatch(/^link replaced/);
    expect((await call('GET', '/me', oldToken)).status).toBe(401);
    const me = await call('GET', '/me', replaced.body.token as string);
    expect(me.body).toMatchObject({ person: { id: person.id, name: '田中 一郎', kind: 'member' } });
    // The viewer's connection was not touched.
    expect(observer.provider.wsconnected).toBe(true);
    member.destroy();
    observer.destroy();
  });

  it('closes a removed person\u2019s connections and refuses their token', async () => {
    const added = await call('POST', '/people', board.tokens.facilitator, { name: '伊藤' });
    const token = added.body.token as string;
    const person = added.body.person as { id: string };
    const member = await connectSynced(server.wsUrl, board.id, token);
    const closed = closedFor(member);
    expect((await call('DELETE', `/people/${person.id}`, board.tokens.facilitator)).status).toBe(200);
    expect(await closed).toMatchObject({ code: CLOSE.unauthorized, reason: expect.stringMatching(/^removed/) });
    expect((await call('GET', '/me', token)).status).toBe(401);
    expect((await call('DELETE', `/people/${person.id}`, board.tokens.facilitator)).status).toBe(404);
    member.destroy();
  });

  it('replaces a shared link: its connections and the guests made through it stop, others go on', async () => {
    const own = await createBoard(server.url, 'リンク');
    const ownCall = api(server, own.id);
    const guest = await ownCall('POST', '/guests', own.tokens.participant, { name: '山本' });
    const viaLink = connectClient(server.wsUrl, own.id, own.tokens.participant);
    const viaGuest = connectClient(server.wsUrl, own.id, guest.body.token as string);
    const viewer = await connectSynced(server.wsUrl, own.id, own.tokens.viewer);
    await waitFor(() => viaLink.provider.synced && viaGuest.provider.synced, 'participants to sync');
    const linkClosed = closedFor(viaLink);
    const guestClosed = closedFor(viaGuest);

    const replaced = await ownCall('POST', '/links/participant', own.tokens.facilitator);
    expect(replaced.status).toBe(200);
    expect((await linkClosed).code).toBe(CLOSE.unauthorized);
    expect((await guestClosed).code).toBe(CLOSE.unauthorized);
    expect((await ownCall('GET', '/me', own.tokens.participant)).status).toBe(401);
    expect((await ownCall('GET', '/me', guest.body.token as string)).status).toBe(401);
    expect((await ownCall('GET', '/me', replaced.body.token as string)).body).toMatchObject({ role: 'participant' });
    expect(viewer.provider.wsconnected).toBe(true);
    expect((await ownCall('POST', '/links/owner', own.tokens.facilitator)).status).toBe(404);
    for (const client of [viaLink, viaGuest, viewer]) client.destroy();
  });

  it('shows the facilitator who is connected, per role, and records its actions in the audit log', async () => {
    const own = await createBoard(server.url, '接続');
    const ownCall = api(server, own.id);
    const facilitator = await ownCall('POST', '/guests', own.tokens.facilitator, { name: '議長' });
    const facToken = facilitator.body.token as string;
    const guest = await ownCall('POST', '/guests', own.tokens.participant, { name: '中村' });
    const clients = [
      await connectSynced(server.wsUrl, own.id, guest.body.token as string),
      await connectSynced(server.wsUrl, `${own.id}/settings`, guest.body.token as string),
      await connectSynced(server.wsUrl, own.id, own.tokens.viewer),
      await connectSynced(server.wsUrl, own.id, own.tokens.viewer),
    ];
    const summary = await ownCall('GET', '/connections', facToken);
    expect(summary.body).toEqual({
      byRole: { facilitator: 0, participant: 1, viewer: 2 },
      people: [
        {
          personId: (guest.body.person as { id: string }).id,
          name: '中村',
          role: 'participant',
          kind: 'guest',
          connections: 2,
        },
      ],
    });
    await ownCall('POST', '/people', facToken, { name: '小林' });
    await ownCall('POST', '/links/viewer', facToken);
    const audit = await ownCall('GET', '/audit', facToken);
    const entries = audit.body.entries as Array<{ action: string; actor: { name: string; role: string } }>;
    expect(entries.map((e) => e.action)).toEqual(['link.regenerate', 'member.add']);
    expect(entries[0]?.actor).toMatchObject({ name: '議長', role: 'facilitator' });
    for (const client of clients) client.destroy();
  });
});

describe('the audit log of settings changes', () => {
  it('records who changed the settings document, once per person per minute', async () => {
    const server = await startTestServer();
    try {
      const board = await createBoard(server.url, '設定');
      const call = api(server, board.id);
      const facilitator = await call('POST', '/guests', board.tokens.facilitator, { name: '議長' });
      const settings = await connectSynced(server.wsUrl, `${board.id}/settings`, facilitator.body.token as string);
      settings.doc.getMap('laneLabels').set('problem', '課題(現状)');
      settings.doc.getMap('laneLabels').set('goal', '目標');
      type Entry = { action: string; actor: { name: string }; detail: { parts: string[] } };
      let entries: Entry[] = [];
      const deadline = Date.now() + 5_000;
      while (entries.length === 0 && Date.now() < deadline) {
        entries = (await call('GET', '/audit', board.tokens.facilitator)).body.entries as Entry[];
      }
      expect(entries).toHaveLength(1);
      expect(entries[0]).toMatchObject({
        action: 'settings.change',
        actor: { name: '議長' },
        detail: { parts: ['laneLabels'] },
      });
      settings.destroy();
    } finally {
      await server.close();
    }
  });
});

describe('the number of people on a board', () => {
  it('refuses a new guest or member once the board has 2,000 people, with a reason', async () => {
    const server = await startTestServer();
    try {
      const board = await createBoard(server.url, '上限');
      const db = new Database(join(server.dataDir, 'board.sqlite'));
      const insert = db.prepare(
        "INSERT INTO people (id, board_id, kind, role, name, token_hash, created_at) VALUES (?, ?, 'guest', 'participant', 'x', ?, 0)",
      );
      db.transaction(() => {
        for (let i = 0; i < MAX_PEOPLE_PER_BOARD - 1; i++) insert.run(`p${i}`, board.id, `hash${i}`);
      })();
      db.close();
      const call = api(server, board.id);
      expect((await call('POST', '/guests', board.tokens.participant, { name: '最後' })).status).toBe(201);
      const refused = await call('POST', '/guests', board.tokens.participant, { name: 'もう一人' });
      expect(refused).toEqual({
        status: 409,
        body: { error: 'this board has reached 2000 people; ask the facilitator' },
      });
      expect((await call('POST', '/people', board.tokens.facilitator, { name: '名簿' })).status).toBe(409);
      // Replacing the participant link revokes those guests and frees their places.
      expect((await call('POST', '/links/participant', board.tokens.facilitator)).status).toBe(200);
      expect((await call('POST', '/people', board.tokens.facilitator, { name: '名簿' })).status).toBe(201);
      const other = await createBoard(server.url, '別のボード');
      expect((await api(server, other.id)('POST', '/guests', other.tokens.participant, { name: 'a' })).status).toBe(
        201,
      );
    } finally {
      await server.close();
    }
  });
});

describe('a link replaced while a request is on its way', () => {
  it('refuses the request once its body arrives, so no guest is made with the old link', async () => {
    const server = await startTestServer();
    try {
      const board = await createBoard(server.url, '競合');
      const body = JSON.stringify({ name: '古いリンク' });
      let finish = () => {};
      const answer = new Promise<{ status: number; text: string }>((resolve) => {
        const req = request(
          `${server.url}/api/boards/${board.id}/guests`,
          {
            method: 'POST',
            headers: {
              Authorization: `Bearer ${board.tokens.participant}`,
              'Content-Type': 'application/json',
              'Content-Length': Buffer.byteLength(body),
            },
          },
          (res) => {
            let text = '';
            res.on('data', (chunk) => {
              text += chunk;
            });
            res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
          },
        );
        req.write(body.slice(0, 5));
        finish = () => req.end(body.slice(5));
      });
      await new Promise((resolve) => setTimeout(resolve, 100));
      const call = api(server, board.id);
      expect((await call('POST', '/links/participant', board.tokens.facilitator)).status).toBe(200);
      finish();
      const { status, text } = await answer;
      expect(status).toBe(401);
      expect(JSON.parse(text)).toEqual({ error: 'missing or wrong token' });
      expect((await call('GET', '/people', board.tokens.facilitator)).body.people).toEqual([]);
    } finally {
      await server.close();
    }
  });
});

describe('the JSON backup', () => {
  it('gives the facilitator both documents exactly and the audit log, and nobody else', async () => {
    const server = await startTestServer();
    try {
      const board = await createBoard(server.url, '書き出し');
      const call = api(server, board.id);
      await call('POST', '/people', board.tokens.facilitator, { name: '田中' });
      await call('PUT', '/lock', board.tokens.facilitator, { locked: true });
      const writer = await connectSynced(server.wsUrl, board.id, board.tokens.facilitator);
      addNote(writer.doc, { id: 'kept', pillarId: 'p1', lane: 'goal', text: '書き出される付箋', author: 'a' });
      // Wait until the note is committed: a second client sees it.
      const observer = await connectSynced(server.wsUrl, board.id, board.tokens.viewer);
      await waitFor(() => listNotes(observer.doc).length === 1, 'the note to be stored');

      for (const token of [board.tokens.participant, board.tokens.viewer]) {
        expect((await call('GET', '/export?format=json', token)).status).toBe(403);
      }
      expect((await call('GET', '/export?format=pdf', board.tokens.facilitator)).status).toBe(400);
      const response = await fetch(`${server.url}/api/boards/${board.id}/export?format=json`, {
        headers: { Authorization: `Bearer ${board.tokens.facilitator}` },
      });
      expect(response.headers.get('content-disposition')).toMatch(/attachment; filename="Backup_.*\.json"/);
      const backup = (await response.json()) as {
        format: string;
        version: number;
        board: { id: string; title: string };
        schemaVersions: Record<string, number>;
        documents: Record<'board' | 'settings', string>;
        auditLog: Array<{ action: string }>;
      };
      expect(backup).toMatchObject({
        format: 'digital-city-hall-board',
        version: 3,
        board: { id: board.id, title: '書き出し' },
        schemaVersions: { board: BOARD_SCHEMA_VERSION, settings: SETTINGS_SCHEMA_VERSION },
      });
      const restored = new Y.Doc();
      Y.applyUpdate(restored, Buffer.from(backup.documents.board, 'base64'));
      expect(Y.encodeStateVector(restored)).toEqual(Y.encodeStateVector(observer.doc));
      expect(listNotes(restored).map((n) => n.text)).toEqual(['書き出される付箋']);
      const settings = new Y.Doc();
      Y.applyUpdate(settings, Buffer.from(backup.documents.settings, 'base64'));
      expect(settings.getMap('server').get('lock')).toBeTruthy();
      // The export itself is logged once it is sent: this backup does not hold its own entry.
      expect(backup.auditLog.map((e) => e.action)).toEqual(['board.lock', 'member.add']);
      writer.destroy();
      observer.destroy();
    } finally {
      await server.close();
    }
  });
});
