import { useCallback, useEffect, useMemo, useState } from 'react';
import { useI18n } from '../i18n/I18nProvider';
import { type ConnectionSummary, facilitatorApi, type Person } from '../lib/api';
import { apiErrorMessage } from '../lib/apiErrorMessage';
import { useBoard } from '../session/hooks';

/** An action waiting for the facilitator's confirmation. */
export interface PendingConfirmation {
  message: string;
  confirmLabel: string;
  run: () => Promise<void>;
}

/**
 * The roster, the guests and who is connected, as the facilitator's dialog shows them; every action runs
 * through `run`, which reports a failure in the dialog and reloads the lists afterwards.
 */
export function usePeopleAdmin() {
  const { t } = useI18n();
  const { session, token } = useBoard();
  const api = useMemo(() => facilitatorApi(session.boardId, token), [session.boardId, token]);
  const [people, setPeople] = useState<Person[] | null>(null);
  const [connections, setConnections] = useState<ConnectionSummary | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState<PendingConfirmation | null>(null);
  /** Personal links issued in this dialog, by person: shown once, to hand over (the server keeps only hashes). */
  const [issuedLinks, setIssuedLinks] = useState<Record<string, string>>({});
  const showIssuedLink = useCallback(
    (personId: string, link: string) => setIssuedLinks((known) => ({ ...known, [personId]: link })),
    [],
  );

  const report = useCallback((failure: unknown) => setError(apiErrorMessage(t, failure)), [t]);

  const refresh = useCallback(async () => {
    try {
      const [list, summary] = await Promise.all([api.listPeople(), api.connections()]);
      setPeople(list);
      setConnections(summary);
    } catch (failure) {
      report(failure);
    }
  }, [api, report]);

  useEffect(() => {
    refresh();
  }, [refresh]);

  const run = useCallback(
    async (action: () => Promise<void>) => {
      setError(null);
      try {
        await action();
      } catch (failure) {
        report(failure);
      }
      await refresh();
    },
    [refresh, report],
  );

  const confirmAndRun = useCallback((confirmation: PendingConfirmation) => setPending(confirmation), []);
  const resolvePending = useCallback(
    (confirmed: boolean) => {
      const action = pending;
      setPending(null);
      if (confirmed && action) run(action.run);
    },
    [pending, run],
  );

  return {
    api,
    people,
    connections,
    error,
    refresh,
    run,
    pending,
    confirmAndRun,
    resolvePending,
    issuedLinks,
    showIssuedLink,
  };
}
