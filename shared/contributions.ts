import type * as Y from 'yjs';
import { listInitiatives } from './initiatives.js';
import { listComments } from './records/comment.js';
import type { Pillar } from './records/pillar.js';
import { listNotes } from './selectors.js';

/**
 * Who has contributed what since a date (the facilitator's 参加の状況, issue 18): notes per pillar (Task ①),
 * comments and draft initiatives (Task ②), from the board document — public anyway, as アクティビティ shows it. Votes and scores are sealed and are never
 * here: the page shows only how many took part in a round.
 */
export interface PersonContribution {
  /** The author id the notes and comments carry (the person's id on this app's boards). */
  personId: string;
  /** The name last written with their notes or comments ('' when none was). */
  name: string;
  /** Notes added since the date, per pillar id (trashed ones too: adding was the contribution). */
  notesByPillar: Record<string, number>;
  notes: number;
  comments: number;
  /** Draft initiatives (Task ②) made since the date, still live. */
  initiatives: number;
}

export interface Contributions {
  people: PersonContribution[];
  /** Per pillar id, and in all: notes added since the date; comments written since the date. */
  notesByPillar: Record<string, number>;
  notes: number;
  comments: number;
  initiatives: number;
}

export function contributionsSince(board: Y.Doc, pillars: readonly Pillar[], since: number): Contributions {
  const byPerson = new Map<string, PersonContribution>();
  const zero = () => Object.fromEntries(pillars.map((pillar) => [pillar.id, 0]));
  const personOf = (id: string, name: string) => {
    let person = byPerson.get(id);
    if (!person) {
      person = { personId: id, name: '', notesByPillar: zero(), notes: 0, comments: 0, initiatives: 0 };
      byPerson.set(id, person);
    }
    if (name.trim() !== '') person.name = name;
    return person;
  };
  const totals: Contributions = { people: [], notesByPillar: zero(), notes: 0, comments: 0, initiatives: 0 };
  for (const note of [...listNotes(board)].sort((a, b) => a.createdAt - b.createdAt)) {
    if (note.createdAt < since || note.author === '') continue;
    const person = personOf(note.author, note.authorName);
    const pillarId = note.place?.pillarId;
    if (pillarId !== undefined && pillarId in person.notesByPillar) {
      person.notesByPillar[pillarId]!++;
      totals.notesByPillar[pillarId]!++;
    }
    person.notes++;
    totals.notes++;
  }
  for (const comment of listComments(board)) {
    if (comment.createdAt < since || comment.deletedAt !== null || comment.author === '') continue;
    personOf(comment.author, comment.authorName).comments++;
    totals.comments++;
  }
  for (const initiative of listInitiatives(board)) {
    if (initiative.createdAt < since || initiative.deletedAt !== null || initiative.createdBy === '') continue;
    personOf(initiative.createdBy, '').initiatives++;
    totals.initiatives++;
  }
  const total = (p: PersonContribution) => p.notes + p.comments + p.initiatives;
  totals.people = [...byPerson.values()].sort((a, b) => total(b) - total(a) || a.name.localeCompare(b.name, 'ja'));
  return totals;
}
