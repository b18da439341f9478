import * as Y from 'yjs';
import { boardRoots } from './docs.js';
import { readCluster } from './records/cluster.js';
import { listComments } from './records/comment.js';
import { readInitiatives } from './records/initiative.js';
import { readNote } from './records/note.js';

/**
 * The board's activity as the document records it. A note stores who wrote it and when, and when and by whom
 * it was trashed (who is unknown for notes trashed before schema version 4); a comment stores its author and when it was written, edited and deleted (only its
 * author does these); a cluster and a draft initiative who made it and when. Edits, moves and colour changes of notes carry no
 * author or time in the document, so they are not here (the since-last-visit list finds them by item ids).
 * Times are the writers' clocks.
 */
export type ActivityEntry =
  | { kind: 'noteAdded'; at: number; personId: string; name: string; noteId: string; text: string }
  /** `personId` and `name` are '' when who trashed it is unknown. */
  | { kind: 'noteDeleted'; at: number; personId: string; name: string; noteId: string; text: string }
  | {
      kind: 'commentAdded' | 'commentEdited' | 'commentDeleted';
      at: number;
      personId: string;
      name: string;
      commentId: string;
      targetId: string;
      text: string;
    }
  | { kind: 'clusterAdded'; at: number; personId: string; name: string; clusterId: string; text: string }
  | { kind: 'initiativeAdded'; at: number; personId: string; name: string; initiativeId: string; text: string };

/** The newest `limit` entries, newest first (ties by kind and id, so every client lists them alike). */
export function boardActivity(doc: Y.Doc, limit = 100): ActivityEntry[] {
  const entries: ActivityEntry[] = [];
  /** Display names by person id, from what they wrote: clusters store only the id. */
  const names = new Map<string, string>();
  boardRoots.notes(doc).forEach((value, id) => {
    const note = readNote(id, value);
    if (note.authorName) names.set(note.author, note.authorName);
    if (note.createdAt > 0) {
      entries.push({
        kind: 'noteAdded',
        at: note.createdAt,
        personId: note.author,
        name: note.authorName,
        noteId: id,
        text: note.text,
      });
    }
    if (note.deletedBy && note.deletedByName) names.set(note.deletedBy, note.deletedByName);
    if (note.deletedAt !== null) {
      entries.push({
        kind: 'noteDeleted',
        at: note.deletedAt,
        personId: note.deletedBy,
        name: note.deletedByName,
        noteId: id,
        text: note.text,
      });
    }
  });
  for (const comment of listComments(doc)) {
    if (comment.authorName) names.set(comment.author, comment.authorName);
    const base = {
      personId: comment.author,
      name: comment.authorName,
      commentId: comment.id,
      targetId: comment.targetId,
      // A deleted comment's words are not shown anywhere (comments written by other tools may still hold them).
      text: comment.deletedAt === null ? comment.text : '',
    };
    entries.push({ kind: 'commentAdded', at: comment.createdAt, ...base });
    if (comment.editedAt !== null) entries.push({ kind: 'commentEdited', at: comment.editedAt, ...base });
    if (comment.deletedAt !== null) entries.push({ kind: 'commentDeleted', at: comment.deletedAt, ...base });
  }
  boardRoots.clusters(doc).forEach((value, id) => {
    const cluster = readCluster(id, value instanceof Y.Map ? value : null);
    if (!cluster || cluster.createdAt <= 0) return;
    entries.push({
      kind: 'clusterAdded',
      at: cluster.createdAt,
      personId: cluster.createdBy,
      name: '',
      clusterId: id,
      text: cluster.title,
    });
  });
  for (const initiative of readInitiatives(doc)) {
    if (initiative.createdAt <= 0) continue;
    entries.push({
      kind: 'initiativeAdded',
      at: initiative.createdAt,
      personId: initiative.createdBy,
      name: '',
      initiativeId: initiative.id,
      text: initiative.fields.title,
    });
  }
  for (const entry of entries) {
    if ('name' in entry && !entry.name && entry.personId) entry.name = names.get(entry.personId) ?? '';
  }
  const idOf = (entry: ActivityEntry) =>
    'commentId' in entry
      ? entry.commentId
      : 'clusterId' in entry
        ? entry.clusterId
        : 'initiativeId' in entry
          ? entry.initiativeId
          : entry.noteId;
  entries.sort((a, b) => b.at - a.at || (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : idOf(a) < idOf(b) ? -1 : 1));
  return entries.slice(0, limit);
}
