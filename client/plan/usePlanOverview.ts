import { useCallback, useEffect, useState } from 'react';
import type { PlanOverview } from '../../shared/planOverview';
import { useI18n } from '../i18n/I18nProvider';
import { boardApi } from '../lib/api';
import { apiErrorMessage } from '../lib/apiErrorMessage';
import { boardPath, loadRecentBoards } from '../lib/recentBoards';
import { useBoard, useSettings } from '../session/hooks';
import type { BoardViewName } from '../ui/boardViews';

export type OverviewState =
  | { kind: 'loading' }
  | { kind: 'failed'; message: string }
  | { kind: 'loaded'; overview: PlanOverview };

/**
 * The plan overview of this board's plan (`GET /api/boards/<id>/plan/overview`), read when the view opens and
 * again when the board's plan or period changes (the server's word in the settings document).
 */
export function usePlanOverview(): { state: OverviewState; reload: () => void } {
  const { t } = useI18n();
  const { session, token } = useBoard();
  const plan = useSettings().plan;
  const [state, setState] = useState<OverviewState>({ kind: 'loading' });
  const planKey = plan ? `${plan.id}:${plan.period.number}:${plan.name}` : '';

  const [attempt, setAttempt] = useState(0);

  // planKey and attempt: a rename, a move to another period or 「もう一度読み込む」 reads it again.
  // biome-ignore lint/correctness/useExhaustiveDependencies: planKey and attempt are the triggers, not inputs
  useEffect(() => {
    let current = true;
    setState({ kind: 'loading' });
    boardApi<PlanOverview>(session.boardId, token, 'GET', '/plan/overview').then(
      (overview) => current && setState({ kind: 'loaded', overview }),
      (failure: unknown) => current && setState({ kind: 'failed', message: apiErrorMessage(t, failure) }),
    );
    return () => {
      current = false;
    };
  }, [session.boardId, token, t, planKey, attempt]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return { state, reload };
}

/** The best link this browser holds for a board (boards it has opened), or null. */
function knownBoardLink(boardId: string): string | null {
  const rank = { facilitator: 0, participant: 1, viewer: 2 } as const;
  const known = loadRecentBoards()
    .filter((board) => board.id === boardId)
    .sort((a, b) => rank[a.role] - rank[b.role])[0];
  return known ? boardPath(known.id, known.token) : null;
}

/**
 * Where an earlier period's board of this board's line opens: the link this browser holds for it, else this
 * page's own token where it reads that board (`readsEarlier`: any but a shared viewer link, server/auth.ts);
 * null when neither. Members of a new period's board are not given the old board's links.
 */
export function earlierBoardLink(
  boardId: string,
  current: { token: string; readsEarlier: boolean },
  view?: BoardViewName,
): string | null {
  const link = knownBoardLink(boardId) ?? (current.readsEarlier ? boardPath(boardId, current.token) : null);
  return link && view ? link.replace('#', `?view=${view}#`) : link;
}

/**
 * Where a board of the plan opens from this browser: a link this browser holds, or, for an earlier board of this
 * board's line (`readableWithThisLink`, the server's word), this page's token; null for this page's own board
 * and for the boards no link here opens.
 */
export function boardLinkOf(
  board: { boardId: string; readableWithThisLink: boolean },
  current: { boardId: string; token: string },
): string | null {
  if (board.boardId === current.boardId) return null;
  return earlierBoardLink(board.boardId, { token: current.token, readsEarlier: board.readableWithThisLink });
}
