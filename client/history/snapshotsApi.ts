import * as Y from 'yjs';
import type { Role } from '../../shared/roles';
import { ApiError, type CreatedBoard } from '../lib/api';

/** The snapshots API (docs/api.md "Snapshots"). */

export interface SnapshotMeta {
  id: string;
  name: string;
  reason: 'manual' | 'meeting';
  meetingId: string | null;
  createdAt: number;
  createdBy: { role: Role; personId: string | null; name: string | null } | null;
}

/** A snapshot's two documents, loaded into fresh Y.Docs that nothing connects: read-only by construction. */
export interface SnapshotDocs {
  board: Y.Doc;
  settings: Y.Doc;
}

async function call<T>(boardId: string, token: string, method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`/api/boards/${encodeURIComponent(boardId)}/snapshots${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) {
    let reason = response.statusText;
    try {
      const answer = (await response.json()) as { error?: unknown };
      if (typeof answer.error === 'string') reason = answer.error;
    } catch {
      // not JSON: keep the status text
    }
    throw new ApiError(response.status, reason);
  }
  return (await response.json()) as T;
}

function decode(base64: string): Uint8Array {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export function snapshotsApi(boardId: string, token: string) {
  const one = (id: string) => `/${encodeURIComponent(id)}`;
  return {
    list: () => call<{ snapshots: SnapshotMeta[] }>(boardId, token, 'GET', '').then((r) => r.snapshots),
    save: (name: string) =>
      call<{ snapshot: SnapshotMeta }>(boardId, token, 'POST', '', { name }).then((r) => r.snapshot),
    remove: (id: string) => call<{ deleted: true }>(boardId, token, 'DELETE', one(id)),
    restore: (id: string) => call<CreatedBoard>(boardId, token, 'POST', `${one(id)}/restore`, {}),
    async documents(id: string): Promise<SnapshotDocs> {
      const answer = await call<{ documents: { board: string; settings: string } }>(boardId, token, 'GET', one(id));
      const board = new Y.Doc();
      const settings = new Y.Doc();
      Y.applyUpdate(board, decode(answer.documents.board));
      Y.applyUpdate(settings, decode(answer.documents.settings));
      return { board, settings };
    },
  };
}

export type SnapshotsApi = ReturnType<typeof snapshotsApi>;
