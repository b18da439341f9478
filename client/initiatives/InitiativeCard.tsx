import { useDraggable, useDroppable } from '@dnd-kit/core';
import type React from 'react';
import { memo, useContext, useEffect, useId, useRef } from 'react';
import { formatFiscalYearEn, formatFiscalYears } from '../../shared/fiscalYear';
import type { InitiativeMoveTarget, InitiativeSteps } from '../../shared/initiatives';
import type { Initiative } from '../../shared/records/initiative';
import { DiscussionButton } from '../comments/DiscussionButton';
import { useI18n } from '../i18n/I18nProvider';
import { countRender } from '../lib/renderProbe';
import { useBoard } from '../session/hooks';
import { useBoardUi } from '../ui/boardUi';
import { VisitBadge } from '../visit/VisitBadge';
import { useInitiativeVisitMark } from '../visit/VisitContext';
import { SourceFiguresLine, SourceNotes } from './InitiativeSource';
import { type DropSlot, dropId } from './InitiativesDnd';
import { ThreadKeeperContext } from './threadKeeper';
import { useInitiativeActions } from './useInitiativeActions';
import { type SourceFigures, sameFigures } from './useInitiativesData';

interface InitiativeCardProps {
  /** The same object while the initiative is unchanged (client/initiatives/initiativesStore.ts). */
  initiative: Initiative;
  figures: SourceFigures | null;
  /** Where 「上へ」「下へ」 take it, computed once for the whole list (shared/initiatives.ts initiativeSteps). */
  steps: InitiativeSteps;
  /** False under a pillar the settings do not know: nothing can be dropped before it (there is no such group). */
  pillarKnown: boolean;
  /** Its number among initiatives with the same title, in list order (null: a title no other one has). */
  sameTitleNumber: number | null;
  onEdit: (id: string) => void;
}

const sameTarget = (a: InitiativeMoveTarget | null, b: InitiativeMoveTarget | null) =>
  a === b || (!!a && !!b && a.pillarId === b.pillarId && a.priority === b.priority && a.beforeId === b.beforeId);

/**
 * A card renders again only when what it shows changed: its initiative (by identity), its figures or its
 * up/down targets (by value). A colleague typing in a note, or in another initiative, leaves it alone.
 */
function sameCard(a: InitiativeCardProps, b: InitiativeCardProps): boolean {
  return (
    a.initiative === b.initiative &&
    a.onEdit === b.onEdit &&
    a.pillarKnown === b.pillarKnown &&
    a.sameTitleNumber === b.sameTitleNumber &&
    sameFigures(a.figures, b.figures) &&
    sameTarget(a.steps.up, b.steps.up) &&
    sameTarget(a.steps.down, b.steps.down)
  );
}

/** Puts the focus back on a control of this initiative after a move re-rendered (or remounted) its card. */
export function refocus(id: string, control: string) {
  requestAnimationFrame(() => {
    const card = document.querySelector<HTMLElement>(`[data-initiative-id="${CSS.escape(id)}"]`);
    const button = card?.querySelector<HTMLButtonElement>(control);
    (button && !button.disabled ? button : card)?.focus();
  });
}

/** Takes the focus when asked (an initiative just made, opened from the message that announced it). */
function useFocusWhenRequested(id: string, target: React.RefObject<HTMLElement | null>) {
  const ui = useBoardUi();
  useEffect(() => {
    const take = () => {
      if (ui.focusInitiative.get() !== id || !target.current) return;
      target.current.scrollIntoView({ block: 'center' });
      target.current.focus();
      ui.focusInitiative.set(null);
    };
    take();
    return ui.focusInitiative.subscribe(take);
  }, [ui, id, target]);
}

/** One initiative: what it is, when and by whom, where it came from, and its buttons. */
export const InitiativeCard = memo(function InitiativeCard({
  initiative,
  figures,
  steps,
  pillarKnown,
  sameTitleNumber,
  onEdit,
}: InitiativeCardProps) {
  countRender(`initiative:${initiative.id}`);
  const { t, lang } = useI18n();
  const { canEditBoard } = useBoard();
  const actions = useInitiativeActions();
  const threads = useContext(ThreadKeeperContext);
  const titleId = useId();
  const card = useRef<HTMLLIElement | null>(null);
  useFocusWhenRequested(initiative.id, card);
  // A primitive from the visit store: the card renders again only when its own 新着/更新 mark changes.
  const visitMark = useInitiativeVisitMark(initiative.id);
  const place = initiative.place;
  const drag = useDraggable({ id: initiative.id, disabled: !canEditBoard || !place });
  const slot: DropSlot | null =
    place && pillarKnown ? { pillarId: place.pillarId, priority: place.priority, beforeId: initiative.id } : null;
  const drop = useDroppable({
    id: dropId(slot, initiative.id),
    data: slot ?? undefined,
    disabled: !canEditBoard || !slot,
  });
  // Two initiatives made from one cluster start with the same title: numbered, so that every button's name
  // (and the card's) tells them apart.
  const title =
    sameTitleNumber === null
      ? actions.titleOf(initiative)
      : t('initiative.sameTitleNumber', { title: actions.titleOf(initiative), number: sameTitleNumber });
  const years = initiative.fiscalYears;
  const yearText =
    years.length === 0
      ? t('initiative.fiscalYearsNone')
      : lang === 'ja'
        ? formatFiscalYears(years)
        : years.map(formatFiscalYearEn).join(', ');
  const { up, down } = steps;
  function remove() {
    const next = card.current?.nextElementSibling ?? card.current?.previousElementSibling;
    const fallback = card.current?.closest('.initiatives-view')?.querySelector<HTMLElement>('h2');
    actions.remove(initiative);
    // The next card's first action (編集): its first button may be a source link inside a closed <details>,
    // which cannot take the focus.
    (next?.querySelector<HTMLElement>('.initiative-actions button') ?? fallback)?.focus();
  }
  const pointerListeners = {
    onMouseDown: drag.listeners?.onMouseDown as React.MouseEventHandler | undefined,
    onTouchStart: drag.listeners?.onTouchStart as React.TouchEventHandler | undefined,
  };

  return (
    <li
      ref={(element) => {
        card.current = element;
        drag.setNodeRef(element);
        drop.setNodeRef(element);
      }}
      className={`initiative-card ${drag.isDragging ? 'initiative-dragging' : ''} ${drop.isOver && !drag.isDragging ? 'initiative-over' : ''} ${visitMark ? `initiative-visit-${visitMark}` : ''}`}
      aria-labelledby={titleId}
      data-initiative-id={initiative.id}
      tabIndex={-1}
    >
      <div className="initiative-card-head">
        {canEditBoard && place && (
          // Mouse and touch only: the keyboard moves with 「上へ」「下へ」 and the editor's selects.
          <span
            className="initiative-drag-handle"
            aria-hidden="true"
            title={t('initiative.dragHandle', { title })}
            {...pointerListeners}
          >
            ⠿
          </span>
        )}
        <h5 id={titleId} className="initiative-title">
          {title}
        </h5>
        <VisitBadge mark={visitMark} kind="initiative" />
        <span className={`initiative-status initiative-status-${initiative.status}`}>
          {t(`initiative.status.${initiative.status}`)}
        </span>
      </div>
      <p className="initiative-meta">
        <span>{yearText}</span>
        <span>{initiative.fields.department.trim() || t('initiative.departmentNone')}</span>
        <SourceFiguresLine figures={figures} />
      </p>
      <SourceNotes initiative={initiative} />
      <div className="initiative-actions">
        {canEditBoard && (
          <>
            <button
              type="button"
              className="initiative-edit"
              aria-label={t('initiative.editItem', { title })}
              onClick={() => onEdit(initiative.id)}
            >
              {t('initiative.edit')}
            </button>
            <button
              type="button"
              className="initiative-move-up"
              aria-label={t('initiative.moveUpItem', { title })}
              disabled={!up}
              onClick={() => up && actions.move(initiative, up) && refocus(initiative.id, '.initiative-move-up')}
            >
              {t('initiative.moveUp')}
            </button>
            <button
              type="button"
              className="initiative-move-down"
              aria-label={t('initiative.moveDownItem', { title })}
              disabled={!down}
              onClick={() => down && actions.move(initiative, down) && refocus(initiative.id, '.initiative-move-down')}
            >
              {t('initiative.moveDown')}
            </button>
            <button type="button" aria-label={t('initiative.deleteItem', { title })} onClick={remove}>
              {t('initiative.delete')}
            </button>
          </>
        )}
        <DiscussionButton
          targetId={initiative.id}
          kind="initiative"
          label={sameTitleNumber === null ? initiative.fields.title || title : title}
          keeper={threads}
        />
      </div>
    </li>
  );
}, sameCard);
