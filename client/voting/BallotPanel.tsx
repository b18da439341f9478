import { useState } from 'react';
import type { PrivateVotingState, VotingRound } from '../../shared/records/voting';
import { useBoard, useSettings } from '../board/hooks';
import { useBoardUi } from '../board/ui';
import { useI18n } from '../i18n/I18nProvider';
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

function BallotItem({ item, round, mine }: { item: VoteItem; round: VotingRound; mine: number }) {
  const { t } = useI18n();
  const { session, token } = useBoard();
  const { notify, announce } = useBoardUi();
  const [busy, setBusy] = useState(false);

  async function change(add: boolean) {
    setBusy(true);
    const api = votingApi(session.boardId, token);
    const since = session.ownVote.mark();
    try {
      const { ballot } = add ? await api.cast(round.number, item.id) : await api.withdraw(round.number, item.id);
      session.ownVote.accept(ballot, since);
      const remaining = Math.max(0, round.budget - ballot.used);
      announce(t(add ? 'vote.added' : 'vote.removed', { label: item.label, remaining }));
    } catch (error) {
      notify({ message: voteErrorMessage(t, error), tone: 'error' });
    } finally {
      setBusy(false);
    }
  }

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
        type="button"
        className="vote-button"
        disabled={busy || mine === 0}
        aria-label={t('vote.remove', { label: item.label })}
        onClick={() => change(false)}
      >
        −
      </button>
      <button
        type="button"
        className="vote-button"
        disabled={busy}
        aria-label={t('vote.add', { label: item.label })}
        onClick={() => change(true)}
      >
        ＋
      </button>
    </li>
  );
}
