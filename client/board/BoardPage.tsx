import { useEffect, useMemo, useState } from 'react';
import { useI18n } from '../i18n/I18nProvider';
import { ApiError, fetchMe, type Me } from '../lib/api';
import { forgetBoardToken, keepAcceptedBoardToken } from '../lib/boardToken';
import { browserIdentityId, loadDisplayName, presenceColor, saveDisplayName } from '../lib/identity';
import { rememberBoard } from '../lib/recentBoards';
import { useStore } from '../lib/store';
import { BoardView } from './BoardView';
import { BoardContext, type BoardContextValue } from './hooks';
import { NameDialog } from './NameDialog';
import { BoardSession } from './session';

type Loading = { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'ready'; me: Me };

/** Learns this link's role from the server before anything can be edited, then opens the board. */
export function BoardPage({ boardId, token }: { boardId: string; token: string }) {
  const { t } = useI18n();
  const [state, setState] = useState<Loading>({ kind: 'loading' });
  const [name, setName] = useState(loadDisplayName);
  const [session, setSession] = useState<BoardSession | null>(null);

  // The documents start syncing while the role is asked for: a big board arrives one round trip sooner.
  // Nothing is shown, and nothing can be edited, before the server told the role.
  useEffect(() => {
    const opened = new BoardSession(boardId, token);
    setSession(opened);
    return () => opened.destroy();
  }, [boardId, token]);

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

  if (state.kind === 'loading' || !session) {
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
  return <OpenBoard session={session} me={state.me} name={name} onRename={setName} />;
}

function OpenBoard({
  session,
  me,
  name,
  onRename,
}: {
  session: BoardSession;
  me: Me;
  name: string;
  onRename: (n: string) => void;
}) {
  const identity = useMemo(() => {
    const id = browserIdentityId();
    return { id, name, color: presenceColor(id) };
  }, [name]);

  useEffect(() => {
    session.awareness.setLocalStateField('user', identity);
  }, [session, identity]);

  // Closed for good by the server: nothing typed now could reach it, so nothing can be edited.
  const closed = useStore(session.connection) === 'closed';
  const value = useMemo<BoardContextValue>(
    () => ({
      session,
      role: me.role,
      canEditBoard: me.canWrite.board && !closed,
      canEditSettings: me.canWrite.settings && !closed,
      identity,
    }),
    [session, me, identity, closed],
  );
  return (
    <BoardContext.Provider value={value}>
      <BoardView onRename={onRename} />
    </BoardContext.Provider>
  );
}
