import { useDroppable } from '@dnd-kit/core';
import type { InitiativePillarGroup, InitiativePriorityGroup, InitiativeSteps } from '../../shared/initiatives';
import { useI18n } from '../i18n/I18nProvider';
import { useBoard } from '../session/hooks';
import { InitiativeCard } from './InitiativeCard';
import { dropId } from './InitiativesDnd';
import type { InitiativesData } from './useInitiativesData';

const NO_STEPS: InitiativeSteps = { up: null, down: null };

/** What every card of the list is given besides its initiative, computed once for the whole list. */
export interface CardData {
  figures: InitiativesData['figures'];
  sameTitle: InitiativesData['sameTitle'];
  steps: InitiativesData['steps'];
  onEdit: (id: string) => void;
}

/** One pillar's initiatives, by priority 高/中/低. */
export function PillarSection({ group, cards }: { group: InitiativePillarGroup; cards: CardData }) {
  const { t } = useI18n();
  const headingId = `initiatives-${group.pillar?.id ?? 'none'}`;
  const count = group.priorities.reduce((sum, p) => sum + p.initiatives.length, 0);
  return (
    <section className="initiatives-pillar" aria-labelledby={headingId}>
      <h3 id={headingId}>
        {group.pillar?.title || t('initiative.pillarUnknown')}{' '}
        <span className="muted">{t('initiative.count', { count })}</span>
      </h3>
      <div className="initiatives-priorities">
        {group.priorities.map((priority) => (
          <PriorityList key={priority.priority} pillarId={group.pillar?.id ?? null} group={priority} cards={cards} />
        ))}
      </div>
    </section>
  );
}

/** One priority group of a pillar: a drop target (at its end) and its cards in their order. */
function PriorityList({
  pillarId,
  group,
  cards,
}: {
  pillarId: string | null;
  group: InitiativePriorityGroup;
  cards: CardData;
}) {
  const { t } = useI18n();
  const { canEditBoard } = useBoard();
  const slot = pillarId ? { pillarId, priority: group.priority, beforeId: null } : null;
  const drop = useDroppable({ id: dropId(slot), data: slot ?? undefined, disabled: !canEditBoard || !slot });
  const headingId = `${pillarId ?? 'none'}-${group.priority}-heading`;
  return (
    <div
      ref={drop.setNodeRef}
      className={`initiatives-priority initiatives-priority-${group.priority} ${drop.isOver ? 'initiative-over' : ''}`}
    >
      <h4 id={headingId}>
        {t('initiative.priorityHeading', { priority: t(`initiative.priority.${group.priority}`) })}{' '}
        <span className="muted">{t('initiative.count', { count: group.initiatives.length })}</span>
      </h4>
      {group.initiatives.length === 0 ? (
        <p className="muted initiatives-group-empty">{t('initiative.groupEmpty')}</p>
      ) : (
        <ol className="initiatives-list" aria-labelledby={headingId}>
          {group.initiatives.map((initiative) => (
            <InitiativeCard
              key={initiative.id}
              initiative={initiative}
              figures={cards.figures.get(initiative.id) ?? null}
              steps={cards.steps.get(initiative.id) ?? NO_STEPS}
              pillarKnown={pillarId !== null}
              sameTitleNumber={cards.sameTitle.get(initiative.id) ?? null}
              onEdit={cards.onEdit}
            />
          ))}
        </ol>
      )}
    </div>
  );
}
