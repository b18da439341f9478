import { useEffect, useMemo, useRef, useState } from 'react';
import type { MessageKey } from '../../shared/i18n/ja';
import { decideWrite, type WriteTarget } from '../../shared/writePolicy';
import { useI18n } from '../i18n/I18nProvider';
import { ApiError, type Me, renameSelf } from '../lib/api';
import { forgetBoardToken, keepAcceptedBoardToken } from '../lib/boardToken';
import { loadDisplayName, saveDisplayName } from '../lib/displayName';
import { browserIdentityId, presenceColor } from '../lib/identity';
import { rememberBoard } from '../lib/recentBoards';
import { createStore, type ReadStore, useStore, useStoreSelector } from '../lib/store';
import { NameDialog } from '../people/NameDialog';
import {
  answeredEarlyJoin,
  discardEarlyBoard,
  earlySession,
  takeEarlyDocs,
  takeEarlyJoin,
  takeEarlySession,
} from '../session/earlyBoard';
import { BoardContext, type BoardContextValue } from '../session/hooks';
import { type Joined, joinBoard } from '../session/join';
import { deleteOfflineCopy, shouldDeleteOfflineCopy } from '../session/offlineCopy';
import { forgetJoined, loadJoined, rememberJoined } from '../session/offlineJoin';
import { BoardSession, type ConnectionState } from '../session/session';
import type { BoardSettings } from '../session/settingsStore';
import { VisitProvider } from '../visit/VisitContext';
import { BoardView } from './BoardView';

/** Why the board could not be opened, by the HTTP status of the server's answer. */
const JOIN_ERRORS: Partial<Record<number, MessageKey>> = {
  401: 'error.linkInvalid',
  404: 'error.boardNotFound',
  409: 'error.tooManyPeople',
};

const NEVER_CLOSED = createStore<ConnectionState>('connecting');
const NOT_LOCKED: ReadStore<Pick<BoardSettings, 'lock'>> = createStore({ lock: null });
const NOT_ARCHIVED = createStore(false);

type Loading =
  | { kind: 'loading' }
  | { kind: 'error'; status: number }
  | { kind: 'needsName'; me: Me }
  | { kind: 'ready'; joined: Joined };

/**
 * Learns what this link gives from the server before anything can be edited (and, for a shared link, which
 * person this browser is: see `joinBoard`), then opens the board.
 */
export function BoardPage({ boardId, token }: { boardId: string; token: string }) {
  const { t } = useI18n();
  const [name, setName] = useState(loadDisplayName);
  // The early join answered already (the page waited for the board, boot.tsx): the first render shows the board.
  const [state, setState] = useState<Loading>(() => {
    const answered = answeredEarlyJoin(boardId, token, name);
    return answered?.kind === 'joined' ? { kind: 'ready', joined: answered.joined } : { kind: 'loading' };
  });
  const nameRef = useRef(name);
  nameRef.current = name;
  // Joining again is needed only when a missing name was given, not when the name changes later.
  const nameKnown = name !== null;
  const [memberName, setMemberName] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    const knownName = nameKnown ? nameRef.current : null;
    (takeEarlyJoin(boardId, token, knownName) ?? joinBoard(boardId, token, knownName)).then(
      (step) => {
        if (cancelled) return;
        keepAcceptedBoardToken(boardId, token);
        const me = step.kind === 'joined' ? step.joined.me : step.me;
        // Read with a later board's link (me.through): that link is not one of this board's, to list or share.
        if (!me.through) rememberBoard({ id: boardId, title: me.title, role: me.role, token });
        if (step.kind === 'joined') rememberJoined(boardId, token, step.joined);
        // The same answer the first render started from: nothing to render again.
        setState((shown) =>
          step.kind !== 'joined'
            ? step
            : shown.kind === 'ready' && shown.joined === step.joined
              ? shown
              : { kind: 'ready', joined: step.joined },
        );
      },
      (error: unknown) => {
        if (cancelled) return;
        const status = error instanceof ApiError ? error.status : 0;
        // No answer (offline, or a proxy in front of a server that is down): open this device's copy with
        // what the server said last time.
        const cached = status === 0 || status >= 500 ? loadJoined(boardId, token) : null;
        if (cached) return setState({ kind: 'ready', joined: cached });
        if (status === 401) forgetBoardToken(boardId);
        // The link no longer opens the board (replaced, removed, or the board deleted): keep no copy of it,
        // unless another link of the board may still need it (offlineCopy.ts).
        if (status === 401 || status === 404) forgetJoined(boardId);
        if (shouldDeleteOfflineCopy(boardId, token, status)) {
          discardEarlyBoard(); // its copy open here would hold the deletion back
          void deleteOfflineCopy(boardId);
        }
        setState({ kind: 'error', status });
      },
    );
    return () => {
      cancelled = true;
    };
    // Not on a language switch: joining again would rebuild the session (and lose what only this tab holds).
  }, [boardId, token, nameKnown]);

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
        <p role="alert">{t(JOIN_ERRORS[state.status] ?? 'error.network')}</p>
        <a href="/">{t('board.home')}</a>
      </div>
    );
  }
  const person = state.kind === 'ready' ? state.joined.me.person : null;
  // A roster member's name is the one the facilitator entered, unless they changed it here.
  const shownName = person?.kind === 'member' ? (memberName ?? person.name) : name;
  if (state.kind === 'needsName' || !shownName) {
    return (
      <NameDialog
        onSubmit={(chosen) => {
          saveDisplayName(chosen);
          setName(chosen);
        }}
      />
    );
  }
  const { joined } = state;
  return (
    <OpenBoard
      joined={joined}
      name={shownName}
      onRename={(renamed) => {
        if (joined.me.person?.kind === 'member') setMemberName(renamed);
        else setName(renamed);
        if (!joined.me.person) return undefined;
        return renameSelf(boardId, joined.token, renamed).then(
          () => {},
          () => {},
        );
      }}
    />
  );
}

function OpenBoard({
  joined,
  name,
  onRename,
}: {
  joined: Joined;
  name: string;
  /** Settles once the server knows the new name (undefined when there is no person to rename). */
  onRename: (n: string) => Promise<void> | undefined;
}) {
  const { me, token, sharedLink } = joined;
  // The session started early, when there is one: the first render then shows the board. Taken in the effect
  // (a render may run more than once).
  const [session, setSession] = useState<BoardSession | null>(() => earlySession(me, token));
  const shownSession = useRef(session);
  shownSession.current = session;
  useEffect(() => {
    // A session destroyed by an earlier run of this effect (another person, or React's development double run)
    // is replaced.
    const shown = shownSession.current;
    const opened =
      takeEarlySession(me, token) ??
      (shown && !shown.isDestroyed && shown.me === me && shown.token === token
        ? shown
        : new BoardSession(me.boardId, token, me, takeEarlyDocs(me.boardId) ?? undefined));
    if (opened !== shown) setSession(opened);
    return () => opened.destroy();
  }, [me, token]);

  const personId = me.person?.id ?? null;
  const identity = useMemo(() => {
    // The person behind the token; a viewer (who writes nothing) is told apart per browser.
    const id = personId ?? browserIdentityId();
    return { id, name, color: presenceColor(id) };
  }, [name, personId]);

  useEffect(() => {
    // The server binds presence to the person behind the token (and numbers a viewer, who has none): what is
    // sent here is only this tab's own view of it, for its own entry in the list.
    if (personId) session?.awareness.setLocalStateField('user', { ...identity, role: me.role });
  }, [session, identity, personId, me.role]);

  // Closed for good by the server: nothing typed now could reach it, so nothing can be edited.
  // (Selected: each change of the connection's state would render the whole board again.)
  const closed = useStoreSelector(session?.connection ?? NEVER_CLOSED, (state) => state === 'closed');
  // Locked by the facilitator: read-only for participants at once (the server refuses their writes anyway).
  const locked = useStoreSelector<Pick<BoardSettings, 'lock'>, boolean>(
    session?.settings ?? NOT_LOCKED,
    (s) => s.lock !== null,
  );
  // Rights follow the role, not /me's canWrite: that one is false for an archived board even after unarchiving.
  const archived = useStore(session?.archived ?? NOT_ARCHIVED);
  // The server's write policy, asked with what this tab knows (the server refuses the rest anyway).
  const mayWrite = (target: WriteTarget) =>
    !closed && decideWrite({ role: me.role, target, person: me.person !== null, locked, archived }).allowed;
  const canEditBoard = mayWrite('board');
  const canEditSettings = mayWrite('settings');
  const value = useMemo<BoardContextValue | null>(
    () =>
      session && {
        session,
        role: me.role,
        canEditBoard,
        canEditSettings,
        canManageBoard: me.role === 'facilitator' && !closed,
        archived,
        identity,
        token,
        sharedLink,
        readThrough: me.through ?? null,
      },
    [session, me, identity, closed, canEditBoard, canEditSettings, archived, token, sharedLink],
  );
  if (!value) return null;
  return (
    <BoardContext.Provider value={value}>
      <VisitProvider>
        <BoardView
          onRename={(renamed) =>
            // The server shows the name it stores: publish presence again once it stored the new one.
            void onRename(renamed)?.then(() => session?.awareness.setLocalState(session.awareness.getLocalState()))
          }
        />
      </VisitProvider>
    </BoardContext.Provider>
  );
}
