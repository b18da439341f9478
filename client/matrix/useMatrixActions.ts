import { useMemo, useState } from 'react';
import { placeOnMatrix, returnToTray } from '../../shared/ops/matrix';
import { markShortlisted, unmarkShortlisted } from '../../shared/ops/shortlist';
import { type MatrixPosition, quadrantOf } from '../../shared/records/matrix';
import { quadrantLabelKey } from '../../shared/records/prioritization';
import type { Result } from '../../shared/result';
import { useI18n } from '../i18n/I18nProvider';
import { createStore } from '../lib/store';
import { useBoard, useBoardPeriod } from '../session/hooks';
import { useBoardUi } from '../ui/boardUi';
import { shortItemLabel } from './itemDisplay';
import type { FocusRequest, MatrixUi } from './matrixContext';

type Actions = Pick<MatrixUi, 'describe' | 'place' | 'returnToTray' | 'toggleMark' | 'focusRequest'>;

/**
 * The matrix's writes, each one shared/ operation, each announced to screen readers with the item's label, its
 * quadrant and its position (a sighted person sees the card move).
 */
export function useMatrixActions(label: MatrixUi['label'], marks: MatrixUi['marks']): Actions {
  const { session, identity } = useBoard();
  const ui = useBoardUi();
  const { t } = useI18n();
  const shortlist = useBoardPeriod().shortlistName;
  const [focusRequest] = useState(() => createStore<FocusRequest | null>(null));
  return useMemo(() => {
    const report = (result: Result<unknown>) => {
      if (!result.ok) ui.notify({ message: t(`error.${result.error}`), tone: 'error' });
      return result.ok;
    };
    const describePosition = (text: string, position: MatrixPosition) => ({
      label: text,
      quadrant: label(quadrantLabelKey(quadrantOf(position))),
      x: label('feasibilityAxis'),
      xValue: Math.round(position.x * 100),
      y: label('impactAxis'),
      yValue: Math.round(position.y * 100),
    });
    return {
      focusRequest,
      describe: (item, position) => {
        const name = t('matrix.itemName', describePosition(shortItemLabel(item), position));
        // A group card shows 「グループ・3枚」 above its title: the name says it too (what is seen can be said).
        if (item.kind !== 'cluster') return name;
        return t('matrix.clusterName', { kind: t('matrix.cluster', { count: item.notes.length }), name });
      },
      place: (item, position) => {
        const result = placeOnMatrix(session.boardDoc, item.id, position);
        if (!report(result) || !result.ok) return;
        ui.announce(t('matrix.moved', describePosition(shortItemLabel(item), result.value)));
      },
      returnToTray: (item) => {
        if (!report(returnToTray(session.boardDoc, item.id))) return;
        ui.announce(t('matrix.returned', { label: shortItemLabel(item) }));
      },
      toggleMark: (item) => {
        const text = shortItemLabel(item);
        if (marks.has(item.id)) {
          if (report(unmarkShortlisted(session.boardDoc, item.id))) {
            ui.announce(t('matrix.unmarked', { label: text, period: shortlist }));
          }
        } else if (report(markShortlisted(session.boardDoc, item.id, identity.id))) {
          ui.announce(t('matrix.marked', { label: text, period: shortlist }));
        }
      },
    };
  }, [session, identity, ui, t, label, marks, focusRequest, shortlist]);
}
