import { type KeyboardEvent, useEffect, useId, useRef, useState } from 'react';
import { type OwnScore, SCORE_REASON_MAX, type ScoringItem } from '../../shared/records/scoring';
import { SCORE_MAX, SCORE_MIN, type Score } from '../../shared/scoring';
import { useI18n } from '../i18n/I18nProvider';
import { usePrioritizationLabels } from '../matrix/usePrioritizing';
import { useBoard } from '../session/hooks';
import { useBoardUi } from '../ui/boardUi';
import { isImeEnter } from '../ui/ime';
import { scoreErrorMessage, scoringApi } from './scoringApi';

const VALUES = Array.from({ length: SCORE_MAX - SCORE_MIN + 1 }, (_, index) => SCORE_MIN + index);

type Axis = keyof Score;

/**
 * One item's score: 1–5 on each axis (radio buttons: arrow keys choose, as everywhere) and a one-line reason.
 * Saved as soon as both axes have a value, and again on each change; the reason on Enter or on leaving the field.
 * Until both are chosen, the choice is this tab's own and nothing is sent.
 */
export function ScoreRow({ round, item, mine }: { round: number; item: ScoringItem; mine: OwnScore | null }) {
  const { t } = useI18n();
  const { session, token } = useBoard();
  const { notify, announce } = useBoardUi();
  const label = usePrioritizationLabels();
  const [draft, setDraft] = useState<Partial<Score>>({});
  const [reason, setReason] = useState(mine?.reason ?? '');
  const editingReason = useRef(false);
  const row = useRef<HTMLLIElement>(null);
  const queue = useRef<Promise<void>>(Promise.resolve());
  const id = useId();
  const effect = draft.effect ?? mine?.effect;
  const ease = draft.ease ?? mine?.ease;

  // Another tab (or a refusal) changed the saved reason: shown, unless this person is typing one.
  useEffect(() => {
    if (!editingReason.current) setReason(mine?.reason ?? '');
  }, [mine?.reason]);

  function save(score: Score, text: string) {
    queue.current = queue.current.then(async () => {
      const since = session.ownScores.mark();
      try {
        const { mine: state } = await scoringApi(session.boardId, token).score(round, item.itemId, {
          ...score,
          reason: text.trim(),
        });
        session.ownScores.accept(state, since);
        setDraft({});
        announce(
          t('score.saved', {
            label: item.label,
            effectAxis: label('impactAxis'),
            effect: score.effect,
            easeAxis: label('feasibilityAxis'),
            ease: score.ease,
          }),
        );
      } catch (error) {
        notify({ message: scoreErrorMessage(t, error), tone: 'error' });
      }
    });
  }

  function choose(axis: Axis, value: number) {
    const next = { effect, ease, [axis]: value };
    if (next.effect !== undefined && next.ease !== undefined) save({ effect: next.effect, ease: next.ease }, reason);
    setDraft((current) => ({ ...current, [axis]: value }));
  }

  function saveReason() {
    editingReason.current = false;
    if (effect !== undefined && ease !== undefined && reason.trim() !== (mine?.reason ?? '')) {
      save({ effect, ease }, reason);
    }
  }

  function onReasonKey(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key !== 'Enter' || isImeEnter(event)) return;
    event.preventDefault();
    saveReason();
    editingReason.current = true;
  }

  function withdraw() {
    queue.current = queue.current.then(async () => {
      const since = session.ownScores.mark();
      try {
        const { mine: state } = await scoringApi(session.boardId, token).withdraw(round, item.itemId);
        session.ownScores.accept(state, since);
        setDraft({});
        // The button pressed is gone with the score: the focus goes to the row's first choice, not to the page.
        row.current?.querySelector<HTMLInputElement>('input[type="radio"]')?.focus();
        announce(t('score.withdrawn', { label: item.label }));
      } catch (error) {
        notify({ message: scoreErrorMessage(t, error), tone: 'error' });
      }
    });
  }

  const axes: Array<{ axis: Axis; name: string; value: number | undefined }> = [
    { axis: 'effect', name: label('impactAxis'), value: effect },
    { axis: 'ease', name: label('feasibilityAxis'), value: ease },
  ];
  const status = mine
    ? t('score.statusSaved')
    : effect !== undefined || ease !== undefined
      ? t('score.statusHalf')
      : t('score.statusNone');
  return (
    <li ref={row} className={`score-item ${mine ? 'score-item-done' : ''}`} aria-label={item.label}>
      <span className="score-item-label">
        {item.kind === 'cluster' && <span className="vote-cluster-badge">{t('vote.clusterBadge')}</span>}
        {item.label}
      </span>
      {axes.map(({ axis, name, value }) => (
        <div
          key={axis}
          className="score-scale"
          role="radiogroup"
          aria-label={t('score.axisOf', { axis: name, label: item.label })}
        >
          <span className="score-axis-name" aria-hidden="true">
            {name}
          </span>
          {VALUES.map((n) => (
            <label key={n} className="score-value">
              <input
                type="radio"
                name={`${id}-${axis}`}
                value={n}
                checked={value === n}
                onChange={() => choose(axis, n)}
              />
              <span>{n}</span>
            </label>
          ))}
        </div>
      ))}
      <label className="score-reason" htmlFor={`${id}-reason`}>
        <span>{t('score.reason')}</span>
        <input
          id={`${id}-reason`}
          type="text"
          maxLength={SCORE_REASON_MAX}
          value={reason}
          placeholder={t('score.reasonPlaceholder')}
          aria-label={t('score.reasonOf', { label: item.label })}
          onFocus={() => {
            editingReason.current = true;
          }}
          onChange={(event) => setReason(event.target.value)}
          onKeyDown={onReasonKey}
          onBlur={saveReason}
        />
      </label>
      <span className="score-row-end">
        <span className="score-status">{status}</span>
        {mine && (
          <button
            type="button"
            className="score-withdraw"
            aria-label={t('score.withdrawOf', { label: item.label })}
            onClick={withdraw}
          >
            {t('score.withdraw')}
          </button>
        )}
      </span>
    </li>
  );
}
