import { useId, useMemo } from 'react';
import * as Y from 'yjs';
import { boardRoots } from '../../shared/docs';
import { formatJapaneseDate } from '../../shared/fiscalYear';
import { applyVerificationTextChanges, setVerificationResult } from '../../shared/ops/verification';
import { periodName } from '../../shared/periodText';
import {
  actualNotNumeric,
  type ContinuedCard,
  listContinued,
  VERIFICATION_RESULTS,
  VERIFICATION_TEXT_MAX,
  type VerificationResult,
  type VerificationTextField,
} from '../../shared/records/continued';
import type { Result } from '../../shared/result';
import type { TextChange } from '../../shared/textDiff';
import { useI18n } from '../i18n/I18nProvider';
import { useDocVersion } from '../matrix/usePrioritizing';
import { earlierBoardLink } from '../plan/usePlanOverview';
import { useBoard, useSettings } from '../session/hooks';
import { useBoardUi } from '../ui/boardUi';
import { CollaborativeTextField } from './CollaborativeTextField';
import '../i18n/planCycleMessages';

/**
 * 「前期からの継続」: the previous period's initiatives, each with its verification (検証) — 結果, the KPI's
 * actual value against the target as it was, a comment, who verified it and when. Typed live by everyone who
 * can write the board (as initiatives are); read-only for viewers. Absent on a board with no previous period.
 */
export function ContinuedSection() {
  const { t, lang } = useI18n();
  const { session, token, role } = useBoard();
  const settings = useSettings();
  const version = useDocVersion(session.boardDoc);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the version stands for the document's content.
  const cards = useMemo(() => listContinued(session.boardDoc), [session, version]);
  const headingId = useId();
  if (cards.length === 0) return null;
  const from = cards[0]!.from;
  const pillars = [...settings.pillars, ...settings.archivedPillars];
  const groups = [
    ...pillars.map((pillar) => ({ id: pillar.id, title: pillar.title })),
    { id: null, title: t('initiative.pillarUnknown') },
  ]
    .map((pillar) => ({
      ...pillar,
      cards: cards.filter((card) =>
        pillar.id === null ? !pillars.some((p) => p.id === card.pillarId) : card.pillarId === pillar.id,
      ),
    }))
    .filter((group) => group.cards.length > 0);
  const verified = cards.filter((card) => card.verification.result !== null).length;
  // This board's own link opens the previous one read-only (its members are not given its links), except the
  // shared viewer link, which reads this board only (server/auth.ts).
  const oldBoardLink = earlierBoardLink(from.boardId, { token, readsEarlier: role !== 'viewer' }, 'initiatives');
  return (
    <section className="continued-section" aria-labelledby={headingId}>
      <h3 id={headingId}>
        {t('continued.heading', { period: from.periodName, years: periodName(from, lang) })}{' '}
        <span className="muted">{t('continued.progress', { verified, count: cards.length })}</span>
      </h3>
      <p className="muted">{t('continued.help', { board: from.boardTitle })}</p>
      {oldBoardLink && (
        <p>
          <a href={oldBoardLink} target="_blank" rel="noopener">
            {t('continued.openBoard', { board: from.boardTitle })}
          </a>
        </p>
      )}
      {groups.map((group) => (
        <section key={group.id ?? ''} aria-label={group.title} className="continued-pillar">
          <h4>{group.title}</h4>
          <ul className="continued-list">
            {group.cards.map((card) => (
              <li key={card.id}>
                <ContinuedCardView card={card} />
              </li>
            ))}
          </ul>
        </section>
      ))}
    </section>
  );
}

function ContinuedCardView({ card }: { card: ContinuedCard }) {
  const { t } = useI18n();
  const { session, identity, canEditBoard } = useBoard();
  const ui = useBoardUi();
  const resultId = useId();
  const who = () => ({ personId: identity.id, name: identity.name, now: Date.now() });
  const report = <T,>(result: Result<T>): Result<T> => {
    if (!result.ok) ui.notify({ message: t(`error.${result.error}`), tone: 'error' });
    return result;
  };
  const map = boardRoots.continued(session.boardDoc).get(card.id);
  const ytext = (field: VerificationTextField) => {
    const value = map instanceof Y.Map ? map.get(field) : null;
    return value instanceof Y.Text ? value : null;
  };
  const v = card.verification;
  const flagged = actualNotNumeric(card);
  return (
    <article className="continued-card" aria-label={t('continued.cardName', { title: card.title })}>
      <h5>{card.title}</h5>
      <dl className="continued-facts">
        <dt>{t('initiative.field.indicator')}</dt>
        <dd>{card.indicator || t('continued.none')}</dd>
        <dt>{t('initiative.field.targetValue')}</dt>
        <dd>{card.targetValue || t('continued.none')}</dd>
        <dt>{t('initiative.field.department')}</dt>
        <dd>{card.department || t('continued.none')}</dd>
      </dl>
      {card.sourceNotes.length > 0 && (
        <details>
          <summary>{t('continued.sourceNotes', { count: card.sourceNotes.length })}</summary>
          <ul>
            {card.sourceNotes.map((note) => (
              <li key={note.id}>{note.text}</li>
            ))}
          </ul>
        </details>
      )}
      <div className="continued-verification">
        <label htmlFor={resultId}>{t('continued.result')}</label>
        {canEditBoard ? (
          <select
            id={resultId}
            value={v.result ?? ''}
            onChange={(e) =>
              report(
                setVerificationResult(
                  session.boardDoc,
                  card.id,
                  e.target.value === '' ? null : (e.target.value as VerificationResult),
                  who(),
                ),
              )
            }
          >
            <option value="">{t('continued.result.none')}</option>
            {VERIFICATION_RESULTS.map((result) => (
              <option key={result} value={result}>
                {t(`continued.result.${result}`)}
              </option>
            ))}
          </select>
        ) : (
          <output id={resultId}>{v.result ? t(`continued.result.${v.result}`) : t('continued.result.none')}</output>
        )}
        {(['actual', 'comment'] as const).map((field) => {
          const text = ytext(field);
          const label = t(`continued.field.${field}`);
          return canEditBoard && text ? (
            <CollaborativeTextField
              key={field}
              ytext={text}
              label={label}
              max={VERIFICATION_TEXT_MAX[field]}
              multiline={field === 'comment'}
              // Refusals (too long) are said by the field itself, with the limit.
              apply={(changes: readonly TextChange[]) =>
                applyVerificationTextChanges(session.boardDoc, card.id, field, changes, who())
              }
            />
          ) : (
            <p key={field}>
              <span className="continued-label">{label}: </span>
              {v[field] || t('continued.none')}
            </p>
          );
        })}
        {flagged && (
          <p className="continued-flag" role="note">
            {t('continued.notNumeric', { target: card.targetValue })}
          </p>
        )}
        {v.verifiedAt !== null && (
          <p className="muted">
            {t('continued.verifiedBy', {
              name: v.verifiedByName || t('continued.someone'),
              date: formatJapaneseDate(v.verifiedAt),
            })}
          </p>
        )}
      </div>
    </article>
  );
}
