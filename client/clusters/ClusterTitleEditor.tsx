import { type FocusEvent, type KeyboardEvent, useEffect, useRef } from 'react';
import type * as Y from 'yjs';
import { applyClusterTitleChanges, renameCluster } from '../../shared/ops/clusterTitle';
import { CLUSTER_TITLE_MAX, type Cluster } from '../../shared/records/cluster';
import type { TextChange } from '../../shared/textDiff';
import { useI18n } from '../i18n/I18nProvider';
import { useBoard } from '../session/hooks';
import { useBoardUi } from '../ui/boardUi';
import { isImeEnter } from '../ui/ime';
import { useCollaborativeText } from '../ui/useCollaborativeText';

/**
 * Renames a cluster in place. The field is bound to the title's Y.Text by useCollaborativeText, as the note
 * editor is: typing is written as it is typed, in minimal changes, so two people renaming at once both keep
 * their words; any other change (a colleague's, or this person's board undo while the field is open) shows in
 * it with the caret kept; an IME composition is never disturbed. Enter (never the Enter that confirms an IME
 * conversion), Escape, 保存 or leaving the editor finishes; what was typed is already written, and the
 * board's undo takes it back.
 */
export function ClusterTitleEditor({ cluster, onDone }: { cluster: Cluster; onDone: () => void }) {
  const { session } = useBoard();
  const { ytitle, id } = cluster;
  // A title another tool stored as a plain value becomes collaborative text before it is edited.
  useEffect(() => {
    if (!ytitle) applyClusterTitleChanges(session.boardDoc, id, []);
  }, [ytitle, session, id]);
  return ytitle ? <TitleField clusterId={id} ytitle={ytitle} onDone={onDone} /> : null;
}

function TitleField({ clusterId, ytitle, onDone }: { clusterId: string; ytitle: Y.Text; onDone: () => void }) {
  const { t } = useI18n();
  const { session } = useBoard();
  const ui = useBoardUi();
  const input = useRef<HTMLInputElement>(null);
  const container = useRef<HTMLDivElement>(null);
  const titleBefore = useRef(ytitle.toString());
  const finished = useRef(false);
  const { handlers, commit, error } = useCollaborativeText({
    ytext: ytitle,
    field: input,
    apply: (changes: readonly TextChange[]) => applyClusterTitleChanges(session.boardDoc, clusterId, changes),
  });

  // Declared after the binding: the title is already in the field, to be selected whole.
  useEffect(() => {
    input.current?.focus();
    input.current?.select();
  }, []);

  function finish() {
    if (finished.current) return;
    finished.current = true;
    commit();
    // Spaces typed at either end are dropped when done, as every rename does (renameCluster).
    const typed = ytitle.toString();
    if (typed !== typed.trim()) renameCluster(session.boardDoc, clusterId, typed);
    const title = ytitle.toString();
    if (title !== titleBefore.current) {
      ui.announce(title === '' ? t('cluster.renamedEmpty') : t('cluster.renamed', { title }));
    }
    onDone();
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (isImeEnter(event)) return;
    if (event.key === 'Enter' || event.key === 'Escape') {
      event.preventDefault();
      finish();
    }
  }

  // Focus moving between the field and its 保存 button keeps the editor open (there, Ctrl+Z is the board's).
  function onLeave(event: FocusEvent) {
    if (!container.current?.contains(event.relatedTarget as Node | null)) finish();
  }

  return (
    <div className="cluster-title-editor" ref={container}>
      <input
        ref={input}
        {...handlers}
        onBlur={(event) => {
          handlers.onBlur(event);
          onLeave(event);
        }}
        onKeyDown={onKeyDown}
        aria-label={t('cluster.renameLabel')}
        aria-invalid={error !== null}
      />
      <button type="button" onClick={finish} onBlur={onLeave} onKeyDown={(e) => e.key === 'Escape' && finish()}>
        {t('cluster.renameSave')}
      </button>
      {error && (
        <p className="error" role="alert">
          {t(`error.${error}`, { max: CLUSTER_TITLE_MAX })}
        </p>
      )}
    </div>
  );
}
