import type * as Y from 'yjs';
import type { Pillar } from './records/pillar.js';
import { listNotePlacements } from './selectors.js';

/** One pillar's count towards a `notes` task: its live 課題 and 達成目標, and whether both reach the target. */
export interface PillarNotesCount {
  pillarId: string;
  title: string;
  problems: number;
  goals: number;
  met: boolean;
}

/**
 * How far the board is towards 「各柱に課題と達成目標を{target}つ以上」: per active pillar, its live notes in the 課題 and
 * 達成目標 lanes (the trash does not count). Public: everyone sees the notes anyway.
 */
export function notesTaskProgress(
  board: Y.Doc,
  pillars: readonly Pillar[],
  target: number,
): { pillars: PillarNotesCount[]; met: number } {
  const counts = new Map(pillars.map((pillar) => [pillar.id, { problems: 0, goals: 0 }]));
  for (const note of listNotePlacements(board)) {
    const count = note.place && note.deletedAt === null ? counts.get(note.place.pillarId) : undefined;
    if (!count || !note.place) continue;
    if (note.place.lane === 'problem') count.problems++;
    else if (note.place.lane === 'goal') count.goals++;
  }
  const rows = pillars.map((pillar) => {
    const { problems, goals } = counts.get(pillar.id)!;
    return { pillarId: pillar.id, title: pillar.title, problems, goals, met: problems >= target && goals >= target };
  });
  return { pillars: rows, met: rows.filter((row) => row.met).length };
}
