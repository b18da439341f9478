import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nextWeeklyRun } from '../../server/webhooks/schedule.js';
import { hostAllowed } from '../../server/webhooks/send.js';
import { startChatReceiver } from './chatReceiver.js';
import { createBoard, startTestServer, type TestServer, tempDataDir, waitFor } from './helpers.js';
import { addNotes, boardWriter, call, settled } from './votingHelpers.js';

describe('the weekly digest posted to a chat (webhooks)', () => {
  let chat: Awaited<ReturnType<typeof startChatReceiver>>;
  // A fake clock: Monday 2026-09-14 08:00 JST.
  let clock = Date.parse('2026-09-14T08:00:00+09:00');
  const data = tempDataDir();
  let server: TestServer;
  const start = () =>
    startTestServer({
      dataDir: data.dir,
      webhooks: {
        allowedHosts: [new URL(chat.url).host],
        caFile: chat.caFile,
        tickMs: 20,
        timeoutMs: 1000,
        now: () => clock,
      },
    });

  beforeAll(async () => {
    chat = await startChatReceiver();
    server = await start();
  });
  afterAll(async () => {
    chat?.close();
    await server?.close();
    data.remove();
  });

  it('knows Monday 9:00 in Japan, whatever the server’s time zone', () => {
    const monday = Date.parse('2026-09-14T09:00:00+09:00');
    expect(nextWeeklyRun(Date.parse('2026-09-14T08:59:00+09:00'), 1, 540)).toBe(monday);
    expect(nextWeeklyRun(monday, 1, 540)).toBe(monday + 7 * 86_400_000);
    // Sunday 23:30 UTC is already Monday in Japan.
    expect(nextWeeklyRun(Date.parse('2026-09-13T23:30:00Z'), 1, 540)).toBe(monday);
    expect(hostAllowed('outlook.webhook.office.com', ['*.webhook.office.com'])).toBe(true);
    expect(hostAllowed('webhook.office.com.evil.example', ['*.webhook.office.com'])).toBe(false);
    expect(hostAllowed('hooks.slack.com', [])).toBe(false);
    expect(hostAllowed('hooks.slack.com', ['hooks.slack.com'], 8443)).toBe(false);
    expect(hostAllowed('chat.example.lg.jp', ['chat.example.lg.jp:8443'], 8443)).toBe(true);
  });

  it('refuses an address that is not https or not on the allowlist, and a participant, changing nothing', async () => {
    const board = await createBoard(server.url);
    const put = (body: unknown, token = board.tokens.facilitator) =>
      call(server.url, board.id, token, 'PUT', '/webhook', body);
    const plain = await put({ url: 'http://localhost/hook', weekday: 1, time: '09:00' });
    expect([plain.status, plain.body.code]).toEqual([400, 'webhook-not-https']);
    const elsewhere = await put({ url: 'https://hooks.slack.com/services/x', weekday: 1, time: '09:00' });
    expect([elsewhere.status, elsewhere.body.code]).toEqual([400, 'webhook-host-not-allowed']);
    expect((await put({ url: chat.url, weekday: 7, time: '09:00' })).status).toBe(400);
    expect((await put({ url: chat.url, weekday: 1, time: '25:00' })).status).toBe(400);
    expect((await put({ url: chat.url, weekday: 1, time: '09:00' }, board.tokens.participant)).status).toBe(403);
    const read = await call(server.url, board.id, board.tokens.facilitator, 'GET', '/webhook');
    expect(read.body).toEqual({ webhook: null, allowedHosts: [new URL(chat.url).host] });
    // Another port of an allowed host is another service: refused.
    const otherPort = await put({ url: 'https://localhost:9/hook', weekday: 1, time: '09:00' });
    expect([otherPort.status, otherPort.body.code]).toEqual([400, 'webhook-host-not-allowed']);
    // The address never reaches a participant or a viewer.
    expect((await call(server.url, board.id, board.tokens.viewer, 'GET', '/webhook')).status).toBe(403);
  });

  it('posts the digest as {text} on schedule, tries again after a 500, and sends a run missed while down once', async () => {
    const board = await createBoard(server.url, '庁内部会');
    const writer = await boardWriter(server.wsUrl, board);
    addNotes(writer.doc, writer.pillarId, ['n1']);
    await settled(writer, server.url, board);
    writer.destroy();
    const set = await call(server.url, board.id, board.tokens.facilitator, 'PUT', '/webhook', {
      url: chat.url,
      weekday: 1,
      time: '09:00',
    });
    expect(set.status).toBe(200);
    expect(set.body.webhook).toMatchObject({ nextRunAt: Date.parse('2026-09-14T09:00:00+09:00'), lastError: null });
    const before = chat.bodies.length;

    // Due, and the chat fails once: the failure is kept for the facilitator, and tried again a minute later.
    chat.statuses.push(500);
    clock = Date.parse('2026-09-14T09:00:00+09:00');
    await waitFor(() => chat.bodies.length === before + 1, 'the first try');
    const webhook = async () =>
      (await call(server.url, board.id, board.tokens.facilitator, 'GET', '/webhook')).body.webhook as Record<
        string,
        unknown
      >;
    await expect.poll(async () => (await webhook()).failures).toBe(1);
    expect(await webhook()).toMatchObject({ lastSuccessAt: null, nextRunAt: clock + 60_000 });
    expect(String((await webhook()).lastError)).toContain('500');
    clock += 60_000;
    await waitFor(() => chat.bodies.length === before + 2, 'the retry');
    const posted = chat.bodies.at(-1)!;
    expect(posted).toMatchObject({ method: 'POST', contentType: 'application/json; charset=utf-8' });
    const text = (posted.json as { text: string }).text;
    expect(Object.keys(posted.json as object)).toEqual(['text']);
    expect(text).toContain('庁内部会 のまとめ');
    expect(text).toContain('付箋 n1');
    expect(text).toContain(`/b/${board.id}`);
    expect(text).not.toContain(board.tokens.facilitator);
    const ok = await call(server.url, board.id, board.tokens.facilitator, 'GET', '/webhook');
    expect(ok.body.webhook).toMatchObject({
      failures: 0,
      lastError: null,
      nextRunAt: Date.parse('2026-09-21T09:00:00+09:00'),
    });

    // The server is down across the next Monday: the run it missed is sent once after the restart.
    await server.close();
    clock = Date.parse('2026-09-23T12:00:00+09:00');
    server = await start();
    await waitFor(() => chat.bodies.length === before + 3, 'the missed run');
    // Sent once: the next run is next Monday (the clock stands still, so nothing else can be due before it).
    await expect.poll(async () => (await webhook()).lastSuccessAt).toBe(clock);
    expect(await webhook()).toMatchObject({ nextRunAt: Date.parse('2026-09-28T09:00:00+09:00') });
    expect(chat.bodies.length).toBe(before + 3);
  });

  it('cuts off a chat that never finishes its answer, follows no redirect, and says so to the facilitator', async () => {
    const board = await createBoard(server.url);
    const f = board.tokens.facilitator;
    expect((await call(server.url, board.id, f, 'POST', '/webhook/send')).status).toBe(404);
    await call(server.url, board.id, f, 'PUT', '/webhook', { url: chat.url, weekday: 3, time: '18:30' });
    chat.statuses.push(-1);
    const sent = await call(server.url, board.id, f, 'POST', '/webhook/send');
    expect([sent.status, sent.body.code]).toEqual([502, 'webhook-failed']);
    expect(String(sent.body.error)).toContain('no answer within 1 s');
    const read = await call(server.url, board.id, f, 'GET', '/webhook');
    expect(read.body.webhook).toMatchObject({ failures: 1, time: '18:30' });
    // A redirect is not followed (it could lead off the allowlist): it is a failure, said as such.
    chat.statuses.push(302);
    const redirected = await call(server.url, board.id, f, 'POST', '/webhook/send');
    expect(String(redirected.body.error)).toContain('a redirect, not followed');
  });
});
