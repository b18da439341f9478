import * as Y from 'yjs';
import { boardRoots } from '../../shared/docs.js';
import { addNote } from '../../shared/ops/notes.js';
import type { NotePlace } from '../../shared/records/note.js';
import { activePillars } from '../../shared/selectors.js';
import { type CreatedBoard, connectSynced, type TestClient, waitFor } from './helpers.js';

export interface Answer {
  status: number;
  body: Record<string, unknown>;
  text: string;
}

/** One HTTP call to the board's API; the raw text is kept so a test can search all of it. */
export async function call(
  baseUrl: string,
  boardId: string,
  token: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<Answer> {
  const response = await fetch(`${baseUrl}/api/boards/${boardId}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {}, text };
}

/** A guest identity on a shared link (what the board page makes for a browser): its personal token. */
export async function guest(baseUrl: string, board: CreatedBoard, role: 'facilitator' | 'participant', name: string) {
  const answer = await call(baseUrl, board.id, board.tokens[role], 'POST', '/guests', { name });
  if (answer.status !== 201) throw new Error(`guest: ${answer.status} ${answer.text}`);
  return { token: answer.body.token as string, personId: (answer.body.person as { id: string }).id };
}

export const votes = (baseUrl: string, boardId: string) => ({
  open: (token: string, body: unknown = {}) => call(baseUrl, boardId, token, 'POST', '/voting/rounds', body),
  close: (token: string, round: number) => call(baseUrl, boardId, token, 'POST', `/voting/rounds/${round}/close`),
  reveal: (token: string, round: number) => call(baseUrl, boardId, token, 'POST', `/voting/rounds/${round}/reveal`),
  cast: (token: string, round: number, itemId: string) =>
    call(baseUrl, boardId, token, 'POST', `/voting/rounds/${round}/dots/${itemId}`),
  withdraw: (token: string, round: number, itemId: string) =>
    call(baseUrl, boardId, token, 'DELETE', `/voting/rounds/${round}/dots/${itemId}`),
  read: (token: string) => call(baseUrl, boardId, token, 'GET', '/voting'),
});

/** A writer connected to the board document, with the board's first pillar id. */
export async function boardWriter(wsUrl: string, board: CreatedBoard): Promise<TestClient & { pillarId: string }> {
  const settings = await connectSynced(wsUrl, `${board.id}/settings`, board.tokens.facilitator);
  const pillarId = activePillars(settings.doc)[0]!.id;
  settings.destroy();
  const client = await connectSynced(wsUrl, board.id, board.tokens.facilitator);
  return Object.assign(client, { pillarId });
}

export function addNotes(doc: Y.Doc, pillarId: string, ids: string[]): void {
  for (const id of ids) {
    const result = addNote(doc, { id, text: `付箋 ${id}`, pillarId, lane: 'problem', author: 'test' });
    if (!result.ok) throw new Error(`addNote ${id}: ${result.error}`);
  }
}

/** Creates a cluster record and puts the notes in it (as the clustering UI would: place replaced whole). */
export function clusterNotes(doc: Y.Doc, clusterId: string, pillarId: string, noteIds: string[], title = ''): void {
  doc.transact(() => {
    const cluster = new Y.Map<unknown>();
    cluster.set('title', new Y.Text(title));
    cluster.set('pillarId', pillarId);
    cluster.set('order', 'a0');
    cluster.set('createdAt', 1);
    cluster.set('createdBy', 'test');
    boardRoots.clusters(doc).set(clusterId, cluster);
    for (const id of noteIds) setCluster(doc, id, clusterId);
  });
}

export function setCluster(doc: Y.Doc, noteId: string, clusterId: string | undefined): void {
  const note = boardRoots.notes(doc).get(noteId) as Y.Map<unknown>;
  const place = { ...(note.get('place') as NotePlace) };
  if (clusterId === undefined) delete place.clusterId;
  else place.clusterId = clusterId;
  note.set('place', place);
}

/** Waits until the server's copy of the board holds what this client wrote (its next vote resolves on it). */
export async function settled(client: TestClient, baseUrl: string, board: CreatedBoard): Promise<void> {
  const other = await connectSynced(`${baseUrl.replace(/^http/, 'ws')}/ws`, board.id, board.tokens.viewer);
  const want = Y.encodeStateVector(client.doc);
  await waitFor(
    () => Buffer.from(Y.encodeStateVector(other.doc)).equals(Buffer.from(want)),
    'the server to hold the change',
  );
  other.destroy();
}
