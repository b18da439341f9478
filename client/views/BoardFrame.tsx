import { type ReactNode, useEffect, useLayoutEffect, useRef } from 'react';
import { useActionEnv } from '../actions/ActionEnvContext';
import { BOARD_ACTIONS, isTyping } from '../actions/registry';
import { useI18n } from '../i18n/I18nProvider';
import { useStore } from '../lib/store';
import { useActions } from '../ui/ActionsContext';
import { useBoardUi } from '../ui/boardUi';
import { FitIcon, ListIcon } from '../ui/icons/headerIcons';
import { fitToScreen } from './fitToScreen';
import './display.css';

/** Runs one of the registry's display actions (一覧, 全体表示): the buttons and the shortcuts do the same. */
function useDisplayAction() {
  const currentEnv = useActionEnv();
  return (id: 'board.compact' | 'board.overview') => {
    const env = currentEnv();
    const action = BOARD_ACTIONS.find((candidate) => candidate.id === id);
    if (action?.predicate(env, null)) action.perform(env, null);
  };
}

/**
 * The board page's frame: the density (一覧) as a class, and the overview (全体表示, for screen-sharing): the
 * whole board scaled to the window, the header and bars set aside, Escape or the button to come back.
 */
export function BoardFrame({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  const { display } = useActions();
  const density = useStore(display.density);
  const overview = useStore(display.overview);
  const frame = useRef<HTMLDivElement>(null);
  const exit = useRef<HTMLButtonElement>(null);
  const run = useDisplayAction();

  useLayoutEffect(() => {
    const main = frame.current?.querySelector<HTMLElement>('.board-main');
    if (!overview || !main) return;
    // Into the overview: its own button has the focus (the header that held the pressed one is set aside).
    exit.current?.focus();
    return fitToScreen(main, () => exit.current?.closest('.overview-bar')?.getBoundingClientRect().height ?? 0);
  }, [overview]);

  useEffect(() => {
    if (!overview) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || event.defaultPrevented || isTyping(event)) return;
      if (event.target instanceof Element && event.target.closest('dialog, [role="menu"]')) return;
      event.preventDefault();
      run('board.overview');
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  });

  const wasOverview = useRef(overview);
  useEffect(() => {
    // Back from the overview: the focus returns to the button that opened it (only then: not when the page opens).
    if (wasOverview.current && !overview) {
      frame.current?.querySelector<HTMLElement>('[data-display="board.overview"]')?.focus();
    }
    wasOverview.current = overview;
  }, [overview]);

  return (
    <div ref={frame} className={`board-page density-${density} ${overview ? 'board-overview' : ''}`}>
      {overview && (
        <div className="overview-bar">
          <span className="overview-title">{t('display.overviewTitle')}</span>
          <button ref={exit} type="button" onClick={() => run('board.overview')}>
            {t('display.overviewExit')}
          </button>
        </div>
      )}
      {children}
    </div>
  );
}

/** The switches of the board view's display: 一覧 (a switch, kept per browser) and 全体表示. */
export function DisplayControls() {
  const { t } = useI18n();
  const { display } = useActions();
  const { view } = useBoardUi();
  const compact = useStore(display.density) === 'compact';
  const current = useStore(view);
  const run = useDisplayAction();
  if (current !== 'board') return null;
  return (
    <div className="display-controls">
      <button
        type="button"
        aria-pressed={compact}
        aria-keyshortcuts="D"
        data-display="board.compact"
        onClick={() => run('board.compact')}
      >
        <ListIcon />
        {t('display.compact')}
      </button>
      <button type="button" aria-keyshortcuts="O" data-display="board.overview" onClick={() => run('board.overview')}>
        <FitIcon />
        {t('display.overview')}
      </button>
    </div>
  );
}
