import { useId, useMemo, useRef, useState } from 'react';
import { itemLabel } from '../../shared/items';
import { freeMatrixPosition } from '../../shared/matrixFreeSpot';
import { itemVotes } from '../../shared/prioritizing';
import { setMatrixPin } from '../../shared/records/matrixPlacement';
import { useI18n } from '../i18n/I18nProvider';
import { useBoard, useSettings } from '../session/hooks';
import { useBoardUi } from '../ui/boardUi';
import { measureCardSpan, useCardSpan } from './cardSpan';
import { LabelsDialog } from './LabelsDialog';
import { KEYBOARD_HELP_ID } from './MatrixCard';
import { MatrixDnd } from './MatrixDnd';
import { MatrixGrid } from './MatrixGrid';
import { MatrixList } from './MatrixList';
import { MatrixTray } from './MatrixTray';
import { MatrixContext, type MatrixUi, type VoteMode } from './matrixContext';
import { PlacementControl } from './PlacementControl';
import { useMatrixActions } from './useMatrixActions';
import { useChosenRound, usePrioritizationLabels, usePrioritizingData } from './usePrioritizing';
import { useScorePlacement } from './useScorePlacement';
import './matrix.css';

const ALL_PILLARS = '';

/**
 * The priority matrix (効果 × 実現しやすさ): a second view of the same board. Every shown cluster and unclustered
 * note starts in the tray; people drag it (or place it and move it with the arrow keys) onto the grid. Moves
 * are one write each, live for everyone. The filter, the vote display and the round are this tab's own.
 */
export function MatrixView() {
  const { t } = useI18n();
  const { canEditBoard, canEditSettings, session } = useBoard();
  const { announce } = useBoardUi();
  const settings = useSettings();
  const data = usePrioritizingData();
  const gridElement = useRef<HTMLElement | null>(null);
  const placement = useScorePlacement(data, useCardSpan(gridElement));
  const scoreMode = placement.round !== null;
  const label = usePrioritizationLabels();
  const actions = useMatrixActions(label, data.marks);
  const [pillarId, setPillarId] = useState(ALL_PILLARS);
  const [voteMode, setVoteMode] = useState<VoteMode>('off');
  const [round, setRound] = useChosenRound(data.rounds);
  const [editingLabels, setEditingLabels] = useState(false);
  const ids = { filter: useId(), votes: useId(), round: useId() };

  const shownPillar = settings.pillars.some((p) => p.id === pillarId) ? pillarId : ALL_PILLARS;
  // Items of an archived pillar are hidden with it, as on the board; items of an unknown pillar are shown.
  const items = useMemo(() => {
    const archived = new Set(settings.archivedPillars.map((p) => p.id));
    return data.items.filter((item) =>
      shownPillar === ALL_PILLARS ? !(item.pillarId && archived.has(item.pillarId)) : item.pillarId === shownPillar,
    );
  }, [data.items, shownPillar, settings.archivedPillars]);
  const showVotes = voteMode !== 'off' && round !== null;
  const votes = useMemo(
    () => (showVotes ? itemVotes(data.items, data.rounds.find((r) => r.number === round) ?? null) : new Map()),
    [showVotes, data.items, data.rounds, round],
  );
  const matrix: MatrixUi = useMemo(
    () => ({
      ...actions,
      // While the medians place the items, a card the facilitator moves stays where it was put (pinned).
      place: scoreMode
        ? (item, position) => {
            actions.place(item, position);
            setMatrixPin(session.settingsDoc, item.id, true);
          }
        : actions.place,
      unpin: (item) => {
        setMatrixPin(session.settingsDoc, item.id, false);
        announce(t('matrix.unpinned', { label: itemLabel(item) }));
      },
      movable: canEditBoard && (!scoreMode || canEditSettings),
      scores: placement.scores,
      // Clear of every placed card, shown or filtered out (a filtered-out card shows again with the filter off).
      freeSpot: () => freeMatrixPosition([...placement.positions.values()], measureCardSpan(gridElement.current)),
      positions: placement.positions,
      marks: data.marks,
      votes,
      voteMode: showVotes ? voteMode : 'off',
      round,
      maxVotes: Math.max(1, ...items.map((item) => votes.get(item.id) ?? 0)),
      label,
    }),
    [
      actions,
      scoreMode,
      session,
      announce,
      t,
      canEditBoard,
      canEditSettings,
      placement,
      data.marks,
      votes,
      showVotes,
      voteMode,
      round,
      items,
      label,
    ],
  );

  return (
    <MatrixContext.Provider value={matrix}>
      <section className="matrix-view" aria-labelledby="matrix-heading">
        <div className="matrix-toolbar">
          <h2 id="matrix-heading">{t('matrix.heading')}</h2>
          <label className="matrix-control" htmlFor={ids.filter}>
            {t('matrix.filter')}
          </label>
          <select id={ids.filter} value={shownPillar} onChange={(e) => setPillarId(e.target.value)}>
            <option value={ALL_PILLARS}>{t('matrix.filterAll')}</option>
            {settings.pillars.map((pillar) => (
              <option key={pillar.id} value={pillar.id}>
                {pillar.title}
              </option>
            ))}
          </select>
          <label className="matrix-control" htmlFor={ids.votes}>
            {t('matrix.voteMode')}
          </label>
          <select
            id={ids.votes}
            value={voteMode}
            disabled={data.rounds.length === 0}
            onChange={(e) => setVoteMode(e.target.value as VoteMode)}
          >
            <option value="off">{t('matrix.voteOff')}</option>
            <option value="size">{t('matrix.voteSize')}</option>
            <option value="badge">{t('matrix.voteBadge')}</option>
          </select>
          {data.rounds.length === 0 ? (
            <span className="muted">{t('matrix.noRounds')}</span>
          ) : (
            voteMode !== 'off' && (
              <>
                <label className="matrix-control" htmlFor={ids.round}>
                  {t('matrix.round')}
                </label>
                <select id={ids.round} value={round ?? ''} onChange={(e) => setRound(Number(e.target.value))}>
                  {data.rounds.map((r) => (
                    <option key={r.number} value={r.number}>
                      {t('matrix.roundName', { number: r.number })}
                    </option>
                  ))}
                </select>
              </>
            )
          )}
          <PlacementControl placement={placement} />
          {canEditSettings && (
            <button type="button" className="matrix-edit-labels" onClick={() => setEditingLabels(true)}>
              {t('matrix.editLabels')}
            </button>
          )}
        </div>
        {(scoreMode || matrix.movable) && (
          <p className="muted matrix-help">
            {scoreMode && <span>{t('matrix.scoreHelp')} </span>}
            {matrix.movable && <span id={KEYBOARD_HELP_ID}>{t('matrix.help')}</span>}
          </p>
        )}
        <MatrixDnd items={data.items}>
          <div className="matrix-layout">
            <MatrixGrid items={items} gridRef={gridElement} />
            <div className="matrix-side">
              <MatrixTray items={items} />
              <MatrixList items={items} />
            </div>
          </div>
        </MatrixDnd>
      </section>
      {editingLabels && <LabelsDialog onClose={() => setEditingLabels(false)} />}
    </MatrixContext.Provider>
  );
}
