import { generateKeyBetween } from 'fractional-indexing';
import * as Y from 'yjs';
import { renderDocument } from '../../server/export/renderDocument.js';
import { boardRoots } from '../../shared/docs.js';
import type { TestServer } from './helpers.js';

export interface Download {
  status: number;
  headers: Headers;
  bytes: Buffer;
  text: string;
  /** The parsed body when it is JSON (a backup or an error). */
  json: Record<string, unknown> | null;
}

export async function download(baseUrl: string, boardId: string, token: string, format: string): Promise<Download> {
  const response = await fetch(`${baseUrl}/api/boards/${boardId}/export?format=${encodeURIComponent(format)}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  const bytes = Buffer.from(await response.arrayBuffer());
  const text = bytes.toString('utf8');
  let json: Record<string, unknown> | null = null;
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {}
  return { status: response.status, headers: response.headers, bytes, text, json };
}

export async function importFile(baseUrl: string, body: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${baseUrl}/api/boards/import`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
  const text = await response.text();
  return { status: response.status, body: JSON.parse(text) as Record<string, unknown> };
}

export async function countBoards(server: TestServer): Promise<number> {
  return (await server.storage.sql.get<{ n: number }>('SELECT COUNT(*) AS n FROM boards'))!.n;
}

export interface BackupJson {
  format: string;
  version: number;
  exportedAt: string;
  board: { id: string; title: string; createdAt: number | null };
  schemaVersions: { board: number; settings: number };
  documents: { board: string; settings: string };
  votingRounds: Array<Record<string, unknown>>;
  scoringRounds: Array<{ number: number; status: string; scorers: number; results: unknown[] }>;
  auditLog: Array<{ action: string; detail: Record<string, unknown> }>;
}

export function decodeDocuments(backup: BackupJson): { board: Y.Doc; settings: Y.Doc } {
  const board = new Y.Doc();
  Y.applyUpdate(board, Buffer.from(backup.documents.board, 'base64'));
  const settings = new Y.Doc();
  Y.applyUpdate(settings, Buffer.from(backup.documents.settings, 'base64'));
  return { board, settings };
}

/** Every root map of a document as JSON (Y.Doc#toJSON lists only the roots this doc has touched). */
export function rootsJson(doc: Y.Doc): Record<string, unknown> {
  return Object.fromEntries([...doc.share.keys()].sort().map((name) => [name, doc.getMap(name).toJSON()]));
}

/**
 * Whether the document exporters are in this build (renderDocument is a stub until the exporters' branch is
 * merged): document-format tests expect 200 with them and the stub's failure (500) without them.
 */
export async function documentExportsBuilt(): Promise<boolean> {
  const doc = new Y.Doc();
  try {
    await renderDocument('md', {
      boardId: 'probe',
      board: Y.encodeStateAsUpdate(doc),
      settings: Y.encodeStateAsUpdate(doc),
      exportedAt: 0,
    });
    return true;
  } catch (error) {
    return !(error instanceof Error && /not built yet/.test(error.message));
  }
}

/** `count` notes in one transaction (addNote places each by reading its lane: quadratic for thousands). */
export function addManyNotes(doc: Y.Doc, pillarId: string, count: number, prefix = 'big'): void {
  let order: string | null = null;
  doc.transact(() => {
    const notes = boardRoots.notes(doc);
    for (let i = 0; i < count; i++) {
      order = generateKeyBetween(order, null);
      const note = new Y.Map<unknown>();
      note.set('text', new Y.Text(`${i}. 窓口の待ち時間が長い。オンライン申請を増やす。`));
      note.set('place', { pillarId, lane: 'problem', order });
      note.set('author', 'test');
      note.set('createdAt', 1_760_000_000_000 + i);
      notes.set(`${prefix}-${i}`, note);
    }
  });
}
