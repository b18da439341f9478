import type { ComponentType } from 'react';
import { ActionsHost } from '../actions/ActionsHost';
import { MeetingBar } from '../facilitation/MeetingBar';
import { SpotlightBanner } from '../facilitation/SpotlightBanner';
import { useI18n } from '../i18n/I18nProvider';
import { countRender } from '../lib/renderProbe';
import { useStore } from '../lib/store';
import { AllNotesShownContext } from '../notes/firstPaint';
import { MoveDialog } from '../notes/lazyDialogs';
import { NoteIndexProvider } from '../notes/NoteIndexContext';
import { UnplacedTray } from '../notes/UnplacedTray';
import { LockBanner } from '../people/LockControl';
import { ScoringStatusBar } from '../scoring/ScoringStatusBar';
import { useBoard, useSettings } from '../session/hooks';
import { BoardUiContext } from '../ui/boardUi';
import { type BoardViewName, shownView } from '../ui/boardViews';
import { LazyView } from '../ui/onDemand';
import { Toasts } from '../ui/Toasts';
import { BoardFrame, DisplayControls } from '../views/BoardFrame';
import { InitiativesView, MatrixView, PlanView, ResultsView, ScoringView, ShortlistView } from '../views/lazyViews';
import { ViewTabs, viewPanelId, viewTabId } from '../views/ViewTabs';
import { VotingStatusBar } from '../voting/VotingStatusBar';
import { BoardDnd } from './BoardDnd';
import { BoardHeader } from './BoardHeader';
import { PillarColumn } from './PillarColumn';
import { useDocumentTitle, useFirstPaintThenAllNotes, useLeaveWarning } from './pageEffects';
import { SessionNoticeBanner } from './SessionNoticeBanner';
import { useBoardUiState } from './useBoardUiState';

export function BoardView({ onRename }: { onRename: (name: string) => void }) {
  countRender('board-view');
  const { session, canEditBoard } = useBoard();
  const { t } = useI18n();
  const loaded = useStore(session.loaded);
  const settings = useSettings();
  const { ui, toasts, dismiss, hold, announcement, moveNoteId, closeMoveDialog } = useBoardUiState(session);
  const view = shownView(useStore(ui.view), settings.plan !== null);
  const allNotesShown = useFirstPaintThenAllNotes(loaded);

  useLeaveWarning(session);
  useDocumentTitle(settings.title, t);

  return (
    <BoardUiContext.Provider value={ui}>
      <ActionsHost>
        <BoardFrame>
          <BoardHeader onRename={onRename} />
          <LockBanner />
          {/* The meeting, follow-me and the timer, on one line. */}
          {loaded && <MeetingBar />}
          {loaded && <SpotlightBanner />}
          {loaded && <VotingStatusBar />}
          {loaded && <ScoringStatusBar />}
          <SessionNoticeBanner />
          {settings.tooNew && (
            <p className="banner banner-error" role="alert">
              {t('board.tooNew')}
            </p>
          )}
          {loaded ? (
            <>
              <div className="view-bar">
                <ViewTabs />
                <DisplayControls />
              </div>
              <main className="board-main" id={viewPanelId(view)} role="tabpanel" aria-labelledby={viewTabId(view)}>
                <AllNotesShownContext.Provider value={allNotesShown}>
                  <CurrentView view={view} />
                </AllNotesShownContext.Provider>
              </main>
            </>
          ) : (
            <p className="page-message" role="status">
              {t('board.loading')}
            </p>
          )}
          {moveNoteId && canEditBoard && <MoveDialog noteId={moveNoteId} onClose={closeMoveDialog} />}
          <Toasts
            toasts={toasts}
            onDismiss={dismiss}
            onAction={ui.messageLog.runAction}
            onHold={hold}
            announcement={announcement}
          />
        </BoardFrame>
      </ActionsHost>
    </BoardUiContext.Provider>
  );
}

/** The views loaded on demand; the board view is the page's own. */
const LAZY_VIEWS: Partial<Record<BoardViewName, ComponentType>> = {
  matrix: MatrixView,
  results: ResultsView,
  scoring: ScoringView,
  shortlist: ShortlistView,
  initiatives: InitiativesView,
  plan: PlanView,
};

function CurrentView({ view }: { view: BoardViewName }) {
  const { t } = useI18n();
  const settings = useSettings();
  const Lazy = LAZY_VIEWS[view];
  // Keyed by view: one view's failure to load is not shown for the next one.
  if (Lazy)
    return (
      <LazyView key={view}>
        <Lazy />
      </LazyView>
    );
  return (
    <BoardDnd>
      <NoteIndexProvider>
        <ul className="pillars" aria-label={t('board.pillarsLabel')}>
          {settings.pillars.map((pillar) => (
            <PillarColumn key={pillar.id} pillar={pillar} />
          ))}
        </ul>
      </NoteIndexProvider>
      <UnplacedTray />
    </BoardDnd>
  );
}
