import { useDroppable } from '@dnd-kit/core';
import { memo, useEffect, useId, useRef, useState } from 'react';
import { dissolveCluster, setClusterCollapsed, undoDissolve } from '../../shared/ops/clusters';
import type { Pillar } from '../../shared/records/pillar';
import { DiscussionButton } from '../comments/DiscussionButton';
import { SpotlightButton, useIsSpotlit } from '../facilitation/SpotlightButton';
import { useI18n } from '../i18n/I18nProvider';
import { countRender } from '../lib/renderProbe';
import { shorten } from '../lib/shorten';
import type { DropData } from '../notes/dnd/dropTarget';
import { NoteCard } from '../notes/NoteCard';
import { useNoteIndex } from '../notes/NoteIndexContext';
import { useNoteLabels } from '../notes/noteLabels';
import { useNoteListEvents } from '../notes/noteListEvents';
import { useRovingNotes } from '../notes/roving';
import { useBoard, useNote } from '../session/hooks';
import { useBoardUi } from '../ui/boardUi';
import { ClusterTitleEditor } from './ClusterTitleEditor';
import { useCluster, useClusterMemberIds } from './clusterHooks';
import { ClusterMoveDialog } from './lazyDialogs';

/**
 * One cluster: its title (typed, or its first note's text while unnamed, marked as such), how many notes,
 * fold / unfold, rename, move, dissolve, and its notes each with their lane. Subscribes to its own record and
 * member list only. A drop anywhere on it puts the dragged note in.
 */
export const ClusterCard = memo(function ClusterCard({ clusterId, pillar }: { clusterId: string; pillar: Pillar }) {
  countRender(`cluster:${clusterId}`);
  const { t } = useI18n();
  const { session, canEditBoard } = useBoard();
  const ui = useBoardUi();
  const cluster = useCluster(clusterId);
  const memberIds = useClusterMemberIds(clusterId);
  const roving = useRovingNotes(memberIds);
  const first = useNote(memberIds[0] ?? '');
  const [renaming, setRenaming] = useState(false);
  const [moving, setMoving] = useState(false);
  const listId = useId();
  const renameButton = useRef<HTMLButtonElement>(null);
  const wasRenaming = useRef(false);
  useEffect(() => {
    if (wasRenaming.current && !renaming) renameButton.current?.focus();
    wasRenaming.current = renaming;
  }, [renaming]);
  const data: DropData = { kind: 'cluster', clusterId, pillarId: pillar.id };
  const drop = useDroppable({ id: `cluster:${clusterId}`, data, disabled: !canEditBoard });
  const spotlit = useIsSpotlit(clusterId);
  const index = useNoteIndex();
  const labels = useNoteLabels();
  const listEvents = useNoteListEvents({
    onNoteFocus: roving.onNoteFocus,
    dragging: drop.active !== null,
    index,
    canEditBoard,
  });
  if (!cluster) return null;

  const named = cluster.title.trim() !== '';
  const title = named ? cluster.title : (first?.text ?? '');
  const short = shorten(title);
  const collapsed = cluster.collapsed;

  function toggle() {
    setClusterCollapsed(session.boardDoc, clusterId, !collapsed);
    ui.announce(t(collapsed ? 'cluster.expanded' : 'cluster.collapsed', { title: short }));
  }

  function dissolve() {
    const members = [...memberIds];
    const result = dissolveCluster(session.boardDoc, clusterId);
    if (!result.ok) {
      ui.notify({ message: t(`error.${result.error}`), tone: 'error' });
      return;
    }
    const moved = result.value;
    ui.notify({
      message: t('cluster.dissolved', { title: short }),
      action: {
        label: t('cluster.undo'),
        run: () => {
          undoDissolve(session.boardDoc, moved);
          ui.announce(t('cluster.undone', { title: short }));
        },
        focusAfter: clusterId,
      },
    });
    // The card is gone: keep the focus on its first note, now in its lane.
    requestAnimationFrame(() => {
      const id = members[0];
      if (id) document.querySelector<HTMLElement>(`[data-note-id="${CSS.escape(id)}"]`)?.focus();
    });
  }

  return (
    <li
      ref={drop.setNodeRef}
      className={`cluster-card ${drop.isOver ? 'cluster-over' : ''} ${spotlit ? 'item-spotlit' : ''}`}
      aria-label={t('cluster.region', { title: short })}
      data-cluster-id={clusterId}
      // Focusable by script only: the since-last-visit list and the activity feed jump here.
      tabIndex={-1}
    >
      <div className="cluster-header">
        {canEditBoard && (
          <button
            type="button"
            className="cluster-toggle"
            aria-expanded={!collapsed}
            aria-controls={listId}
            aria-label={t('cluster.toggle', { title: short })}
            onClick={toggle}
          >
            <span aria-hidden="true">{collapsed ? '▸' : '▾'}</span>
          </button>
        )}
        {renaming ? (
          <ClusterTitleEditor cluster={cluster} onDone={() => setRenaming(false)} />
        ) : (
          <h4 className={`cluster-title ${named ? '' : 'cluster-title-unnamed'}`}>
            {!named && <span className="cluster-unnamed-tag">{t('cluster.unnamed')}</span>}
            <span className="cluster-title-text">{named ? title : shorten(title, 60)}</span>
          </h4>
        )}
        <span className="cluster-count">{t('cluster.count', { count: memberIds.length })}</span>
        <DiscussionButton targetId={clusterId} kind="cluster" label={t('cluster.region', { title: short })} />
      </div>
      {canEditBoard && !renaming && (
        <div className="cluster-actions">
          <button
            type="button"
            ref={renameButton}
            aria-label={t('cluster.renameAction', { title: short })}
            onClick={() => setRenaming(true)}
          >
            {t('cluster.rename')}
          </button>
          <button type="button" aria-label={t('cluster.moveAction', { title: short })} onClick={() => setMoving(true)}>
            {t('cluster.move')}
          </button>
          <SpotlightButton itemId={clusterId} label={short} />
          <button type="button" aria-label={t('cluster.dissolveAction', { title: short })} onClick={dissolve}>
            {t('cluster.dissolve')}
          </button>
        </div>
      )}
      {collapsed && <p className="cluster-collapsed-hint">{t('cluster.collapsedHint', { count: memberIds.length })}</p>}
      <ul id={listId} className="note-list cluster-notes" hidden={collapsed} {...listEvents}>
        {memberIds.map((id) => (
          <NoteCard
            key={id}
            noteId={id}
            clusterId={clusterId}
            pillarId={pillar.id}
            tabbable={id === roving.tabbableId}
            canEditBoard={canEditBoard}
            dropTargets={drop.active !== null}
            lifted={drop.active?.id === id}
            index={index}
            labels={labels}
          />
        ))}
      </ul>
      {moving && canEditBoard && (
        <ClusterMoveDialog clusterId={clusterId} title={short} onClose={() => setMoving(false)} />
      )}
    </li>
  );
});
