import { afterEach, describe, expect, it } from 'vitest';
import { createBoard, startTestServer } from './helpers.js';

const cleanups: Array<() => void | Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

interface Entry {
  action: string;
  actor: { role: string; personId: string | null; name: string | null; address: string | null };
}

describe('the audit log', () => {
  it('records the address of each action and, through the shared facilitator link, the display name in use', async () => {
    const server = await startTestServer();
    cleanups.push(() => server.close());
    const board = await createBoard(server.url);
    const base = `${server.url}/api/boards/${board.id}`;
    const facilitator = { authorization: `Bearer ${board.tokens.facilitator}`, 'content-type': 'application/json' };
    const locked = await fetch(`${base}/lock`, {
      method: 'PUT',
      headers: { ...facilitator, 'x-display-name': encodeURIComponent('企画課 佐藤') },
      body: JSON.stringify({ locked: true }),
    });
    expect(locked.status).toBe(200);
    const added = await fetch(`${base}/people`, {
      method: 'POST',
      headers: facilitator,
      body: JSON.stringify({ name: '鈴木', role: 'facilitator' }),
    });
    expect(added.status).toBe(201);
    const member = (await added.json()) as { token: string };
    const unlocked = await fetch(`${base}/lock`, {
      method: 'PUT',
      // A personal token: the roster's name is recorded, whatever the header claims.
      headers: {
        authorization: `Bearer ${member.token}`,
        'content-type': 'application/json',
        'x-display-name': 'someone',
      },
      body: JSON.stringify({ locked: false }),
    });
    expect(unlocked.status).toBe(200);

    const audit = (await (await fetch(`${base}/audit`, { headers: facilitator })).json()) as { entries: Entry[] };
    const byAction = (action: string) => audit.entries.find((entry) => entry.action === action)!;
    expect(byAction('board.lock').actor).toEqual({
      role: 'facilitator',
      personId: null,
      name: '企画課 佐藤',
      address: '127.0.0.1',
    });
    expect(byAction('member.add').actor).toEqual({
      role: 'facilitator',
      personId: null,
      name: null,
      address: '127.0.0.1',
    });
    expect(byAction('board.unlock').actor).toMatchObject({ role: 'facilitator', name: '鈴木', address: '127.0.0.1' });
  });
});
