import { useId, useState } from 'react';
import { type ItemScoreResult, revealedScoringRounds, type ScoringRound } from '../../shared/records/scoring';
import { formatScore, rankByDisagreement } from '../../shared/scoring';
import { useI18n } from '../i18n/I18nProvider';
import { usePrioritizationLabels } from '../matrix/usePrioritizing';
import { RoundComparison } from './RoundComparison';

/**
 * The revealed rounds: for the chosen one (the newest unless another is chosen), 「意見が割れた項目」 — the items
 * the group is most split on, with the reasons given, for the next meeting — then every item's median, spread
 * and count; and, with two or more revealed rounds, how the medians moved between two of them.
 */
export function ScoringResults({ rounds }: { rounds: readonly ScoringRound[] }) {
  const { t } = useI18n();
  const revealed = revealedScoringRounds(rounds);
  const [chosen, setChosen] = useState<number | null>(null);
  const pickerId = useId();
  const round = revealed.find((r) => r.number === chosen) ?? revealed[0];
  if (!round?.results) return null;
  return (
    <section className="vote-results" aria-labelledby="score-results-heading">
      <h3 id="score-results-heading" tabIndex={-1}>
        {t('score.resultsHeading', { number: round.number })}
      </h3>
      {revealed.length > 1 && (
        <div className="vote-results-pickers">
          <label htmlFor={pickerId}>{t('score.resultsRound')}</label>
          <select id={pickerId} value={round.number} onChange={(event) => setChosen(Number(event.target.value))}>
            {revealed.map((r) => (
              <option key={r.number} value={r.number}>
                {t('score.roundName', { number: r.number })}
              </option>
            ))}
          </select>
        </div>
      )}
      <p>{t('score.scorers', { count: round.scorers ?? 0 })}</p>
      <DisagreementList results={round.results} />
      <ResultsTable results={round.results} />
      {/* A round revealed since: the comparison starts again from the two newest. */}
      {revealed.length > 1 && <RoundComparison key={revealed[0]!.number} rounds={revealed} />}
    </section>
  );
}

/** 「意見が割れた項目」: the most split first, each with its two medians, spreads, count and the reasons given. */
function DisagreementList({ results }: { results: readonly ItemScoreResult[] }) {
  const { t } = useI18n();
  const label = usePrioritizationLabels();
  const ranked = rankByDisagreement(
    results.flatMap((result) => (result.summary ? [{ ...result, id: result.itemId, summary: result.summary }] : [])),
  );
  return (
    <section className="score-split" aria-labelledby="score-split-heading">
      <h4 id="score-split-heading">{t('score.splitHeading')}</h4>
      {ranked.length === 0 ? (
        <p>{t('score.splitNone')}</p>
      ) : (
        <ol className="score-split-list">
          {ranked.map((item) => (
            <li key={item.id}>
              <strong>{item.label}</strong>
              <p className="score-split-numbers">
                {t('score.summaryLine', {
                  effectAxis: label('impactAxis'),
                  easeAxis: label('feasibilityAxis'),
                  effect: formatScore(item.summary.effect.median),
                  effectLow: formatScore(item.summary.effect.q1),
                  effectHigh: formatScore(item.summary.effect.q3),
                  ease: formatScore(item.summary.ease.median),
                  easeLow: formatScore(item.summary.ease.q1),
                  easeHigh: formatScore(item.summary.ease.q3),
                  count: item.summary.count,
                })}
              </p>
              {item.reasons.length > 0 && (
                <ul className="score-reasons" aria-label={t('score.reasonsOf', { label: item.label })}>
                  {item.reasons.map((reason, index) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: reasons have no id; the list is replaced whole.
                    <li key={index}>
                      <span className="score-reason-values">
                        {t('score.reasonValues', {
                          effectAxis: label('impactAxis'),
                          easeAxis: label('feasibilityAxis'),
                          effect: reason.effect,
                          ease: reason.ease,
                        })}
                      </span>
                      {reason.text}
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

/** Every item of the round: medians, interquartile ranges and how many scored it. */
function ResultsTable({ results }: { results: readonly ItemScoreResult[] }) {
  const { t } = useI18n();
  const label = usePrioritizationLabels();
  return (
    <table className="score-table">
      <caption>{t('score.tableCaption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('score.item')}</th>
          <th scope="col">{t('score.medianOf', { axis: label('impactAxis') })}</th>
          <th scope="col">{t('score.medianOf', { axis: label('feasibilityAxis') })}</th>
          <th scope="col">{t('score.spread')}</th>
          <th scope="col">{t('score.count')}</th>
        </tr>
      </thead>
      <tbody>
        {results.map((result) => (
          <tr key={result.itemId}>
            <th scope="row">{result.label}</th>
            <td>{result.summary ? formatScore(result.summary.effect.median) : '—'}</td>
            <td>{result.summary ? formatScore(result.summary.ease.median) : '—'}</td>
            <td>{result.summary ? formatScore(result.summary.disagreement) : '—'}</td>
            <td>{result.summary?.count ?? 0}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
