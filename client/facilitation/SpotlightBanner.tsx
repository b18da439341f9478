import { useEffect, useRef } from 'react';
import { itemLabel, resolveItem } from '../../shared/items';
import { setSpotlight } from '../../shared/ops/liveFacilitation';
import { useI18n } from '../i18n/I18nProvider';
import { shorten } from '../lib/shorten';
import { useBoard, useSettings } from '../session/hooks';
import { useBoardUi } from '../ui/boardUi';

/** The element that shows an item on the board view (a note card or a cluster card). */
function itemElement(itemId: string): HTMLElement | null {
  const id = CSS.escape(itemId);
  return document.querySelector<HTMLElement>(`[data-note-id="${id}"], [data-cluster-id="${id}"]`);
}

/** Brings the spotlighted item into view on the board and moves the focus to it. */
export function showSpotlighted(itemId: string, view: { set(v: 'board'): void }) {
  view.set('board');
  requestAnimationFrame(() => {
    const element = itemElement(itemId);
    if (!element) return;
    element.scrollIntoView({ block: 'center' });
    if (!element.hasAttribute('tabindex')) element.setAttribute('tabindex', '-1');
    element.focus({ preventScroll: true });
  });
}

/**
 * The facilitator points everyone to one note or cluster: a banner names it (announced), it is highlighted on
 * the board, and 「表示する」 brings it into view. The facilitator takes the spotlight away.
 */
export function SpotlightBanner() {
  const { t } = useI18n();
  const { session, role, canEditSettings } = useBoard();
  const { spotlight } = useSettings();
  const { view, announce } = useBoardUi();
  const item = spotlight ? resolveItem(session.boardDoc, spotlight.itemId) : null;
  const label = item ? shorten(itemLabel(item)) : '';
  // Announced when the facilitator points somewhere, not again at each edit of the note's text.
  const labelRef = useRef(label);
  labelRef.current = label;
  const pointedAt = spotlight ? `${spotlight.itemId}@${spotlight.at}` : null;
  useEffect(() => {
    if (pointedAt && labelRef.current) announce(t('spotlight.announce', { text: labelRef.current }));
  }, [pointedAt, announce, t]);
  if (!spotlight || !item) return null;
  return (
    <div className="banner spotlight-banner">
      <span>{t('spotlight.banner', { text: label })}</span>
      <button type="button" onClick={() => showSpotlighted(item.id, view)}>
        {t('spotlight.show')}
      </button>
      {role === 'facilitator' && canEditSettings && (
        <button type="button" onClick={() => setSpotlight(session.settingsDoc, null)}>
          {t('spotlight.clear')}
        </button>
      )}
    </div>
  );
}
