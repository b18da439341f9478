import { afterAll, beforeAll, expect } from 'vitest';
import { type CreatedBoard, createBoard, startTestServer, type TestServer, tempDataDir } from './helpers.js';

/** An answer of the JSON API: its status, its text, and its body parsed (null when it is not JSON). */
export interface ApiAnswer {
  status: number;
  text: string;
  // biome-ignore lint/suspicious/noExplicitAny: the answers of many endpoints, read field by field by the tests
  json: Record<string, any>;
}

/**
 * A server of its own for the tests of a `describe` block (on a temporary data folder, started before them and
 * stopped after), and a caller of its JSON API with a bearer token (none when null).
 */
export function useTestServer(): {
  server: () => TestServer;
  call: (method: string, path: string, token: string | null, body?: unknown) => Promise<ApiAnswer>;
  /** A new board in 第1期 (2022–2023) of a new eight-year plan of its own; `planId` is that plan's. */
  boardInNewPlan: (title: string) => Promise<{ board: CreatedBoard; planId: string }>;
} {
  let running: TestServer | undefined;
  const data = tempDataDir();
  beforeAll(async () => {
    running = await startTestServer({ dataDir: data.dir });
  });
  afterAll(async () => {
    await running?.close();
    data.remove();
  });
  const server = () => {
    if (!running) throw new Error('the test server is not started: call useTestServer() inside describe');
    return running;
  };
  const call = async (method: string, path: string, token: string | null, body?: unknown): Promise<ApiAnswer> => {
    const response = await fetch(`${server().url}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    let json: ApiAnswer['json'] = {};
    try {
      json = JSON.parse(text);
    } catch {
      json = {};
    }
    return { status: response.status, text, json };
  };
  const boardInNewPlan = async (title: string) => {
    const board = await createBoard(server().url, title);
    const made = await call('POST', `/api/boards/${board.id}/plan`, board.tokens.facilitator, {
      name: 'みんなにやさしいデジタル市役所計画',
      firstYear: 2022,
      year: 2022,
    });
    expect(made.status).toBe(201);
    return { board, planId: made.json.plan.id as string };
  };
  return { server, call, boardInNewPlan };
}
