import type { MessageKey } from '../../shared/i18n';
import { createStore, type Store } from '../lib/store';

/**
 * The views of one board: the same documents shown six ways, and, for a board in a plan, the plan across its
 * periods (計画). Which one is open is this tab's own state.
 */
export const BOARD_VIEWS = ['board', 'matrix', 'results', 'scoring', 'shortlist', 'initiatives', 'plan'] as const;
export type BoardViewName = (typeof BOARD_VIEWS)[number];

export const VIEW_LABEL_KEYS: Record<BoardViewName, MessageKey> = {
  board: 'view.board',
  matrix: 'view.matrix',
  results: 'view.results',
  scoring: 'view.scoring',
  shortlist: 'view.shortlist',
  initiatives: 'view.initiatives',
  plan: 'view.plan',
};

/** The views this board shows: 計画 only for a board in a plan. */
export const shownViews = (inPlan: boolean): readonly BoardViewName[] =>
  inPlan ? BOARD_VIEWS : BOARD_VIEWS.filter((view) => view !== 'plan');

/** The view shown for the one chosen: an address naming 計画 for a board in no plan shows the board view. */
export const shownView = (view: BoardViewName, inPlan: boolean): BoardViewName =>
  view === 'plan' && !inPlan ? 'board' : view;

function isBoardView(value: string | null): value is BoardViewName {
  return value !== null && (BOARD_VIEWS as readonly string[]).includes(value);
}

/**
 * The open view, kept in the address (`?view=matrix`) so a reload or a shared address opens the same view.
 * The board view is the default and leaves the address without the parameter.
 */
export function createViewStore(): Store<BoardViewName> {
  const initial = new URLSearchParams(window.location.search).get('view');
  const store = createStore<BoardViewName>(isBoardView(initial) ? initial : 'board');
  store.subscribe(() => {
    const url = new URL(window.location.href);
    const view = store.get();
    if (view === 'board') url.searchParams.delete('view');
    else url.searchParams.set('view', view);
    window.history.replaceState(window.history.state, '', url.pathname + url.search + url.hash);
  });
  return store;
}
