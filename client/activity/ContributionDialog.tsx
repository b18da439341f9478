import { useEffect, useId, useMemo, useState } from 'react';
import { type Contributions, contributionsSince } from '../../shared/contributions';
import { contributionCountsOnly } from '../../shared/records/contributionPolicy';
import { japanDate } from '../../shared/records/meetingTask';
import { useI18n } from '../i18n/I18nProvider';
import { facilitatorApi, type Person } from '../lib/api';
import { useStore } from '../lib/store';
import { useBoard, useSettings } from '../session/hooks';
import { useSettingsFlag } from '../session/useSettingsFlag';
import { useModalDialog } from '../ui/useModalDialog';
import './contributions.css';

const WEEK_MS = 7 * 86_400_000;

/** The start of a day in Japan, in ms. */
const dayStart = (date: string) => Date.parse(`${date}T00:00:00+09:00`);

/**
 * 参加の状況, for the facilitator only: who has added notes (per pillar) and comments since a date — what is public
 * anyway, as アクティビティ shows it — and, for dot voting and scoring, only how many have taken part (never who:
 * votes and scores are sealed). Roster members with nothing yet are listed too: they are the ones to invite. The
 * board setting 「人数だけを表示する」 leaves the names out.
 */
export function ContributionDialog({ onClose }: { onClose: () => void }) {
  const { t } = useI18n();
  const { session, token } = useBoard();
  const settings = useSettings();
  const dialog = useModalDialog();
  const headingId = useId();
  const sinceId = useId();
  const countsOnly = useSettingsFlag(contributionCountsOnly);
  const [since, setSince] = useState(() => japanDate(Date.now() - WEEK_MS));
  const [roster, setRoster] = useState<Person[]>([]);
  const [version, setVersion] = useState(0);
  useEffect(() => {
    facilitatorApi(session.boardId, token)
      .listPeople()
      .then(setRoster, () => setRoster([]));
  }, [session, token]);
  useEffect(() => {
    const onUpdate = () => setVersion((v) => v + 1);
    session.boardDoc.on('update', onUpdate);
    return () => session.boardDoc.off('update', onUpdate);
  }, [session]);
  const valid = !Number.isNaN(dayStart(since));
  // biome-ignore lint/correctness/useExhaustiveDependencies: `version` stands for the board document's content.
  const contributions = useMemo(
    () => contributionsSince(session.boardDoc, settings.pillars, valid ? dayStart(since) : 0),
    [session, settings.pillars, since, valid, version],
  );
  return (
    <dialog ref={dialog} className="dialog dialog-wide contributions" aria-labelledby={headingId} onCancel={onClose}>
      <h2 id={headingId}>{t('contribution.heading')}</h2>
      <p>{t(countsOnly ? 'contribution.explainCounts' : 'contribution.explain')}</p>
      <div className="contribution-since">
        <label htmlFor={sinceId}>{t('contribution.since')}</label>
        <input id={sinceId} type="date" value={since} required onChange={(event) => setSince(event.target.value)} />
      </div>
      <Totals contributions={contributions} />
      {!countsOnly && <PeopleTable contributions={contributions} roster={roster} />}
      <Rounds />
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>
          {t('common.close')}
        </button>
      </div>
    </dialog>
  );
}

function Totals({ contributions }: { contributions: Contributions }) {
  const { t } = useI18n();
  const { pillars } = useSettings();
  return (
    <ul className="contribution-totals">
      <li>
        {t('contribution.notesTotal', {
          count: contributions.notes,
          people: contributions.people.filter((p) => p.notes > 0).length,
        })}{' '}
        <span className="muted">
          {pillars
            .map((pillar) => `${pillar.title} ${contributions.notesByPillar[pillar.id] ?? 0}`)
            .join(t('common.listSeparator'))}
        </span>
      </li>
      <li>
        {t('contribution.initiativesTotal', {
          count: contributions.initiatives,
          people: contributions.people.filter((p) => p.initiatives > 0).length,
        })}
      </li>
      <li>
        {t('contribution.commentsTotal', {
          count: contributions.comments,
          people: contributions.people.filter((p) => p.comments > 0).length,
        })}
      </li>
    </ul>
  );
}

/** One row per person: those who wrote since the date, then roster members who have not (0 everywhere). */
function PeopleTable({ contributions, roster }: { contributions: Contributions; roster: readonly Person[] }) {
  const { t } = useI18n();
  const { pillars } = useSettings();
  const names = new Map(roster.map((person) => [person.id, person.name]));
  const rows = [
    ...contributions.people,
    ...roster
      .filter((person) => !contributions.people.some((p) => p.personId === person.id))
      .map((person) => ({
        personId: person.id,
        name: person.name,
        notesByPillar: {},
        notes: 0,
        comments: 0,
        initiatives: 0,
      })),
  ] as Contributions['people'];
  return (
    <table className="contribution-table">
      <caption>{t('contribution.tableCaption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('contribution.person')}</th>
          {pillars.map((pillar) => (
            <th key={pillar.id} scope="col">
              {t('contribution.notesIn', { pillar: pillar.title })}
            </th>
          ))}
          <th scope="col">{t('contribution.comments')}</th>
          <th scope="col">{t('contribution.initiatives')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr
            key={row.personId}
            className={row.notes + row.comments + row.initiatives === 0 ? 'contribution-quiet' : undefined}
          >
            <th scope="row">{names.get(row.personId) || row.name || t('contribution.unnamed')}</th>
            {pillars.map((pillar) => (
              <td key={pillar.id}>{row.notesByPillar[pillar.id] ?? 0}</td>
            ))}
            <td>{row.comments}</td>
            <td>{row.initiatives}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Dot voting and scoring: how many took part in the latest round, as far as the facilitator may know it. */
function Rounds() {
  const { t } = useI18n();
  const { session } = useBoard();
  const voting = useStore(session.votingRounds).at(-1) ?? null;
  const scoring = useStore(session.scoringRounds).at(-1) ?? null;
  const ownVote = useStore(session.ownVote);
  const ownScores = useStore(session.ownScores);
  const line = (
    round: { number: number; status: string } | null,
    open: number | null,
    revealed: number | null,
    keys: {
      none: 'contribution.noVoting' | 'contribution.noScoring';
      count: 'contribution.voters' | 'contribution.scorers';
    },
  ) => {
    if (!round) return t(keys.none);
    if (round.status === 'open') return t(keys.count, { number: round.number, count: open ?? 0 });
    if (round.status === 'revealed') return t(keys.count, { number: round.number, count: revealed ?? 0 });
    return t('contribution.sealed', { number: round.number });
  };
  return (
    <section className="contribution-rounds" aria-labelledby="contribution-rounds-heading">
      <h3 id="contribution-rounds-heading">{t('contribution.roundsHeading')}</h3>
      <ul>
        <li>
          {line(voting, ownVote.voters, voting?.voters ?? null, {
            none: 'contribution.noVoting',
            count: 'contribution.voters',
          })}
        </li>
        <li>
          {line(scoring, ownScores.scorers, scoring?.scorers ?? null, {
            none: 'contribution.noScoring',
            count: 'contribution.scorers',
          })}
        </li>
      </ul>
      <p className="muted">{t('contribution.sealedWhy')}</p>
    </section>
  );
}
