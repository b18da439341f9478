import { useI18n } from '../i18n/I18nProvider';
import { useStore } from '../lib/store';
import { useBoard } from '../session/hooks';
import { BallotPanel } from './BallotPanel';
import { RoundControls } from './RoundControls';
import { RoundResults } from './RoundResults';
import './voting.css';

/**
 * The 投票 tab: the facilitator's round controls, this person's sealed ballot while a round is open, and the
 * revealed results. Nobody's ballot but one's own is ever known here: the server sends no other.
 */
export function ResultsView() {
  const { t } = useI18n();
  const { session, role } = useBoard();
  const rounds = useStore(session.votingRounds);
  const own = useStore(session.ownVote);
  const latest = rounds.at(-1) ?? null;
  return (
    <div className="voting">
      <h2>{t('vote.heading')}</h2>
      {role === 'facilitator' && <RoundControls latest={latest} voters={own.voters} />}
      {latest === null && <p className="vote-notice">{t('vote.noRound')}</p>}
      {latest?.status === 'open' && <BallotPanel round={latest} own={own} />}
      {latest?.status === 'closed' && (
        <p className="vote-notice">{t('vote.statusClosed', { number: latest.number })}</p>
      )}
      {latest !== null && <RoundResults rounds={rounds} />}
    </div>
  );
}
