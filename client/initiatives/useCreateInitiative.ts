import { nanoid } from 'nanoid';
import { useCallback } from 'react';
import { type BoardItem, itemLabel } from '../../shared/items';
import { createInitiativeFromItem } from '../../shared/ops/initiatives';
import { useI18n } from '../i18n/I18nProvider';
import { shorten } from '../lib/shorten';
import { useBoard } from '../session/hooks';
import { useBoardUi } from '../ui/boardUi';

/**
 * 「取組案にする」: makes a draft initiative from a cluster or a note (prefilled by shared/ops/initiatives.ts)
 * and says so, with an action that opens the 取組案 view on the new initiative.
 */
export function useCreateInitiative(): (item: BoardItem, roundNumber: number | null) => void {
  const { session, identity } = useBoard();
  const ui = useBoardUi();
  const { t } = useI18n();
  return useCallback(
    (item, roundNumber) => {
      const id = nanoid();
      const result = createInitiativeFromItem(session.boardDoc, session.settingsDoc, {
        id,
        itemId: item.id,
        personId: identity.id,
        roundNumber,
      });
      if (!result.ok) {
        ui.notify({ message: t(`error.${result.error}`), tone: 'error' });
        return;
      }
      ui.notify({
        message: t('initiative.created', { title: shorten(itemLabel(item), 40) }),
        action: {
          label: t('initiative.openCreated'),
          run: () => {
            ui.focusInitiative.set(id);
            ui.view.set('initiatives');
          },
        },
      });
    },
    [session, identity, ui, t],
  );
}
