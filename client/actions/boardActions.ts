import { facilitatorApi } from '../lib/api';
import { apiErrorMessage } from '../lib/apiErrorMessage';
import type { ActionEnv, BoardAction } from './types';

const isFacilitator = ({ board }: ActionEnv) => board.role === 'facilitator';
const isLocked = ({ board }: ActionEnv) => board.session.settings.get().lock !== null;

/** A lock or unlock under way: a second press meanwhile is ignored (the first one's answer decides). */
let lockRequest: Promise<void> | null = null;

/** Locks or unlocks the board through the server (the lock is the server's rule) and says how it went. */
export function setBoardLock(env: ActionEnv, next: boolean): Promise<void> {
  if (lockRequest) return lockRequest;
  const { board, ui, t } = env;
  lockRequest = facilitatorApi(board.session.boardId, board.token)
    .setLock(next)
    .then(
      () => ui.notify({ message: t(next ? 'lock.done' : 'lock.undone') }),
      (error: unknown) => ui.notify({ message: apiErrorMessage(t, error), tone: 'error' }),
    )
    .finally(() => {
      lockRequest = null;
    });
  return lockRequest;
}

/** The facilitator's tools: the header's ファシリテーター menu and the palette list these. */
export const FACILITATOR_ACTIONS: readonly BoardAction[] = [
  {
    id: 'board.settings',
    labelKey: 'settings.open',
    menu: 'facilitator',
    predicate: ({ board }) => board.canManageBoard,
    perform: ({ dialogs }) => dialogs.openBoardDialog('settings'),
  },
  {
    id: 'board.people',
    labelKey: 'people.open',
    menu: 'facilitator',
    predicate: isFacilitator,
    perform: ({ dialogs }) => dialogs.openBoardDialog('people'),
  },
  {
    id: 'board.audit',
    labelKey: 'audit.open',
    menu: 'facilitator',
    predicate: isFacilitator,
    perform: ({ dialogs }) => dialogs.openBoardDialog('audit'),
  },
  {
    id: 'board.contributions',
    labelKey: 'contribution.open',
    menu: 'facilitator',
    predicate: isFacilitator,
    perform: ({ dialogs }) => dialogs.openBoardDialog('contributions'),
  },
  {
    id: 'board.digest',
    labelKey: 'digest.open',
    menu: 'facilitator',
    predicate: isFacilitator,
    perform: ({ dialogs }) => dialogs.openBoardDialog('digest'),
  },
  {
    id: 'board.lock',
    labelKey: 'lock.lock',
    menu: 'facilitator',
    predicate: (env) => isFacilitator(env) && !isLocked(env),
    // Asked first: participants lose their editing at once.
    perform: ({ dialogs }) => dialogs.openBoardDialog('lock'),
  },
  {
    id: 'board.unlock',
    labelKey: 'lock.unlock',
    menu: 'facilitator',
    predicate: (env) => isFacilitator(env) && isLocked(env),
    perform: (env) => void setBoardLock(env, false),
  },
];

/** 「グループの提案」 from the command palette (each pillar also has its button): the first pillar's, then any. */
export const SUGGESTION_ACTIONS: readonly BoardAction[] = [
  {
    id: 'board.suggestGroups',
    labelKey: 'suggest.open',
    predicate: ({ board }) => board.role !== 'viewer' && board.canEditBoard && board.session.loaded.get(),
    perform: ({ dialogs }) => dialogs.openBoardDialog('suggestions'),
  },
];

/** How this browser shows the board: 一覧 (compact density, kept per browser) and 全体表示 (for screen-sharing). */
export const DISPLAY_ACTIONS: readonly BoardAction[] = [
  {
    id: 'board.compact',
    labelKey: 'display.compact',
    shortcut: { key: 'd', label: 'D' },
    predicate: ({ board }) => board.session.loaded.get(),
    checked: ({ display }) => display.density.get() === 'compact',
    perform: ({ display, ui, t }) => {
      const compact = display.density.get() !== 'compact';
      display.density.set(compact ? 'compact' : 'notes');
      ui.announce(t(compact ? 'display.compactOn' : 'display.compactOff'));
    },
  },
  {
    id: 'board.overview',
    labelKey: 'display.overview',
    shortcut: { key: 'o', label: 'O' },
    predicate: ({ board }) => board.session.loaded.get(),
    checked: ({ display }) => display.overview.get(),
    perform: ({ display, ui, t }) => {
      const on = !display.overview.get();
      // The overview shows the board's notes: from another view it opens the board.
      if (on) ui.view.set('board');
      display.overview.set(on);
      ui.announce(t(on ? 'display.overviewOn' : 'display.overviewOff'));
    },
  },
];
