import { useI18n } from '../i18n/I18nProvider';
import { useStore } from '../lib/store';
import { useBoard } from '../session/hooks';
import { ScoreSheet } from './ScoreSheet';
import { ScoringControls } from './ScoringControls';
import { ScoringResults } from './ScoringResults';
import '../voting/voting.css';
import './scoring.css';

/**
 * The 採点 tab: the facilitator's round controls, this person's sealed scores while a round is open, and the
 * revealed results (the items the group is split on first). Nobody's scores but one's own are ever known here
 * before the reveal: the server sends no other.
 */
export function ScoringView() {
  const { t } = useI18n();
  const { session, role } = useBoard();
  const rounds = useStore(session.scoringRounds);
  const own = useStore(session.ownScores);
  const latest = rounds.at(-1) ?? null;
  return (
    <div className="voting scoring">
      <h2>{t('score.heading')}</h2>
      <p className="muted">{t('score.explain')}</p>
      {role === 'facilitator' && <ScoringControls latest={latest} scorers={own.scorers} />}
      {latest === null && <p className="vote-notice">{t('score.noRound')}</p>}
      {latest?.status === 'open' && <ScoreSheet round={latest} own={own} />}
      {latest?.status === 'closed' && (
        <p className="vote-notice">{t('score.statusClosed', { number: latest.number })}</p>
      )}
      <ScoringResults rounds={rounds} />
    </div>
  );
}
