import { leaveCluster } from '../../shared/ops/clusters';
import { setReaction } from '../../shared/ops/comments';
import { setSpotlight } from '../../shared/ops/liveFacilitation';
import { applyNoteTextChange, deleteNote, restoreNote } from '../../shared/ops/notes';
import { LOCAL_ORIGIN } from '../../shared/origin';
import type { ReactionEmoji } from '../../shared/records/comment';
import { DEFAULT_LANE_LABELS } from '../../shared/records/lane';
import { readSpotlight } from '../../shared/records/liveFacilitation';
import { commentIndexOf } from '../comments/commentIndex';
import { shorten } from '../lib/shorten';
import type { NoteTarget } from '../ui/ActionsContext';
import { focusEditorSoon } from './focus';
import type { ActionEnv, NoteAction } from './types';

const canEdit = ({ board }: ActionEnv) => board.canEditBoard;

function hasReacted(env: ActionEnv, target: NoteTarget, emoji: ReactionEmoji): boolean {
  const people = commentIndexOf(env.board.session.boardDoc).get().reactions.get(target.noteId)?.get(emoji);
  return people?.includes(env.board.identity.id) ?? false;
}

function reaction(id: string, emoji: ReactionEmoji, labelKey: NoteAction['labelKey'], key: string): NoteAction {
  return {
    id,
    labelKey,
    shortcut: { key, label: key },
    predicate: canEdit,
    checked: (env, target) => hasReacted(env, target, emoji),
    perform: (env, target) => {
      const { session, identity } = env.board;
      setReaction(session.boardDoc, target.noteId, emoji, identity.id, !hasReacted(env, target, emoji));
      env.dialogs.focusNote(target.noteId);
    },
  };
}

/** Every action a note offers, in the order of its menu. */
export const NOTE_ACTIONS: readonly NoteAction[] = [
  {
    id: 'note.edit',
    labelKey: 'note.edit',
    shortcut: { key: 'Enter', label: 'Enter' },
    predicate: canEdit,
    perform: ({ board, ui }, target) => {
      // A note written by another tool with a plain-string text: make it collaborative text first.
      const { session } = board;
      if (!session.noteSnapshots.get(target.noteId)?.ytext) {
        applyNoteTextChange(session.boardDoc, target.noteId, { index: 0, deleteCount: 0, insert: '' });
      }
      ui.editingNoteId.set(target.noteId);
      // Into the editor even when another note's editor had the focus: the typing must go to this one.
      focusEditorSoon(target.noteId);
    },
  },
  {
    id: 'note.move',
    labelKey: 'note.moveTo',
    shortcut: { key: 'm', label: 'M' },
    predicate: canEdit,
    perform: ({ ui }, target) => ui.openMoveDialog(target.noteId),
  },
  {
    id: 'note.group',
    labelKey: 'cluster.groupWith',
    shortcut: { key: 'g', label: 'G' },
    predicate: (env, target) => canEdit(env) && target.pillarId !== null,
    perform: ({ dialogs }, target) => target.pillarId && dialogs.openGroup(target.noteId, target.pillarId),
  },
  {
    id: 'note.leaveGroup',
    labelKey: 'cluster.leave',
    shortcut: { key: 'u', label: 'U' },
    predicate: (env, target) => canEdit(env) && target.clusterId !== null,
    perform: ({ board, ui, t, dialogs }, target) => {
      const note = board.session.noteSnapshots.get(target.noteId);
      const lane = note?.place?.lane;
      const result = leaveCluster(board.session.boardDoc, target.noteId);
      if (!result.ok) {
        ui.notify({ message: t(`error.${result.error}`), tone: 'error' });
        return;
      }
      const custom = lane ? board.session.settings.get().laneLabels[lane] : null;
      // The template's own labels in the UI language, a renamed one as written (as useLaneLabelText).
      const laneName = !lane ? '' : custom && custom !== DEFAULT_LANE_LABELS[lane] ? custom : t(`lane.${lane}`);
      ui.announce(t('cluster.left', { text: shorten(target.text), lane: laneName }));
      // The note is now in its lane: keep the focus on it there.
      dialogs.focusNote(target.noteId);
    },
  },
  {
    id: 'note.spotlight',
    labelKey: 'spotlight.set',
    shortcut: { key: 'f', label: 'F' },
    predicate: ({ board }) => board.role === 'facilitator' && board.canEditSettings,
    checked: ({ board }, target) => readSpotlight(board.session.settingsDoc)?.itemId === target.noteId,
    perform: (env, target) => {
      const on = readSpotlight(env.board.session.settingsDoc)?.itemId === target.noteId;
      setSpotlight(env.board.session.settingsDoc, on ? null : target.noteId);
      env.dialogs.focusNote(target.noteId);
    },
  },
  {
    id: 'note.color',
    labelKey: 'action.color',
    shortcut: { key: 'l', label: 'L' },
    predicate: canEdit,
    perform: ({ dialogs }, target) => dialogs.openColor(target.noteId),
  },
  {
    id: 'note.comment',
    labelKey: 'action.comment',
    shortcut: { key: 'c', label: 'C' },
    // Everyone may read a thread; writing in it is the thread's own rule.
    predicate: () => true,
    perform: ({ dialogs }, target) => dialogs.openThread(target.noteId),
  },
  reaction('note.like', '👍', 'action.like', '1'),
  reaction('note.question', '❓', 'action.question', '2'),
  {
    id: 'note.delete',
    labelKey: 'note.delete',
    shortcut: { key: 'Delete', label: 'Delete' },
    predicate: canEdit,
    perform: ({ board, ui, t, dialogs }, target) => {
      // Before the note leaves the page: its neighbour is found from where it is now.
      dialogs.focusNeighbour(target.noteId);
      deleteNote(board.session.boardDoc, target.noteId, Date.now(), LOCAL_ORIGIN, board.identity);
      ui.notify({
        message: t('note.deleted', { text: shorten(target.text) }),
        action: {
          label: t('note.undo'),
          run: () => restoreNote(board.session.boardDoc, target.noteId),
          focusAfter: target.noteId,
        },
      });
    },
  },
];
