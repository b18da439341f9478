import * as Y from 'yjs';
import { boardRoots, settingsRoots } from './docs.js';
import { listInitiatives } from './initiatives.js';
import type { PlanPeriod } from './plan.js';
import { BOARD_SCHEMA_VERSION, SETTINGS_SCHEMA_VERSION } from './records/meta.js';
import { readNote } from './records/note.js';
import type { FiscalPeriod } from './records/period.js';
import { boardTitle } from './selectors.js';
import { addSeedMeetings } from './template.js';

/**
 * 「次期のボードを作る」: the next period's two documents from a finished period's (pure; the server stores them
 * as a new board, server/api/nextPeriod.ts). What is carried, and nothing else:
 * - the title, the pillars (same ids, titles, order, archive), the lane labels and the matrix's labels;
 * - the period (the plan's next one) and the seed's meeting plan for it;
 * - every live initiative of the finished period as a 「前期からの継続」 card (shared/records/continued.ts),
 *   with its KPI, target value, 担当課 and the texts of its source notes, linked back to the old board.
 * Notes, groups, votes, the matrix and the shortlist stay with the finished board (archived, still readable).
 */
export interface NextPeriodOrigin {
  boardId: string;
  period: PlanPeriod;
}

/** Copies every entry of a settings root whose values are plain or Y.Map of plain values (pillars, labels). */
function copyRoot(from: Y.Map<unknown>, to: Y.Map<unknown>): void {
  from.forEach((value, key) => {
    if (value instanceof Y.Map) {
      const copy = new Y.Map<unknown>();
      (value as Y.Map<unknown>).forEach((inner, innerKey) => {
        if (!(inner instanceof Y.AbstractType)) copy.set(innerKey, inner);
      });
      to.set(key, copy);
    } else if (!(value instanceof Y.AbstractType)) {
      to.set(key, value);
    }
  });
}

export function buildNextPeriodDocs(
  oldBoard: Y.Doc,
  oldSettings: Y.Doc,
  origin: NextPeriodOrigin,
  next: FiscalPeriod,
): { board: Y.Doc; settings: Y.Doc } {
  const settings = new Y.Doc();
  const title = boardTitle(oldSettings);
  settings.transact(() => {
    const meta = settingsRoots.meta(settings);
    meta.set('schemaVersion', SETTINGS_SCHEMA_VERSION);
    meta.set('title', title);
    meta.set('period', { first: next.first, last: next.last });
    copyRoot(settingsRoots.pillars(oldSettings), settingsRoots.pillars(settings));
    copyRoot(settingsRoots.laneLabels(oldSettings), settingsRoots.laneLabels(settings));
    copyRoot(settingsRoots.prioritization(oldSettings), settingsRoots.prioritization(settings));
    addSeedMeetings(settings, next);
  });

  const board = new Y.Doc();
  const notes = boardRoots.notes(oldBoard);
  board.transact(() => {
    boardRoots.meta(board).set('schemaVersion', BOARD_SCHEMA_VERSION);
    boardRoots.notes(board);
    const continued = boardRoots.continued(board);
    for (const initiative of listInitiatives(oldBoard)) {
      const card = new Y.Map<unknown>();
      card.set('from', {
        boardId: origin.boardId,
        boardTitle: title,
        initiativeId: initiative.id,
        periodName: origin.period.name,
        first: origin.period.first,
        last: origin.period.last,
      });
      for (const field of ['title', 'indicator', 'targetValue', 'department', 'content'] as const) {
        card.set(field, initiative.fields[field]);
      }
      if (initiative.place) {
        card.set('pillarId', initiative.place.pillarId);
        card.set('priority', initiative.place.priority);
      }
      card.set('status', initiative.status);
      card.set('fiscalYears', initiative.fiscalYears);
      card.set(
        'sourceNotes',
        (initiative.source?.noteIds ?? [])
          .filter((id) => notes.has(id))
          .map((id) => ({ id, text: readNote(id, notes.get(id)).text })),
      );
      card.set('actual', new Y.Text());
      card.set('comment', new Y.Text());
      continued.set(initiative.id, card);
    }
  });
  return { board, settings };
}
