import { useId, useMemo } from 'react';
import { unmarkShortlisted } from '../../shared/ops/shortlist';
import { quadrantLabelKey } from '../../shared/records/prioritization';
import { type ShortlistEntry, shortlistByPillar } from '../../shared/shortlist';
import { useI18n } from '../i18n/I18nProvider';
import { CreateInitiativeButton } from '../initiatives/CreateInitiativeButton';
import { itemBackground, shortItemLabel } from '../matrix/itemDisplay';
import { useChosenRound, usePrioritizationLabels, usePrioritizingData } from '../matrix/usePrioritizing';
import { useBoard, useBoardPeriod } from '../session/hooks';
import { useBoardUi } from '../ui/boardUi';
import { nextControlAfter } from '../ui/focusNext';
import './shortlist.css';

/**
 * The items marked for the board's period (令和9〜10年度に取り組む), by pillar, each with its dots in a chosen
 * revealed round and its quadrant on the matrix. The input of the draft initiatives; the exports list the same
 * (shared/shortlist.ts).
 */
export function ShortlistView() {
  const { t } = useI18n();
  const { session } = useBoard();
  const data = usePrioritizingData();
  const [round, setRound] = useChosenRound(data.rounds);
  const roundId = useId();
  const period = useBoardPeriod().shortlistName;
  const groups = useMemo(
    () => shortlistByPillar(session.boardDoc, session.settingsDoc, round, data.items),
    [session, round, data],
  );
  return (
    <section className="shortlist-view" aria-labelledby="shortlist-heading">
      <div className="shortlist-toolbar">
        <h2 id="shortlist-heading">{t('shortlist.heading', { period })}</h2>
        {data.rounds.length > 0 ? (
          <>
            <label htmlFor={roundId} className="matrix-control">
              {t('matrix.round')}
            </label>
            <select id={roundId} value={round ?? ''} onChange={(e) => setRound(Number(e.target.value))}>
              {data.rounds.map((r) => (
                <option key={r.number} value={r.number}>
                  {t('matrix.roundName', { number: r.number })}
                </option>
              ))}
            </select>
          </>
        ) : (
          <span className="muted">{t('matrix.noRounds')}</span>
        )}
      </div>
      <p className="muted">{t('shortlist.help', { period })}</p>
      {groups.length === 0 ? (
        <p className="shortlist-empty">{t('shortlist.empty')}</p>
      ) : (
        groups.map((group) => {
          const title = group.pillar?.title || t('shortlist.pillarUnknown');
          const headingId = `shortlist-${group.pillar?.id ?? 'none'}`;
          return (
            <section key={group.pillar?.id ?? ''} className="shortlist-group" aria-labelledby={headingId}>
              <h3 id={headingId}>
                {title} <span className="muted">{t('shortlist.count', { count: group.entries.length })}</span>
              </h3>
              <ul className="shortlist-list">
                {group.entries.map((entry) => (
                  <ShortlistRow key={entry.item.id} entry={entry} period={period} round={round} />
                ))}
              </ul>
            </section>
          );
        })
      )}
    </section>
  );
}

function ShortlistRow({ entry, period, round }: { entry: ShortlistEntry; period: string; round: number | null }) {
  const { t } = useI18n();
  const { session, canEditBoard } = useBoard();
  const ui = useBoardUi();
  const label = usePrioritizationLabels();
  const text = shortItemLabel(entry.item, 80);
  const quadrant = entry.quadrant ? label(quadrantLabelKey(entry.quadrant)) : t('shortlist.unplaced');
  return (
    <li className="shortlist-row" aria-label={text}>
      <span className="shortlist-swatch" style={{ background: itemBackground(entry.item) }} aria-hidden="true" />
      <span className="shortlist-text">
        {entry.item.kind === 'cluster' && (
          <span className="matrix-card-kind">{t('matrix.cluster', { count: entry.item.notes.length })} </span>
        )}
        {text}
      </span>
      {entry.votes !== null && <span className="matrix-votes">{t('matrix.votes', { count: entry.votes })}</span>}
      <span className={`shortlist-quadrant shortlist-quadrant-${entry.quadrant ?? 'none'}`}>
        {t('shortlist.quadrant', { quadrant })}
      </span>
      {canEditBoard && (
        <button
          type="button"
          aria-label={t('shortlist.unmarkItem', { label: text, period })}
          onClick={(event) => {
            // The row leaves the list with its button: the focus goes on to the next row's (found now).
            const row = event.currentTarget.closest('li');
            const next = row ? nextControlAfter(row) : null;
            unmarkShortlisted(session.boardDoc, entry.item.id);
            if (next) requestAnimationFrame(() => next.isConnected && next.focus());
            ui.announce(t('matrix.unmarked', { label: text, period }));
          }}
        >
          {t('shortlist.unmark')}
        </button>
      )}
      <CreateInitiativeButton item={entry.item} roundNumber={round} />
    </li>
  );
}
