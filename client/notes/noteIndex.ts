import type React from 'react';
import type * as Y from 'yjs';
import { boardRoots } from '../../shared/docs';
import { REACTION_EMOJIS, type ReactionEmoji } from '../../shared/records/comment';
import type { VisitChanges } from '../../shared/sinceLastVisit';
import { commentIndexOf } from '../comments/commentIndex';
import { fedIndex } from '../initiatives/fedIndex';
import type { ReadStore } from '../lib/store';
import type { Peer } from '../session/presence';
import type { BoardSession } from '../session/session';
import type { OpenMenu } from '../ui/ActionsContext';

export interface ReactionMark {
  emoji: ReactionEmoji;
  count: number;
  mine: boolean;
}

/** Everything a note card shows besides the note's own fields: its badges and this tab's state for it. */
export interface NoteMarks {
  spotlit: boolean;
  /** 「新着」 or 「更新」 since this person's last visit. */
  visit: 'added' | 'changed' | null;
  /** The titles of the initiatives the note fed, one per line ('' for none). */
  fedTitles: string;
  /** The other people editing it now. */
  editors: readonly Peer[];
  /** Comments not deleted, and how many of them are new since the last visit. */
  comments: number;
  freshComments: number;
  /** Reactions with at least one person. */
  reactions: readonly ReactionMark[];
  /** This tab: its editor is open, its menu is open. */
  editing: boolean;
  menuOpen: boolean;
}

const NO_EDITORS: readonly Peer[] = [];
const NO_REACTIONS: readonly ReactionMark[] = [];
export const NO_MARKS: NoteMarks = Object.freeze({
  spotlit: false,
  visit: null,
  fedTitles: '',
  editors: NO_EDITORS,
  comments: 0,
  freshComments: 0,
  reactions: NO_REACTIONS,
  editing: false,
  menuOpen: false,
});

const sameReactions = (a: readonly ReactionMark[], b: readonly ReactionMark[]) =>
  a.length === b.length &&
  a.every((r, i) => r.emoji === b[i]?.emoji && r.count === b[i]?.count && r.mine === b[i]?.mine);

function sameMarks(a: NoteMarks, b: NoteMarks): boolean {
  return (
    a.spotlit === b.spotlit &&
    a.visit === b.visit &&
    a.fedTitles === b.fedTitles &&
    a.editors === b.editors &&
    a.comments === b.comments &&
    a.freshComments === b.freshComments &&
    sameReactions(a.reactions, b.reactions) &&
    a.editing === b.editing &&
    a.menuOpen === b.menuOpen
  );
}

export type DragHandlers = Partial<
  Record<'onMouseDown' | 'onTouchStart' | 'onKeyDown', (event: React.SyntheticEvent) => void>
>;

export interface NoteIndexSources {
  session: BoardSession;
  identityId: string;
  /** The note whose editor is open in this tab (null when the board is read-only). */
  editingNoteId: ReadStore<string | null>;
  menu: ReadStore<OpenMenu | null>;
}

/**
 * One index per board page of what every note card shows: the note's own fields (the session's snapshots) and
 * its marks (comment counts, reactions, 取組案, spotlight, 新着/更新, who edits, editor and menu open), computed
 * once per change of a source for the whole board, never per card. A card subscribes by its note's id and is
 * told only when its own note or marks change: a colleague's edit or comment re-renders that one card, and a
 * note costs one listener instead of a hook per badge.
 */
export interface NoteIndex {
  note: (noteId: string) => ReturnType<BoardSession['noteSnapshots']['get']>;
  marks: (noteId: string) => NoteMarks;
  subscribe: (noteId: string, listener: () => void) => () => void;
  /** Changes whenever the note or its marks change. */
  version: (noteId: string) => number;
  /**
   * The notes whose drag binding is mounted (noteDrag.tsx): the one under the pointer and the one with the
   * focus, the only ones a drag can start from. Set from the list's events; the note is told.
   */
  armed: (noteId: string) => boolean;
  arm: (slot: 'pointer' | 'focus', noteId: string) => void;
  /** The armed notes' dnd-kit listeners, which their list calls (noteListEvents.ts). */
  dragHandlers: Map<string, DragHandlers>;
  /** The visit tracker arrives after the board (it reads the last visit first). */
  setVisitChanges: (changes: ReadStore<VisitChanges> | null) => void;
  /**
   * Listening to the board starts when the index is made; `detach` stops it (the page leaves the board) and
   * `attach` starts it again (React's strict mode unmounts and mounts every effect once in development).
   */
  attach: () => void;
  detach: () => void;
}

export function createNoteIndex({ session, identityId, editingNoteId, menu }: NoteIndexSources): NoteIndex {
  const doc = session.boardDoc;
  const comments = commentIndexOf(doc);
  const fed = fedIndex(doc);
  const listeners = new Map<string, Set<() => void>>();
  let visit: ReadStore<VisitChanges> | null = null;
  let marks = new Map<string, NoteMarks>();

  /**
   * Bumped at each change of a note or its marks, listened to or not (a card checks it again right after it
   * subscribes): what a card's useSyncExternalStore compares.
   */
  const versions = new Map<string, number>();
  const notify = (noteId: string) => {
    versions.set(noteId, (versions.get(noteId) ?? 0) + 1);
    const set = listeners.get(noteId);
    if (set) for (const listener of [...set]) listener();
  };

  /** Builds the marks of every note that has any (a sparse map) and tells the cards whose marks changed. */
  function recompute() {
    const next = new Map<string, Partial<NoteMarks> & { reactions?: ReactionMark[] }>();
    const entry = (id: string) => {
      let found = next.get(id);
      if (!found) {
        found = {};
        next.set(id, found);
      }
      return found;
    };
    const spotlight = session.settings.get().spotlight?.itemId;
    if (spotlight) entry(spotlight).spotlit = true;
    const changes = visit?.get();
    if (changes) {
      for (const [id, mark] of changes.noteMarks) entry(id).visit = mark;
      for (const [id, count] of changes.newComments) if (count > 0) entry(id).freshComments = count;
    }
    for (const [id, initiatives] of fed.get()) {
      if (initiatives.length === 0) continue;
      entry(id).fedTitles = initiatives.map((i) => i.title.trim().replace(/\s+/g, ' ')).join('\n');
    }
    for (const [id, editors] of session.presence.get().editorsByNote)
      if (editors.length > 0) entry(id).editors = editors;
    const index = comments.get();
    for (const [id, thread] of index.threads) {
      const count = thread.filter((comment) => comment.deletedAt === null).length;
      if (count > 0) entry(id).comments = count;
    }
    for (const [id, target] of index.reactions) {
      const shown: ReactionMark[] = [];
      for (const emoji of REACTION_EMOJIS) {
        const people = target.get(emoji) ?? [];
        if (people.length > 0) shown.push({ emoji, count: people.length, mine: people.includes(identityId) });
      }
      if (shown.length > 0) entry(id).reactions = shown;
    }
    const editing = editingNoteId.get();
    if (editing) entry(editing).editing = true;
    const open = menu.get()?.noteId;
    if (open) entry(open).menuOpen = true;

    const previous = marks;
    marks = new Map();
    const changed: string[] = [];
    for (const [id, partial] of next) {
      const fresh: NoteMarks = { ...NO_MARKS, ...partial };
      const old = previous.get(id);
      if (old && sameMarks(old, fresh)) marks.set(id, old);
      else {
        marks.set(id, fresh);
        changed.push(id);
      }
    }
    for (const id of previous.keys()) if (!marks.has(id)) changed.push(id);
    for (const id of changed) notify(id);
  }

  // The note's own fields: one deep observer for the whole board (run after the snapshots' own, which is
  // registered first, so a card reads the new snapshot).
  const notes = boardRoots.notes(doc);
  const onNotes = (events: Y.YEvent<Y.AbstractType<unknown>>[]) => {
    const touched = new Set<string>();
    for (const event of events) {
      if (event.target === notes) for (const key of (event as Y.YMapEvent<unknown>).keysChanged) touched.add(key);
      else if (typeof event.path[0] === 'string') touched.add(event.path[0]);
    }
    for (const id of touched) {
      session.noteSnapshots.invalidate(id);
      notify(id);
    }
  };
  let unsubscribers: (() => void)[] = [];
  function attach() {
    if (unsubscribers.length > 0) return;
    notes.observeDeep(onNotes);
    unsubscribers = [session.settings, session.presence, comments, fed, editingNoteId, menu].map((store) =>
      (store as ReadStore<unknown>).subscribe(recompute),
    );
    unsubscribers.push(() => notes.unobserveDeep(onNotes));
    if (visit) unsubscribers.push(visit.subscribe(recompute));
    recompute();
  }
  function detach() {
    for (const unsubscribe of unsubscribers) unsubscribe();
    unsubscribers = [];
  }
  attach();

  const armedBy = { pointer: null as string | null, focus: null as string | null };
  return {
    armed: (noteId) => armedBy.pointer === noteId || armedBy.focus === noteId,
    arm(slot, noteId) {
      const previous = armedBy[slot];
      if (previous === noteId) return;
      armedBy[slot] = noteId;
      if (previous) notify(previous);
      notify(noteId);
    },
    dragHandlers: new Map(),
    note: (noteId) => session.noteSnapshots.get(noteId),
    version: (noteId) => versions.get(noteId) ?? 0,
    marks: (noteId) => marks.get(noteId) ?? NO_MARKS,
    subscribe(noteId, listener) {
      let set = listeners.get(noteId);
      if (!set) {
        set = new Set();
        listeners.set(noteId, set);
      }
      set.add(listener);
      return () => {
        set.delete(listener);
        if (set.size === 0) listeners.delete(noteId);
      };
    },
    setVisitChanges(changes) {
      const attached = unsubscribers.length > 0;
      detach();
      visit = changes;
      if (attached) attach();
    },
    attach,
    detach,
  };
}
