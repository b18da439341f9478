import * as Y from 'yjs';
import { boardRoots } from '../docs.js';
import { orderKeyAtIndex, orderKeyBetween } from '../order.js';
import { LOCAL_ORIGIN } from '../origin.js';
import { CLUSTER_TITLE_MAX } from '../records/cluster.js';
import type { LaneKind } from '../records/lane.js';
import { type NotePlace, readNote } from '../records/note.js';
import { fail, ok, type Result } from '../result.js';
import { readClusters, shownClusterId } from '../selectors.js';
import { adoptPrioritization } from './clusterAdoption.js';
import { listPillarClusters } from './clusters.js';

export interface SuggestedGroupInput {
  /** The pillar the suggestion was made for. */
  pillarId: string;
  /** The suggestion's notes, in the order they are shown (each lane keeps that order in the new cluster). */
  noteIds: readonly string[];
  /** The title as accepted (the suggested one, or the person's edit); may be empty (unnamed). */
  title: string;
  /** The id the new cluster gets (nanoid; the caller's, so it can focus and name it afterwards). */
  newClusterId: string;
  /** The identity (person id) of who accepts it. */
  createdBy: string;
  now?: number;
}

export interface AcceptedGroup {
  clusterId: string;
  /** The notes now in the new cluster. */
  grouped: string[];
  /**
   * The notes left where they are: gone (deleted) meanwhile, moved to another pillar, or already in a group
   * (put there by a colleague since the suggestion was made).
   */
  skipped: string[];
}

/**
 * Accepts a suggested group (issue 19): one new cluster in `pillarId` holding the suggestion's notes, with its
 * title, in ONE transaction, so that it is one step to undo (`groupNotes` groups two notes at a time).
 *
 * A note already in a group is SKIPPED, never moved: a suggestion is computed from loose notes only, so such a
 * note was grouped by a person after the suggestion was made, and only a person moves a note out of a group
 * (the rule). A note deleted or moved to another pillar meanwhile is skipped too. At least two notes
 * must remain, else nothing is written (`suggestionTooFew`): a group of one is not a group.
 */
export function acceptSuggestedGroup(
  doc: Y.Doc,
  input: SuggestedGroupInput,
  origin: unknown = LOCAL_ORIGIN,
): Result<AcceptedGroup> {
  const title = input.title.trim();
  if (title.length > CLUSTER_TITLE_MAX) return fail('titleTooLong');
  if (boardRoots.clusters(doc).has(input.newClusterId)) return fail('clusterExists');
  const notes = boardRoots.notes(doc);
  const clusters = readClusters(doc);
  const grouped: { id: string; map: Y.Map<unknown>; lane: LaneKind }[] = [];
  const skipped: string[] = [];
  for (const id of new Set(input.noteIds)) {
    const value = notes.get(id);
    const note = value instanceof Y.Map ? readNote(id, value) : null;
    const free =
      note !== null &&
      note.deletedAt === null &&
      note.place !== null &&
      note.place.pillarId === input.pillarId &&
      shownClusterId(note, clusters) === null;
    if (free && note.place) grouped.push({ id, map: value as Y.Map<unknown>, lane: note.place.lane });
    else skipped.push(id);
  }
  if (grouped.length < 2) return fail('suggestionTooFew');
  const siblings = listPillarClusters(doc, input.pillarId).map((item) => item.cluster);
  const order = orderKeyAtIndex(siblings, siblings.length);
  const lastInLane = new Map<LaneKind, string | null>();
  doc.transact(() => {
    const cluster = new Y.Map<unknown>();
    cluster.set('title', new Y.Text(title));
    cluster.set('pillarId', input.pillarId);
    cluster.set('order', order);
    cluster.set('createdAt', input.now ?? Date.now());
    cluster.set('createdBy', input.createdBy);
    boardRoots.clusters(doc).set(input.newClusterId, cluster);
    for (const note of grouped) {
      const noteOrder = orderKeyBetween(lastInLane.get(note.lane) ?? null, null);
      lastInLane.set(note.lane, noteOrder);
      note.map.set('place', {
        pillarId: input.pillarId,
        lane: note.lane,
        order: noteOrder,
        clusterId: input.newClusterId,
      } satisfies NotePlace);
    }
    adoptPrioritization(
      doc,
      input.newClusterId,
      grouped.map((note) => note.id),
    );
  }, origin);
  return ok({ clusterId: input.newClusterId, grouped: grouped.map((note) => note.id), skipped });
}
