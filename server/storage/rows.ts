import type { DocKind } from '../../shared/roles.js';

/** An update waiting in the write queue for the next batched commit (server/storage.ts). */
export interface QueuedUpdate {
  boardId: string;
  doc: DocKind;
  update: Uint8Array;
  resolve: (seq: number) => void;
  reject: (error: Error) => void;
}

/** A row of the `boards` table as SQLite returns it. */
export interface BoardRow {
  id: string;
  title: string;
  created_at: number;
  facilitator_token_hash: string;
  participant_token_hash: string;
  viewer_token_hash: string;
  archived_at: number | null;
}
