import { useEffect, useState } from 'react';
import { useI18n } from '../i18n/I18nProvider';
import { useStore } from '../lib/store';
import { useBoard, useSettings } from '../session/hooks';
import { useBoardUi } from '../ui/boardUi';
import { BOARD_VIEWS, type BoardViewName } from '../ui/boardViews';
import { ScreenShareIcon } from '../ui/icons/meetingIcons';
import { setLeading, useFacilitationEnv } from './facilitationCommands';

/** What the leader shares through presence while follow-me is on: the open view and where the page is scrolled. */
interface LeadView {
  view: BoardViewName;
  /** Scroll position as a fraction of the scrollable range (screens differ in size). */
  x: number;
  y: number;
}

function readLead(state: unknown): LeadView | null {
  const lead = (state as { lead?: unknown } | null)?.lead;
  if (typeof lead !== 'object' || lead === null) return null;
  const { view, x, y } = lead as Record<string, unknown>;
  if (typeof view !== 'string' || !(BOARD_VIEWS as readonly string[]).includes(view)) return null;
  const fraction = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? Math.min(1, Math.max(0, v)) : 0);
  return { view: view as BoardViewName, x: fraction(x), y: fraction(y) };
}

function scrollFractions(): { x: number; y: number } {
  const page = document.scrollingElement ?? document.documentElement;
  const fraction = (at: number, range: number) => (range > 0 ? Math.round((at / range) * 1000) / 1000 : 0);
  return {
    x: fraction(page.scrollLeft, page.scrollWidth - page.clientWidth),
    y: fraction(page.scrollTop, page.scrollHeight - page.clientHeight),
  };
}

/** The leader's side: share the view and scroll position while follow-me names this person. */
function useShareLeadView(leading: boolean) {
  const { session } = useBoard();
  const { view } = useBoardUi();
  const current = useStore(view);
  useEffect(() => {
    const awareness = session.awareness;
    if (!leading) {
      awareness.setLocalStateField('lead', null);
      return;
    }
    let timer: number | null = null;
    const share = () => {
      timer = null;
      awareness.setLocalStateField('lead', { view: current, ...scrollFractions() } satisfies LeadView);
    };
    const onScroll = () => {
      timer ??= window.setTimeout(share, 150);
    };
    share();
    window.addEventListener('scroll', onScroll, { passive: true });
    return () => {
      window.removeEventListener('scroll', onScroll);
      if (timer !== null) window.clearTimeout(timer);
    };
  }, [leading, current, session]);
  useEffect(() => () => session.awareness.setLocalStateField('lead', null), [session]);
}

/**
 * The follower's side: apply the leader's view and scroll position whenever they change. Returns whether the
 * leader is sharing now: not while their connection is down (they are followed again once it is back).
 */
function useFollowLeader(leaderId: string | null): boolean {
  const { session } = useBoard();
  const { view } = useBoardUi();
  const [sharing, setSharing] = useState(true);
  useEffect(() => {
    if (leaderId === null) return;
    const awareness = session.awareness;
    let last = '';
    const apply = () => {
      let lead: LeadView | null = null;
      awareness.getStates().forEach((state, clientId) => {
        if (clientId === awareness.clientID) return;
        // `user` is bound by the server to the connection's identity, and only a facilitator's `lead` is relayed.
        if ((state as { user?: { id?: unknown } }).user?.id === leaderId) lead = readLead(state) ?? lead;
      });
      setSharing(lead !== null);
      if (!lead) {
        last = ''; // once the leader is back, their view is applied again, even if it did not change
        return;
      }
      // Not while this person is in a dialog (writing a comment, say): switching the view would close it and
      // lose the draft. The leader's next move is followed once it is closed.
      if (document.querySelector('dialog[open]')) return;
      const key = JSON.stringify(lead);
      if (key === last) return;
      last = key;
      const { view: leadView, x, y } = lead as LeadView;
      view.set(leadView);
      // After the view has rendered.
      requestAnimationFrame(() => {
        const page = document.scrollingElement ?? document.documentElement;
        window.scrollTo({
          left: x * (page.scrollWidth - page.clientWidth),
          top: y * (page.scrollHeight - page.clientHeight),
        });
      });
    };
    awareness.on('change', apply);
    apply();
    return () => awareness.off('change', apply);
  }, [leaderId, session, view]);
  return sharing;
}

/**
 * Follow-me. The facilitator starts it (the meeting bar, or the palette); each participant then follows the
 * facilitator's view and scroll position until they choose to look around on their own, and can follow again
 * any time. Shown inside the meeting bar, so following takes no row of its own.
 */
export function FollowMeBanner() {
  const { t } = useI18n();
  const { identity } = useBoard();
  const { followMe } = useSettings();
  const { announce } = useBoardUi();
  const [optedOut, setOptedOut] = useState<number | null>(null);
  const leading = followMe?.leaderId === identity.id;
  const active = followMe !== null && !leading;
  // A new follow-me session (a new `since`) is followed again, whatever was chosen in the last one.
  const following = active && optedOut !== followMe.since;
  useShareLeadView(leading);
  const leaderSharing = useFollowLeader(following ? (followMe?.leaderId ?? null) : null);
  useEffect(() => {
    if (active) announce(t('follow.started'));
  }, [active, announce, t]);
  if (!active) return null;
  return (
    <div className="follow-banner" role="status">
      <span>{following ? t(leaderSharing ? 'follow.following' : 'follow.waiting') : t('follow.available')}</span>
      {following ? (
        <button type="button" onClick={() => setOptedOut(followMe.since)}>
          {t('follow.leave')}
        </button>
      ) : (
        <button type="button" onClick={() => setOptedOut(null)}>
          {t('follow.join')}
        </button>
      )}
    </div>
  );
}

/**
 * The facilitator's switch: start or end follow-me (the same function as the palette's フォローミーを始める /
 * 終える). A short word on screen; its name keeps the explanation (and contains the word), the tooltip says more.
 */
export function FollowMeToggle() {
  const env = useFacilitationEnv();
  const { t } = env;
  const { followMe } = useSettings();
  const leading = followMe?.leaderId === env.board.identity.id;
  return (
    <button
      type="button"
      className="meeting-bar-button follow-toggle"
      aria-pressed={leading}
      aria-label={t('follow.toggle')}
      title={t('follow.hint')}
      onClick={() => setLeading(env, !leading)}
    >
      <ScreenShareIcon />
      {t('follow.short')}
    </button>
  );
}
