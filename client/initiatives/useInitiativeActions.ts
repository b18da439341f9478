import { useMemo } from 'react';
import { type InitiativeMoveTarget, initiativesInPlace } from '../../shared/initiatives';
import { deleteInitiative, moveInitiativeToSlot, restoreInitiative } from '../../shared/ops/initiatives';
import type { Initiative } from '../../shared/records/initiative';
import { allPillars } from '../../shared/selectors';
import { useI18n } from '../i18n/I18nProvider';
import { shorten } from '../lib/shorten';
import { useBoard } from '../session/hooks';
import { useBoardUi } from '../ui/boardUi';

export type MoveTarget = InitiativeMoveTarget;

/**
 * The writes of the 取組案 view, each one shared/ operation. A move is announced with the initiative's title
 * and where it now is (pillar, priority, position): a sighted person sees it move, a screen reader hears it.
 */
export function useInitiativeActions() {
  const { session } = useBoard();
  const ui = useBoardUi();
  const { t } = useI18n();
  return useMemo(() => {
    const board = session.boardDoc;
    const titleOf = (initiative: Initiative) => shorten(initiative.fields.title || t('initiative.untitled'), 40);
    const move = (initiative: Initiative, target: MoveTarget) => {
      // The card aimed at may have been moved or deleted by a colleague a moment ago: then the end of its group.
      const result = moveInitiativeToSlot(board, session.settingsDoc, initiative.id, target);
      if (!result.ok) {
        ui.notify({ message: t(`error.${result.error}`), tone: 'error' });
        return false;
      }
      const pillar = allPillars(session.settingsDoc).find((p) => p.id === target.pillarId);
      const group = initiativesInPlace(board, target.pillarId, target.priority);
      ui.announce(
        t('initiative.moved', {
          title: titleOf(initiative),
          pillar: pillar?.title ?? '',
          priority: t(`initiative.priority.${target.priority}`),
          position: group.findIndex((i) => i.id === initiative.id) + 1,
        }),
      );
      return true;
    };
    return {
      titleOf,
      move,
      remove: (initiative: Initiative) => {
        if (!deleteInitiative(board, initiative.id).ok) return;
        ui.notify({
          message: t('initiative.deleted', { title: titleOf(initiative) }),
          action: {
            label: t('initiative.undo'),
            run: () => restoreInitiative(board, initiative.id),
            focusAfter: initiative.id,
          },
        });
      },
      restore: (initiative: Initiative) => {
        if (restoreInitiative(board, initiative.id).ok) {
          ui.announce(t('initiative.restored', { title: titleOf(initiative) }));
        }
      },
    };
  }, [session, ui, t]);
}
