import './history.css';
import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import { diffBoards, type SnapshotDiff } from '../../shared/snapshotDiff';
import { useI18n } from '../i18n/I18nProvider';
import type { CreatedBoard } from '../lib/api';
import { apiErrorMessage } from '../lib/apiErrorMessage';
import { useBoard } from '../session/hooks';
import { useBoardUi } from '../ui/boardUi';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { useModalDialog } from '../ui/useModalDialog';
import { CompareForm, LIVE } from './CompareForm';
import { RestoredBoard } from './RestoredBoard';
import { SaveSnapshotForm } from './SaveSnapshotForm';
import { SnapshotBoard } from './SnapshotBoard';
import { diffSummary, SnapshotDiffView } from './SnapshotDiffView';
import { SnapshotTable } from './SnapshotTable';
import { type SnapshotDocs, type SnapshotMeta, snapshotsApi } from './snapshotsApi';
import '../i18n/documentMessages';

type Mode =
  | { kind: 'list' }
  | { kind: 'view'; snapshot: SnapshotMeta; docs: SnapshotDocs }
  | { kind: 'diff'; from: string; to: string; diff: SnapshotDiff }
  | { kind: 'restored'; board: CreatedBoard };

type Pending = { action: 'restore' | 'delete'; snapshot: SnapshotMeta } | null;

/**
 * The board's snapshots: the list, saving one (facilitator), a read-only view of one, the differences between
 * two moments, and restoring one into a new board (facilitator; the live board is never touched).
 */
export function SnapshotsDialog({ onClose }: { onClose: () => void }) {
  const { t, lang } = useI18n();
  const { session, token, role } = useBoard();
  const { announce } = useBoardUi();
  const dialog = useModalDialog();
  const titleId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const api = useMemo(() => snapshotsApi(session.boardId, token), [session.boardId, token]);
  const [snapshots, setSnapshots] = useState<SnapshotMeta[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [mode, setMode] = useState<Mode>({ kind: 'list' });
  const [pending, setPending] = useState<Pending>(null);
  const canManage = role === 'facilitator';
  const format = useMemo(
    () => new Intl.DateTimeFormat(lang === 'ja' ? 'ja-JP' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' }),
    [lang],
  );

  const fail = useCallback((failure: unknown) => setError(apiErrorMessage(t, failure)), [t]);
  const reload = useCallback(() => api.list().then(setSnapshots, fail), [api, fail]);
  useEffect(() => {
    reload();
  }, [reload]);
  // Each view replaces the dialog's content: focus goes to its heading, so a screen reader starts there.
  const shownMode = useRef<Mode>(mode);
  useEffect(() => {
    if (shownMode.current !== mode) heading.current?.focus();
    shownMode.current = mode;
  }, [mode]);

  function show(next: Mode) {
    setError(null);
    setMode(next);
  }

  async function save(name: string): Promise<boolean> {
    try {
      await api.save(name);
      announce(t('snapshot.saved', { name }));
      await reload();
      return true;
    } catch (failure) {
      fail(failure);
      return false;
    }
  }

  async function view(snapshot: SnapshotMeta) {
    try {
      const docs = await api.documents(snapshot.id);
      show({ kind: 'view', snapshot, docs });
      announce(t('snapshot.viewLoaded', { name: snapshot.name }));
    } catch (failure) {
      fail(failure);
    }
  }

  async function compare(fromId: string, toId: string) {
    const live = { board: session.boardDoc, settings: session.settingsDoc };
    const nameOf = (id: string) =>
      id === LIVE ? t('snapshot.live') : (snapshots?.find((s) => s.id === id)?.name ?? '');
    try {
      const [from, to] = await Promise.all([fromId, toId].map((id) => (id === LIVE ? live : api.documents(id))));
      const diff = diffBoards(from!, to!);
      show({ kind: 'diff', from: nameOf(fromId), to: nameOf(toId), diff });
      announce(t('snapshot.compared', { summary: diffSummary(t, diff) }));
    } catch (failure) {
      fail(failure);
    }
  }

  async function confirmPending() {
    if (!pending) return;
    const { action, snapshot } = pending;
    setPending(null);
    try {
      if (action === 'restore') {
        const board = await api.restore(snapshot.id);
        show({ kind: 'restored', board });
        announce(t('snapshot.restored', { title: board.title }));
      } else {
        await api.remove(snapshot.id);
        announce(t('snapshot.deleted', { name: snapshot.name }));
        await reload();
        // Its row (and the 削除 the focus went back to) leaves the list: the focus goes to the list's heading
        // now, before React removes the row (waiting for a frame raced with that commit), unless the person
        // moved the focus elsewhere meanwhile (e.g. into the name field while the deletion was under way).
        const active = document.activeElement;
        const inDeletedRow = active?.closest(`tr[data-snapshot-id="${CSS.escape(snapshot.id)}"]`);
        if (!active || active === document.body || inDeletedRow) heading.current?.focus();
      }
    } catch (failure) {
      fail(failure);
    }
  }

  const back = (
    <button type="button" onClick={() => show({ kind: 'list' })}>
      {t('snapshot.back')}
    </button>
  );

  return (
    <dialog ref={dialog} className="dialog dialog-wide snapshot-dialog" aria-labelledby={titleId} onCancel={onClose}>
      {mode.kind === 'list' && (
        <>
          <h2 id={titleId} ref={heading} tabIndex={-1}>
            {t('snapshot.heading')}
          </h2>
          {canManage && <SaveSnapshotForm onSave={save} />}
        </>
      )}
      {mode.kind === 'view' && (
        <h2 id={titleId} ref={heading} tabIndex={-1}>
          {t('snapshot.readOnlyHeading', { name: mode.snapshot.name, when: format.format(mode.snapshot.createdAt) })}
        </h2>
      )}
      {mode.kind === 'diff' && (
        <h2 id={titleId} ref={heading} tabIndex={-1}>
          {t('snapshot.diffHeading', { from: mode.from, to: mode.to })}
        </h2>
      )}
      {mode.kind === 'restored' && (
        <h2 id={titleId} ref={heading} tabIndex={-1}>
          {t('snapshot.restored', { title: mode.board.title })}
        </h2>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {mode.kind === 'list' && snapshots === null && !error && <p role="status">{t('snapshot.loading')}</p>}
      {mode.kind === 'list' && snapshots?.length === 0 && <p>{t('snapshot.empty')}</p>}
      {mode.kind === 'list' && snapshots && snapshots.length > 0 && (
        <>
          <SnapshotTable
            snapshots={snapshots}
            canManage={canManage}
            onView={view}
            onRestore={(snapshot) => setPending({ action: 'restore', snapshot })}
            onDelete={(snapshot) => setPending({ action: 'delete', snapshot })}
          />
          <CompareForm snapshots={snapshots} onCompare={compare} />
        </>
      )}
      {mode.kind === 'view' && (
        <>
          <p className="snapshot-readonly-notice">{t('snapshot.readOnlyNotice')}</p>
          {back}
          <SnapshotBoard docs={mode.docs} />
        </>
      )}
      {mode.kind === 'diff' && (
        <>
          <p>{diffSummary(t, mode.diff)}</p>
          {back}
          <SnapshotDiffView diff={mode.diff} />
        </>
      )}
      {mode.kind === 'restored' && (
        <>
          <RestoredBoard board={mode.board} />
          {back}
        </>
      )}
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>
          {t('common.close')}
        </button>
      </div>
      {pending && (
        <ConfirmDialog
          message={t(pending.action === 'restore' ? 'snapshot.restoreConfirm' : 'snapshot.deleteConfirm', {
            name: pending.snapshot.name,
          })}
          confirmLabel={t(pending.action === 'restore' ? 'snapshot.restoreConfirmButton' : 'snapshot.delete')}
          onConfirm={confirmPending}
          onCancel={() => setPending(null)}
        />
      )}
    </dialog>
  );
}
