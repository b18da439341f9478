import { type KeyboardEvent, useRef } from 'react';
import { useI18n } from '../i18n/I18nProvider';
import { useStore } from '../lib/store';
import { useSettings } from '../session/hooks';
import { useBoardUi } from '../ui/boardUi';
import { type BoardViewName, shownView, shownViews, VIEW_LABEL_KEYS } from '../ui/boardViews';

export const viewTabId = (view: BoardViewName) => `view-tab-${view}`;
export const viewPanelId = (view: BoardViewName) => `view-panel-${view}`;

/**
 * The view switch, as ARIA tabs: one tab stop, arrow keys (and Home / End) move between the views and open
 * them (automatic activation: every view is already in memory, so showing one is instant).
 */
export function ViewTabs() {
  const { t } = useI18n();
  const { view: viewStore } = useBoardUi();
  const inPlan = useSettings().plan !== null;
  const current = shownView(useStore(viewStore), inPlan);
  const tabs = useRef(new Map<BoardViewName, HTMLButtonElement>());
  const views = shownViews(inPlan);

  function select(view: BoardViewName) {
    viewStore.set(view);
    tabs.current.get(view)?.focus();
  }

  function onKeyDown(event: KeyboardEvent) {
    const index = views.indexOf(current);
    const last = views.length - 1;
    const next =
      event.key === 'ArrowRight'
        ? (index + 1) % views.length
        : event.key === 'ArrowLeft'
          ? (index + last) % views.length
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? last
              : null;
    if (next === null) return;
    event.preventDefault();
    select(views[next]!);
  }

  return (
    <div className="view-tabs" role="tablist" aria-label={t('view.tabsLabel')} onKeyDown={onKeyDown}>
      {views.map((view) => (
        <button
          key={view}
          ref={(element) => {
            if (element) tabs.current.set(view, element);
            else tabs.current.delete(view);
          }}
          type="button"
          role="tab"
          id={viewTabId(view)}
          aria-selected={view === current}
          aria-controls={viewPanelId(view)}
          tabIndex={view === current ? 0 : -1}
          className={`view-tab ${view === current ? 'view-tab-current' : ''}`}
          onClick={() => select(view)}
        >
          {t(VIEW_LABEL_KEYS[view])}
        </button>
      ))}
    </div>
  );
}
