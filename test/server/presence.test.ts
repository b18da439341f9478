import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createPresenceStore } from '../../client/session/presence.js';
import type { LogFields } from '../../server/log.js';
import { presenceColor } from '../../shared/records/presence.js';
import { startCuttableProxy } from './cuttableProxy.js';
import { awarenessFrame } from './frameBuilders.js';
import {
  connectSynced,
  createBoard,
  rawSocket,
  startTestServer,
  type TestClient,
  type TestServer,
  waitFor,
} from './helpers.js';

interface Personal {
  token: string;
  id: string;
  name: string;
}

async function post(url: string, token: string, body: unknown): Promise<Record<string, unknown>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${url}: ${response.status} ${await response.text()}`);
  return (await response.json()) as Record<string, unknown>;
}

/** A guest person through the shared link of `linkToken`, as our client joins. */
async function guest(server: TestServer, boardId: string, linkToken: string, name: string): Promise<Personal> {
  const body = await post(`${server.url}/api/boards/${boardId}/guests`, linkToken, { name });
  const person = body.person as { id: string; name: string };
  return { token: body.token as string, id: person.id, name: person.name };
}

const stateOf = (client: TestClient, of: TestClient) =>
  client.provider.awareness.getStates().get(of.doc.clientID) as
    | {
        user?: { id?: string; name?: string; role?: string; color?: string; number?: number };
        lead?: unknown;
        editing?: unknown;
      }
    | undefined;

describe('presence identity', () => {
  let server: TestServer;
  const logged: LogFields[] = [];
  beforeAll(async () => {
    server = await startTestServer({ log: (_message, fields) => fields && logged.push(fields) });
  });
  afterAll(() => server.close());

  it('publishes every state with the identity its connection authenticated; only a facilitator leads', async () => {
    const board = await createBoard(server.url);
    const sato = await guest(server, board.id, board.tokens.facilitator, '佐藤');
    const tanaka = await guest(server, board.id, board.tokens.participant, '田中');
    const facilitator = await connectSynced(server.wsUrl, board.id, sato.token);
    const participant = await connectSynced(server.wsUrl, board.id, tanaka.token);
    const viewer = await connectSynced(server.wsUrl, board.id, board.tokens.viewer);
    const observer = await connectSynced(server.wsUrl, board.id, board.tokens.participant);

    facilitator.provider.awareness.setLocalStateField('user', { id: sato.id, name: '佐藤', color: '#000000' });
    facilitator.provider.awareness.setLocalStateField('lead', { view: 'board', x: 0, y: 0 });
    // Both pretend to be the facilitator, and try to drive everyone to the voting view.
    const forged = { id: sato.id, name: '佐藤', color: presenceColor(sato.id) };
    for (const liar of [participant, viewer]) {
      liar.provider.awareness.setLocalState({ user: forged, lead: { view: 'voting', x: 0, y: 0 }, editing: 'n1' });
    }
    await waitFor(
      () => [facilitator, participant, viewer].every((c) => stateOf(observer, c)?.user !== undefined),
      'the observer to see all three',
    );
    await waitFor(() => stateOf(observer, viewer)?.editing === 'n1', 'the viewer’s state');

    expect(stateOf(observer, facilitator)).toMatchObject({
      user: { id: sato.id, name: '佐藤', role: 'facilitator', color: presenceColor(sato.id) },
      lead: { view: 'board' },
    });
    expect(stateOf(observer, participant)?.user).toEqual({
      id: tanaka.id,
      name: '田中',
      role: 'participant',
      color: presenceColor(tanaka.id),
    });
    expect(stateOf(observer, participant)).not.toHaveProperty('lead');
    const viewerUser = stateOf(observer, viewer)?.user;
    expect(viewerUser).toMatchObject({ name: '', role: 'viewer', id: `viewer:${viewerUser?.number}` });
    expect(viewerUser?.number).toBeGreaterThan(0);
    expect(stateOf(observer, viewer)).not.toHaveProperty('lead');
    expect(stateOf(observer, viewer)).toHaveProperty('editing', 'n1'); // the rest of a state is kept
    // Nobody but the facilitator's own client shows the facilitator's id.
    const claiming = [...observer.provider.awareness.getStates().values()].filter(
      (state) => (state as { user?: { id?: string } }).user?.id === sato.id,
    );
    expect(claiming).toHaveLength(1);
    expect(logged.filter((f) => f.event === 'security.presence-refused' && f.board === board.id)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ level: 'warn', role: 'participant', person: tanaka.id }),
        expect.objectContaining({ level: 'warn', role: 'viewer' }),
      ]),
    );
    for (const client of [facilitator, participant, viewer, observer]) client.destroy();
  });

  it('numbers viewers per board and shows a person’s rename from their next state', async () => {
    const board = await createBoard(server.url);
    const suzuki = await guest(server, board.id, board.tokens.participant, '鈴木');
    const viewers = await Promise.all([1, 2].map(() => connectSynced(server.wsUrl, board.id, board.tokens.viewer)));
    const person = await connectSynced(server.wsUrl, board.id, suzuki.token);
    for (const client of [...viewers, person]) client.provider.awareness.setLocalStateField('editing', null);
    await waitFor(
      () => [viewers[1]!, person].every((c) => stateOf(viewers[0]!, c)?.user !== undefined),
      'everyone’s presence',
    );
    await waitFor(() => viewers.every((v) => stateOf(person, v)?.user !== undefined), 'the person to see both');
    const numbers = viewers.map((v) => stateOf(person, v)?.user?.number).sort();
    expect(numbers).toEqual([1, 2]);

    const renamed = await fetch(`${server.url}/api/boards/${board.id}/me`, {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${suzuki.token}` },
      body: JSON.stringify({ name: '鈴木（総務課）' }),
    });
    expect(renamed.status).toBe(200);
    person.provider.awareness.setLocalStateField('editing', 'n2');
    await waitFor(() => stateOf(viewers[0]!, person)?.user?.name === '鈴木（総務課）', 'the new name');
    for (const client of [...viewers, person]) client.destroy();
  });

  it('keeps a released presence id for its person: others’ echoes and states cannot take it; the person’s next tab does', async () => {
    const board = await createBoard(server.url);
    const ota = await guest(server, board.id, board.tokens.participant, '太田');
    const ono = await guest(server, board.id, board.tokens.participant, '小野');
    const observer = await connectSynced(server.wsUrl, board.id, board.tokens.viewer);
    const doc = new Y.Doc();
    const first = await connectSynced(server.wsUrl, board.id, ota.token, doc);
    for (let i = 0; i < 5; i++) first.provider.awareness.setLocalStateField('editing', `n${i}`);
    await waitFor(() => stateOf(observer, first)?.editing === 'n4', 'the observer to see 太田');
    const clock = observer.provider.awareness.meta.get(doc.clientID)!.clock;
    first.provider.destroy(); // the same Y.Doc (the same client id) comes back below, as after a reconnect
    await waitFor(() => stateOf(observer, first) === undefined, '太田 to leave');

    // Another person echoes the removal and then tries to take the id up with a state of their own.
    const mallory = rawSocket(`${server.wsUrl}/${board.id}?token=${ono.token}`);
    await mallory.opened;
    mallory.ws.send(awarenessFrame([{ clientId: doc.clientID, clock, state: null }]));
    mallory.ws.send(awarenessFrame([{ clientId: doc.clientID, clock: clock + 1, state: { editing: '乗っ取り' } }]));
    mallory.ws.send(awarenessFrame([{ clientId: 919_191, clock: 1, state: { editing: '自分の' } }]));
    await waitFor(() => observer.provider.awareness.getStates().has(919_191), 'the other person’s own presence');
    expect(observer.provider.awareness.getStates().has(doc.clientID)).toBe(false);

    // 太田's client comes back with clocks lower than the ones everyone knows: shown again at once.
    const again = await connectSynced(server.wsUrl, board.id, ota.token, doc);
    again.provider.awareness.setLocalStateField('editing', '戻った');
    await waitFor(() => stateOf(observer, again)?.editing === '戻った', 'the observer to see 太田 again', 5_000);
    expect(stateOf(observer, again)?.user).toMatchObject({ id: ota.id, name: '太田' });
    again.provider.awareness.setLocalStateField('editing', 'その次');
    await waitFor(() => stateOf(observer, again)?.editing === 'その次', '太田’s next change', 5_000);
    mallory.ws.close();
    for (const client of [observer, again]) client.destroy();
  });

  it('lets a person’s new connection take over the id their old one still holds, and nobody else', async () => {
    const board = await createBoard(server.url);
    const mori = await guest(server, board.id, board.tokens.participant, '森');
    const other = await guest(server, board.id, board.tokens.participant, '林');
    const observer = await connectSynced(server.wsUrl, board.id, board.tokens.viewer);
    const old = await connectSynced(server.wsUrl, board.id, mori.token);
    old.provider.awareness.setLocalStateField('editing', '古い接続');
    await waitFor(() => stateOf(observer, old)?.editing === '古い接続', 'the observer to see 森');
    const id = old.doc.clientID;
    const clock = observer.provider.awareness.meta.get(id)!.clock;

    // Another person cannot; the same person's new connection (the old one not yet seen to drop) can.
    const stranger = rawSocket(`${server.wsUrl}/${board.id}?token=${other.token}`);
    const fresh = rawSocket(`${server.wsUrl}/${board.id}?token=${mori.token}`);
    await Promise.all([stranger.opened, fresh.opened]);
    stranger.ws.send(awarenessFrame([{ clientId: id, clock: clock + 5, state: { editing: '乗っ取り' } }]));
    fresh.ws.send(awarenessFrame([{ clientId: id, clock: clock + 1, state: { editing: '新しい接続' } }]));
    await waitFor(() => stateOf(observer, old)?.editing === '新しい接続', 'the new connection’s state');
    // The old connection closing does not remove the state its successor holds now.
    old.destroy();
    stranger.ws.send(awarenessFrame([{ clientId: 828_282, clock: 1, state: { editing: '目印' } }]));
    await waitFor(() => observer.provider.awareness.getStates().has(828_282), 'a later frame to arrive');
    expect(stateOf(observer, old)?.editing).toBe('新しい接続');
    expect(stateOf(observer, old)?.user).toMatchObject({ id: mori.id });
    for (const socket of [stranger, fresh]) socket.ws.close();
    observer.destroy();
  });
});

describe('presence across a network cut', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  it('shows a participant to everyone again after a 10 s cut, without reloading', async () => {
    const board = await createBoard(server.url);
    const proxy = await startCuttableProxy(server.port);
    const kato = await guest(server, board.id, board.tokens.participant, '加藤');
    const cut = await connectSynced(proxy.wsUrl, board.id, kato.token); // through the proxy
    const others = await Promise.all(
      ['伊藤', '山本', '中村'].map(async (name) => {
        const person = await guest(server, board.id, board.tokens.participant, name);
        const client = await connectSynced(server.wsUrl, board.id, person.token);
        client.provider.awareness.setLocalStateField('user', { id: person.id, name });
        return client;
      }),
    );
    cut.provider.awareness.setLocalStateField('user', { id: kato.id, name: '加藤' });
    const everyoneSees = (of: TestClient) => others.every((o) => o === of || stateOf(o, of)?.user?.id !== undefined);
    await waitFor(() => everyoneSees(cut), 'everyone to see 加藤');

    proxy.cut();
    const cutAt = Date.now();
    await waitFor(() => others.every((o) => stateOf(o, cut) === undefined), 'everyone to see 加藤 leave');
    // The scenario, not a wait for a condition: the network stays down for 10 s (meanwhile every other client
    // echoes 加藤's removal to the server, and 加藤's client keeps trying to reconnect).
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, 10_000 - (Date.now() - cutAt))));
    proxy.restore();
    await waitFor(() => cut.provider.wsconnected, '加藤 to reconnect', 10_000);
    await waitFor(() => everyoneSees(cut), 'everyone to see 加藤 again within 5 s', 5_000);
    expect(stateOf(others[0]!, cut)?.user).toMatchObject({ id: kato.id, name: '加藤' });

    // And 加藤's presence keeps working: a change reaches everyone.
    cut.provider.awareness.setLocalStateField('editing', 'note-1');
    await waitFor(() => others.every((o) => stateOf(o, cut)?.editing === 'note-1'), '加藤’s next change', 5_000);
    for (const client of [cut, ...others]) client.destroy();
    await proxy.close();
  }, 40_000);

  it('lets our client see everyone again as soon as it reconnects, not only once each renews', async () => {
    const board = await createBoard(server.url);
    const proxy = await startCuttableProxy(server.port);
    const bob = await connectSynced(server.wsUrl, board.id, board.tokens.participant);
    const alice = await connectSynced(proxy.wsUrl, board.id, board.tokens.participant); // through the proxy
    const presence = createPresenceStore(alice.provider, 'participant');
    const seesBob = () => presence.get().peers.some((peer) => peer.clientId === bob.doc.clientID);
    // Bob's state is fresh: the stock client renews it only 15 s from now, far after what follows.
    bob.provider.awareness.setLocalStateField('editing', 'n1');
    await waitFor(seesBob, 'alice to see bob');

    proxy.cut();
    await waitFor(() => !alice.provider.wsconnected && !seesBob(), 'alice to drop');
    proxy.restore();
    await waitFor(() => alice.provider.wsconnected, 'alice to reconnect', 10_000);
    await waitFor(seesBob, 'alice to see bob again', 3_000);
    presence.destroy();
    for (const client of [alice, bob]) client.destroy();
    await proxy.close();
  });
});
