import { useEffect, useMemo, useState } from 'react';
import { canWrite } from '../../shared/roles';
import { useI18n } from '../i18n/I18nProvider';
import { ApiError, fetchMe, type Me } from '../lib/api';
import { forgetBoardToken, keepAcceptedBoardToken } from '../lib/boardToken';
import { browserIdentityId, loadDisplayName, presenceColor, saveDisplayName } from '../lib/identity';
import { rememberBoard } from '../lib/recentBoards';
import { createStore, useStore } from '../lib/store';
import { BoardView } from './BoardView';
import { BoardContext, type BoardContextValue } from './hooks';
import { NameDialog } from './NameDialog';
import { BoardSession, type ConnectionState } from './session';

const NEVER_CLOSED = createStore<ConnectionState>('connecting');
const NOT_ARCHIVED = createStore(false);

type Loading = { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'ready'; me: Me };

/** Learns this link's role from the server before anything can be edited, then opens the board. */
export function BoardPage({ boardId, token }: { boardId: string; token: string }) {
  const { t } = useI18n();
  const [state, setState] = useState<Loading>({ kind: 'loading' });
  const [name, setName] = useState(loadDisplayName);

  useEffect(() => {
    let cancelled = false;
    fetchMe(boardId, token).then(
      (me) => {
        if (cancelled) return;
        keepAcceptedBoardToken(boardId, token);
        rememberBoard({ id: boardId, title: me.title, role: me.role, token });
        setState({ kind: 'ready', me });
      },
      (error: unknown) => {
        if (cancelled) return;
        const status = error instanceof ApiError ? error.status : 0;
        if (status === 401) forgetBoardToken(boardId);
        const message =
          status === 401 ? t('error.linkInvalid') : status === 404 ? t('error.boardNotFound') : t('error.network');
        setState({ kind: 'error', message });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [boardId, token, t]);

  if (state.kind === 'loading') {
    return (
      <p className="page-message" role="status">
        {t('board.loading')}
      </p>
    );
  }
  if (state.kind === 'error') {
    return (
      <div className="page-message">
        <p role="alert">{state.message}</p>
        <a href="/">{t('board.home')}</a>
      </div>
    );
  }
  if (!name) {
    return (
      <NameDialog
        onSubmit={(chosen) => {
          saveDisplayName(chosen);
          setName(chosen);
        }}
      />
    );
  }
  return <OpenBoard me={state.me} token={token} name={name} onRename={setName} />;
}

function OpenBoard({
  me,
  token,
  name,
  onRename,
}: {
  me: Me;
  token: string;
  name: string;
  onRename: (n: string) => void;
}) {
  const [session, setSession] = useState<BoardSession | null>(null);
  useEffect(() => {
    const opened = new BoardSession(me.boardId, token, me);
    setSession(opened);
    return () => opened.destroy();
  }, [me, token]);

  const identity = useMemo(() => {
    const id = browserIdentityId();
    return { id, name, color: presenceColor(id) };
  }, [name]);

  useEffect(() => {
    session?.awareness.setLocalStateField('user', identity);
  }, [session, identity]);

  // Closed for good by the server: nothing typed now could reach it, so nothing can be edited.
  const closed = useStore(session?.connection ?? NEVER_CLOSED) === 'closed';
  // Rights follow the role, not /me's canWrite: that one is false for an archived board even after unarchiving.
  const archived = useStore(session?.archived ?? NOT_ARCHIVED);
  const value = useMemo<BoardContextValue | null>(
    () =>
      session && {
        session,
        role: me.role,
        canEditBoard: canWrite(me.role, 'board') && !closed && !archived,
        canEditSettings: canWrite(me.role, 'settings') && !closed && !archived,
        canManageBoard: me.role === 'facilitator' && !closed,
        archived,
        identity,
      },
    [session, me, identity, closed, archived],
  );
  if (!value) return null;
  return (
    <BoardContext.Provider value={value}>
      <BoardView onRename={onRename} />
    </BoardContext.Provider>
  );
}
