import { getNote, readClusters, shownClusterId } from '../../shared/selectors';
import type { NoteTarget } from '../ui/ActionsContext';
import { DISPLAY_ACTIONS, FACILITATOR_ACTIONS, SUGGESTION_ACTIONS } from './boardActions';
import { LIVE_ACTIONS, MEETING_ACTIONS } from './meetingActions';
import { NOTE_ACTIONS } from './noteActions';
import type { ActionEnv, BoardAction, NoteAction, Shortcut } from './types';

export { NOTE_ACTIONS };

/** Actions of the whole board (no target). */
export const BOARD_ACTIONS: readonly BoardAction[] = [
  {
    id: 'board.palette',
    labelKey: 'action.palette',
    shortcut: { key: 'k', mod: true, label: 'Ctrl+K' },
    predicate: () => true,
    perform: ({ dialogs }) => dialogs.openPalette(),
  },
  {
    id: 'board.help',
    labelKey: 'action.help',
    shortcut: { key: '?', label: '?' },
    predicate: () => true,
    perform: ({ dialogs }) => dialogs.openHelp(),
  },
  ...DISPLAY_ACTIONS,
  ...SUGGESTION_ACTIONS,
  // The meeting's course first in the ファシリテーター menu: used at every meeting, the others less often.
  ...MEETING_ACTIONS,
  ...FACILITATOR_ACTIONS,
  ...LIVE_ACTIONS,
];

/** The board actions a header menu lists now, for this role and lock. */
export function menuBoardActions(env: ActionEnv, menu: NonNullable<BoardAction['menu']>): BoardAction[] {
  return BOARD_ACTIONS.filter((action) => action.menu === menu && action.predicate(env, null));
}

/** The note as it is in the document now; null when it is gone (deleted by a colleague meanwhile). */
export function noteTargetOf(env: ActionEnv, noteId: string): NoteTarget | null {
  const doc = env.board.session.boardDoc;
  const note = getNote(doc, noteId);
  if (!note || note.deletedAt !== null) return null;
  const clusters = readClusters(doc);
  const clusterId = shownClusterId(note, clusters);
  const pillarId = (clusterId ? clusters.get(clusterId)?.pillarId : note.place?.pillarId) ?? null;
  return { noteId, text: note.text, clusterId, pillarId, lane: note.place?.lane ?? null };
}

/** Whether a colleague moved the note to another pillar, lane or group since `before` was read. */
function movedSince(before: NoteTarget, now: NoteTarget): boolean {
  return before.pillarId !== now.pillarId || before.lane !== now.lane || before.clusterId !== now.clusterId;
}

/** The note actions that apply to this note now, for this role and lock (the menu and the palette list these). */
export function availableNoteActions(env: ActionEnv, target: NoteTarget): NoteAction[] {
  return NOTE_ACTIONS.filter((action) => action.predicate(env, target));
}

/**
 * Runs a note action chosen in a menu or the palette that opened on `opened` (the note as it was then). A note
 * that went meanwhile, or that a colleague moved elsewhere (the person chose for the note where it was), or an
 * action that no longer applies (the board was locked while the menu was open), is told and nothing changes.
 */
export function runNoteAction(env: ActionEnv, action: NoteAction, opened: NoteTarget): boolean {
  const target = noteTargetOf(env, opened.noteId);
  if (!target) {
    env.ui.notify({ message: env.t('action.targetGone'), tone: 'error' });
    return false;
  }
  if (movedSince(opened, target)) {
    env.ui.notify({ message: env.t('action.targetMoved'), tone: 'error' });
    return false;
  }
  if (!action.predicate(env, target)) {
    env.ui.notify({ message: env.t('action.notAvailable', { action: env.t(action.labelKey) }), tone: 'error' });
    return false;
  }
  action.perform(env, target);
  return true;
}

export function matchesShortcut(event: KeyboardEvent, shortcut: Shortcut | undefined): boolean {
  if (!shortcut) return false;
  const mod = event.ctrlKey || event.metaKey;
  if (Boolean(shortcut.mod) !== mod || event.altKey) return false;
  const key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
  return key === shortcut.key;
}

/**
 * True while a person types: in a text field, a select, an editable element, or composing with an IME (Chrome
 * says so with isComposing, Safari and older IMEs only with keyCode 229). No shortcut fires then.
 */
export function isTyping(event: KeyboardEvent): boolean {
  if (event.isComposing || event.keyCode === 229) return true;
  const target = event.target;
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) {
    return !['button', 'checkbox', 'radio', 'submit', 'reset', 'range', 'color'].includes(target.type);
  }
  return false;
}
