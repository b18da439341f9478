import { useLayoutEffect, useRef } from 'react';
import type { PrivateVotingState, VotingRound } from '../../shared/records/voting';
import { useI18n } from '../i18n/I18nProvider';
import { useBoard, useSettings } from '../session/hooks';
import { useBoardUi } from '../ui/boardUi';
import { groupByPillar } from './pillarGroups';
import { useVoteItems, type VoteItem } from './useVoteItems';
import { voteErrorMessage, votingApi } from './votingApi';

/** The ballot of an open round: every item by pillar with this person's own dots, and what is left. */
export function BallotPanel({ round, own }: { round: VotingRound; own: PrivateVotingState }) {
  const { t } = useI18n();
  const { role } = useBoard();
  const settings = useSettings();
  const items = useVoteItems();
  if (!own.canVote) {
    return <p className="vote-notice">{t(role === 'viewer' ? 'vote.viewerNotice' : 'vote.noPersonNotice')}</p>;
  }
  // Dots of the open round only: before the server told us of it, nothing is placed yet.
  const dots = own.round === round.number ? own.dots : {};
  const used = own.round === round.number ? own.used : 0;
  const remaining = Math.max(0, round.budget - used);
  // Only what the board shows: items of archived pillars are hidden there, so they cannot be voted on here.
  const activeIds = new Set(settings.pillars.map((pillar) => pillar.id));
  const groups = groupByPillar(
    items.filter((item) => item.pillarId !== null && activeIds.has(item.pillarId)),
    settings.pillars,
  );
  return (
    <section className="vote-ballot" aria-labelledby="vote-ballot-heading">
      <h3 id="vote-ballot-heading">
        {t('vote.statusOpen', { number: round.number })}{' '}
        <small>
          {round.cap === null
            ? t('vote.rules', { budget: round.budget })
            : t('vote.rulesCap', { budget: round.budget, cap: round.cap })}
        </small>
      </h3>
      <p className="vote-remaining" aria-live="polite">
        {t('vote.remaining', { remaining, budget: round.budget })}
      </p>
      {items.length === 0 && <p>{t('vote.noItems')}</p>}
      {groups.map((group) => (
        <section
          key={group.pillarId ?? ''}
          className="vote-pillar"
          aria-label={t('vote.itemsOf', { pillar: group.title ?? t('vote.otherPillar') })}
        >
          <h4>{group.title ?? t('vote.otherPillar')}</h4>
          <ul className="vote-items">
            {group.items.map((item) => (
              <BallotItem key={item.id} item={item} round={round} mine={dots[item.id] ?? 0} />
            ))}
          </ul>
        </section>
      ))}
    </section>
  );
}

/**
 * One item's ＋ and −. Presses queue (each one is a vote: Enter four times is four votes) and the buttons are
 * never disabled while a press is on its way, so the focus stays on the button pressed. ＋ stays enabled with no
 * votes left: the server's refusal says why (票をすべて使いました, the cap), where a greyed button would not.
 * − is disabled with none placed; the focus then moves to ＋ of the same item.
 */
function BallotItem({ item, round, mine }: { item: VoteItem; round: VotingRound; mine: number }) {
  const { t } = useI18n();
  const { session, token } = useBoard();
  const { notify, announce } = useBoardUi();
  const queue = useRef<Promise<void>>(Promise.resolve());
  const plus = useRef<HTMLButtonElement>(null);
  const minus = useRef<HTMLButtonElement>(null);
  const pressedMinus = useRef(false);
  const canRemove = mine > 0;

  async function send(add: boolean) {
    const api = votingApi(session.boardId, token);
    const since = session.ownVote.mark();
    try {
      const { ballot } = add ? await api.cast(round.number, item.id) : await api.withdraw(round.number, item.id);
      session.ownVote.accept(ballot, since);
      const left = Math.max(0, round.budget - ballot.used);
      announce(t(add ? 'vote.added' : 'vote.removed', { label: item.label, remaining: left }));
    } catch (error) {
      notify({ message: voteErrorMessage(t, error), tone: 'error' });
    }
  }
  function change(add: boolean) {
    pressedMinus.current = !add;
    queue.current = queue.current.then(() => send(add));
  }
  // Before the browser moves the focus off a button that became disabled (to <body>).
  useLayoutEffect(() => {
    const active = document.activeElement;
    const lost = active === minus.current || ((active === document.body || active === null) && pressedMinus.current);
    if (!canRemove && lost) plus.current?.focus();
  }, [canRemove]);

  return (
    <li className={`vote-item ${mine > 0 ? 'vote-item-chosen' : ''}`} aria-label={item.label}>
      <span className="vote-item-label">
        {item.kind === 'cluster' && <span className="vote-cluster-badge">{t('vote.clusterBadge')}</span>}
        {item.label}
      </span>
      <span className="vote-dots" aria-hidden="true">
        {'●'.repeat(mine)}
      </span>
      <span className="vote-mine">{t('vote.mine', { count: mine })}</span>
      <button
        ref={minus}
        type="button"
        className="vote-button"
        disabled={!canRemove}
        aria-label={t('vote.remove', { label: item.label })}
        onClick={() => change(false)}
      >
        −
      </button>
      <button
        ref={plus}
        type="button"
        className="vote-button"
        aria-label={t('vote.add', { label: item.label })}
        onClick={() => change(true)}
      >
        ＋
      </button>
    </li>
  );
}
