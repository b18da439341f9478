import { useDroppable } from '@dnd-kit/core';
import { useState } from 'react';
import type { InitiativePillarGroup, InitiativePriorityGroup } from '../../shared/initiatives';
import { useBoard } from '../board/hooks';
import { useI18n } from '../i18n/I18nProvider';
import { InitiativeCard } from './InitiativeCard';
import { InitiativeEditor } from './InitiativeEditor';
import { dropId, InitiativesDnd } from './InitiativesDnd';
import { InitiativeTrashButton } from './InitiativeTrash';
import { type InitiativesData, useInitiativesData } from './useInitiativesData';
import './initiatives.css';

/**
 * The 取組案 view: the draft initiatives by pillar, then 優先度 高/中/低, in their order — the order every export
 * uses (shared/initiatives.ts initiativesByPillar). Edited by everyone who can write the board, live.
 */
export function InitiativesView() {
  const { t } = useI18n();
  const { canEditBoard } = useBoard();
  const data = useInitiativesData();
  const [editingId, setEditingId] = useState<string | null>(null);
  const all = data.groups.flatMap((g) => g.priorities.flatMap((p) => p.initiatives));
  // Looked up on every render, so the editor follows the initiative wherever it moves and closes if deleted.
  const editing = canEditBoard ? all.find((i) => i.id === editingId) : undefined;
  return (
    <section className="initiatives-view" aria-labelledby="initiatives-heading">
      <div className="initiatives-toolbar">
        <h2 id="initiatives-heading" tabIndex={-1}>
          {t('initiative.heading')}
        </h2>
        <InitiativeTrashButton deleted={data.deleted} />
      </div>
      <p className="muted">{t('initiative.help')}</p>
      {all.length === 0 && <p className="initiatives-empty">{t('initiative.empty')}</p>}
      <InitiativesDnd initiatives={all}>
        {data.groups.map((group) => (
          <PillarSection key={group.pillar?.id ?? ''} group={group} data={data} onEdit={setEditingId} />
        ))}
      </InitiativesDnd>
      {editing && <InitiativeEditor initiative={editing} baseYear={data.baseYear} onClose={() => setEditingId(null)} />}
    </section>
  );
}

function PillarSection({
  group,
  data,
  onEdit,
}: {
  group: InitiativePillarGroup;
  data: InitiativesData;
  onEdit: (id: string) => void;
}) {
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
          <PriorityList
            key={priority.priority}
            pillarId={group.pillar?.id ?? null}
            group={priority}
            data={data}
            onEdit={onEdit}
          />
        ))}
      </div>
    </section>
  );
}

function PriorityList({
  pillarId,
  group,
  data,
  onEdit,
}: {
  pillarId: string | null;
  group: InitiativePriorityGroup;
  data: InitiativesData;
  onEdit: (id: string) => void;
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
              figures={data.figures(initiative)}
              onEdit={onEdit}
            />
          ))}
        </ol>
      )}
    </div>
  );
}
