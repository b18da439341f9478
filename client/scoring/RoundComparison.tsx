import { useId, useState } from 'react';
import type { ScoringRound } from '../../shared/records/scoring';
import { formatScore } from '../../shared/scoring';
import { useI18n } from '../i18n/I18nProvider';
import { usePrioritizationLabels } from '../matrix/usePrioritizing';

/**
 * Two revealed rounds side by side: for each item scored in both, its medians and spread before and after (did a
 * discussion bring the group together?). The older of the two newest rounds is compared with the newest at first.
 */
export function RoundComparison({ rounds }: { rounds: readonly ScoringRound[] }) {
  const { t } = useI18n();
  const label = usePrioritizationLabels();
  const [before, setBefore] = useState(rounds[1]!.number);
  const [after, setAfter] = useState(rounds[0]!.number);
  const ids = { before: useId(), after: useId() };
  const older = rounds.find((r) => r.number === before) ?? rounds[1]!;
  const newer = rounds.find((r) => r.number === after) ?? rounds[0]!;
  const olderById = new Map((older.results ?? []).map((result) => [result.itemId, result]));
  const rows = (newer.results ?? []).flatMap((result) => {
    const was = olderById.get(result.itemId);
    return was?.summary && result.summary
      ? [{ id: result.itemId, label: result.label, was: was.summary, now: result.summary }]
      : [];
  });
  const picker = (id: string, value: number, set: (n: number) => void, name: string) => (
    <>
      <label htmlFor={id}>{name}</label>
      <select id={id} value={value} onChange={(event) => set(Number(event.target.value))}>
        {rounds.map((r) => (
          <option key={r.number} value={r.number}>
            {t('score.roundName', { number: r.number })}
          </option>
        ))}
      </select>
    </>
  );
  const moved = (was: number, now: number) => `${formatScore(was)} → ${formatScore(now)}`;
  return (
    <section className="score-compare" aria-labelledby="score-compare-heading">
      <h4 id="score-compare-heading">{t('score.compareHeading')}</h4>
      <div className="vote-results-pickers">
        {picker(ids.before, before, setBefore, t('score.compareBefore'))}
        {picker(ids.after, after, setAfter, t('score.compareAfter'))}
      </div>
      {rows.length === 0 ? (
        <p>{t('score.compareNone')}</p>
      ) : (
        <table className="score-table">
          <caption>{t('score.compareCaption', { before: older.number, after: newer.number })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('score.item')}</th>
              <th scope="col">{t('score.medianOf', { axis: label('impactAxis') })}</th>
              <th scope="col">{t('score.medianOf', { axis: label('feasibilityAxis') })}</th>
              <th scope="col">{t('score.spread')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id}>
                <th scope="row">{row.label}</th>
                <td>{moved(row.was.effect.median, row.now.effect.median)}</td>
                <td>{moved(row.was.ease.median, row.now.ease.median)}</td>
                <td>{moved(row.was.disagreement, row.now.disagreement)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
