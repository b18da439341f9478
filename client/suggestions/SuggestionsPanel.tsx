import { nanoid } from 'nanoid';
import { useEffect, useId, useRef, useState } from 'react';
import { acceptSuggestedGroup } from '../../shared/ops/suggestedGroup';
import { LANE_KINDS } from '../../shared/records/lane';
import { useI18n } from '../i18n/I18nProvider';
import { apiErrorMessage } from '../lib/apiErrorMessage';
import { shorten } from '../lib/shorten';
import { useBoard, useLaneLabelText, useSettings } from '../session/hooks';
import { useModalDialog } from '../ui/useModalDialog';
import { dismiss, isDismissed, suggestionKey } from './dismissed';
import { SuggestionCard } from './SuggestionCard';
import { type SuggestedGroup, type SuggestionLane, suggestionsApi } from './suggestionsApi';
import { useMayAcceptSuggestions } from './useSuggestionPolicy';
import './suggestions.css';
import { CLUSTER_TITLE_MAX } from '../../shared/records/cluster';

/** The slider's moves come quickly: the server is asked once it rests this long (its limit is 1 a second). */
const SLIDER_PAUSE_MS = 400;

type Answer = { kind: 'loading' } | { kind: 'failed'; message: string } | { kind: 'ready'; groups: SuggestedGroup[] };

/**
 * 「グループの提案」 of one pillar (issue 19): groups of loose notes that use the same words, computed on the server.
 * The person chooses the lanes and the まとめ方 (細かく ↔ 大きく), then accepts (one new group, one undo step),
 * edits (takes notes out, renames) or dismisses (hidden for them while the page is open) each suggestion.
 */
export function SuggestionsPanel({ pillarId, onClose }: { pillarId?: string; onClose: () => void }) {
  const { t } = useI18n();
  const { session, token, identity } = useBoard();
  const settings = useSettings();
  const laneLabel = useLaneLabelText();
  // Opened from a pillar's button, that pillar; from the command palette, the first one. Another is a choice away.
  const [chosenPillarId, setPillarId] = useState(pillarId ?? settings.pillars[0]?.id ?? '');
  const pillar = settings.pillars.find((p) => p.id === chosenPillarId) ?? settings.pillars[0];
  const pillarChoiceId = useId();
  const mayAccept = useMayAcceptSuggestions();
  const dialog = useModalDialog();
  const titleId = useId();
  const list = useRef<HTMLUListElement>(null);
  const status = useRef<HTMLParagraphElement>(null);
  const [lane, setLane] = useState<SuggestionLane>('all');
  const [granularity, setGranularity] = useState(0.5);
  const [answer, setAnswer] = useState<Answer>({ kind: 'loading' });
  const [done, setDone] = useState<ReadonlySet<string>>(new Set());
  const [message, setMessage] = useState('');

  const askedPillarId = pillar?.id ?? null;
  useEffect(() => {
    const controller = new AbortController();
    setAnswer({ kind: 'loading' });
    if (askedPillarId === null) return;
    const timer = setTimeout(() => {
      suggestionsApi(session.boardId, token)
        .groups(askedPillarId, lane, granularity, controller.signal)
        .then(
          // A late answer to an older question (another pillar, lane or まとめ方) is not shown.
          (groups) => !controller.signal.aborted && setAnswer({ kind: 'ready', groups }),
          (error: unknown) =>
            !controller.signal.aborted && setAnswer({ kind: 'failed', message: apiErrorMessage(t, error) }),
        );
    }, SLIDER_PAUSE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [session.boardId, token, askedPillarId, lane, granularity, t]);

  const shown =
    answer.kind === 'ready'
      ? answer.groups.filter((g) => !done.has(suggestionKey(session.boardId, g)) && !isDismissed(session.boardId, g))
      : [];

  /** The suggestion leaves the list: the focus goes to the one that takes its place, else the one before. */
  function leave(group: SuggestedGroup, said: string) {
    const index = shown.indexOf(group);
    setDone((before) => new Set(before).add(suggestionKey(session.boardId, group)));
    setMessage(said);
    requestAnimationFrame(() => {
      const cards = list.current?.querySelectorAll<HTMLElement>(':scope > .suggestion');
      const next = cards?.[Math.min(index, cards.length - 1)];
      (next ?? status.current)?.focus();
    });
  }

  function accept(group: SuggestedGroup, noteIds: readonly string[], title: string) {
    if (!pillar) return;
    const result = acceptSuggestedGroup(session.boardDoc, {
      pillarId: pillar.id,
      noteIds,
      title,
      newClusterId: nanoid(),
      createdBy: identity.id,
    });
    if (!result.ok) {
      setMessage(t(`error.${result.error}`, { max: CLUSTER_TITLE_MAX }));
      return;
    }
    const name = shorten(title.trim() === '' ? t('cluster.unnamed') : title.trim());
    const { grouped, skipped } = result.value;
    leave(
      group,
      skipped.length === 0
        ? t('suggest.accepted', { count: grouped.length, title: name })
        : t('suggest.acceptedSkipped', { count: grouped.length, title: name, skipped: skipped.length }),
    );
  }

  function dismissGroup(group: SuggestedGroup) {
    dismiss(session.boardId, group);
    leave(group, t('suggest.dismissed', { title: shorten(group.title) }));
  }

  return (
    <dialog ref={dialog} className="dialog dialog-wide suggestions-panel" aria-labelledby={titleId} onCancel={onClose}>
      <h2 id={titleId}>{t('suggest.heading', { pillar: pillar?.title ?? '' })}</h2>
      <p className="muted">{t('suggest.help')}</p>
      {!mayAccept && <p className="suggestions-view-only">{t('suggest.viewOnly')}</p>}
      <div className="suggestions-controls">
        <p className="suggestions-pillar">
          <label htmlFor={pillarChoiceId}>{t('suggest.pillar')}</label>
          <select id={pillarChoiceId} value={pillar?.id ?? ''} onChange={(event) => setPillarId(event.target.value)}>
            {settings.pillars.map((p) => (
              <option key={p.id} value={p.id}>
                {p.title}
              </option>
            ))}
          </select>
        </p>
        <fieldset className="suggestions-lanes">
          <legend>{t('suggest.lane')}</legend>
          {[...LANE_KINDS, 'all' as const].map((kind) => (
            <label key={kind}>
              <input type="radio" name="suggestion-lane" checked={lane === kind} onChange={() => setLane(kind)} />
              {kind === 'all' ? t('suggest.laneAll') : laneLabel(kind, settings.laneLabels[kind])}
            </label>
          ))}
        </fieldset>
        <GranularitySlider value={granularity} onChange={setGranularity} />
      </div>
      <p ref={status} role="status" className="suggestions-status" tabIndex={-1}>
        {message !== '' && <span className="suggestions-message">{message} </span>}
        {answer.kind === 'loading' && t('suggest.loading')}
        {answer.kind === 'failed' && answer.message}
        {answer.kind === 'ready' &&
          (shown.length === 0 ? t('suggest.none') : t('suggest.count', { count: shown.length }))}
      </p>
      {shown.length > 0 && (
        <ul ref={list} className="suggestion-list" aria-label={t('suggest.listLabel')}>
          {shown.map((group) => (
            <SuggestionCard
              key={suggestionKey(session.boardId, group)}
              group={group}
              mayAccept={mayAccept}
              actions={{
                accept: (noteIds, title) => accept(group, noteIds, title),
                dismiss: () => dismissGroup(group),
                say: setMessage,
              }}
            />
          ))}
        </ul>
      )}
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>
          {t('suggest.close')}
        </button>
      </div>
    </dialog>
  );
}

/** まとめ方: 0 (細かく, notes worded almost alike) to 1 (大きく, one shared word is enough). */
function GranularitySlider({ value, onChange }: { value: number; onChange: (value: number) => void }) {
  const { t } = useI18n();
  const id = useId();
  const steps = Math.round(value * 10);
  return (
    <div className="suggestions-granularity">
      <label htmlFor={id}>{t('suggest.granularity')}</label>
      <span aria-hidden="true">{t('suggest.fine')}</span>
      <input
        id={id}
        type="range"
        min={0}
        max={10}
        step={1}
        value={steps}
        aria-valuetext={t('suggest.granularityValue', { value: steps })}
        onChange={(event) => onChange(Number(event.target.value) / 10)}
      />
      <span aria-hidden="true">{t('suggest.coarse')}</span>
    </div>
  );
}
