import { type KeyboardEvent, useEffect, useRef, useState } from 'react';
import * as Y from 'yjs';
import { boardRoots } from '../../shared/docs';
import { applyClusterTitleChanges } from '../../shared/ops/clusterTitle';
import { CLUSTER_TITLE_MAX, type Cluster } from '../../shared/records/cluster';
import { type DeltaOp, diffText, rebaseChange } from '../../shared/textDiff';
import { useI18n } from '../i18n/I18nProvider';
import { useBoard } from './hooks';
import { isImeEnter } from './ime';
import { useBoardUi } from './ui';

/**
 * Renames a cluster in place. Enter saves (never the Enter that confirms an IME conversion), Escape cancels,
 * leaving the field saves. The change is computed from the title as it was when editing began and rebased
 * through what colleagues typed meanwhile, so two people renaming at once both keep their words.
 */
export function ClusterTitleEditor({ cluster, onDone }: { cluster: Cluster; onDone: () => void }) {
  const { t } = useI18n();
  const { session } = useBoard();
  const ui = useBoardUi();
  const [value, setValue] = useState(cluster.title);
  const [error, setError] = useState<string | null>(null);
  const base = useRef(cluster.title);
  const remote = useRef<DeltaOp[][]>([]);
  const finished = useRef(false);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    input.current?.focus();
    input.current?.select();
    const title = boardRoots.clusters(session.boardDoc).get(cluster.id);
    const ytitle = title instanceof Y.Map ? title.get('title') : null;
    if (!(ytitle instanceof Y.Text)) return;
    const onChange = (event: Y.YTextEvent) => {
      if (!event.transaction.local) remote.current.push(event.delta as DeltaOp[]);
    };
    ytitle.observe(onChange);
    return () => ytitle.unobserve(onChange);
  }, [session, cluster.id]);

  function save() {
    if (finished.current) return;
    const next = value.trim();
    const change = diffText(base.current, next);
    if (change) {
      const result = applyClusterTitleChanges(session.boardDoc, cluster.id, rebaseChange(change, remote.current));
      if (!result.ok) {
        setError(t(`error.${result.error}`, { max: CLUSTER_TITLE_MAX }));
        return;
      }
      ui.announce(next === '' ? t('cluster.renamedEmpty') : t('cluster.renamed', { title: next }));
    }
    finished.current = true;
    onDone();
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (isImeEnter(event)) return;
    if (event.key === 'Enter') {
      event.preventDefault();
      save();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      finished.current = true;
      onDone();
    }
  }

  return (
    <div className="cluster-title-editor">
      <input
        ref={input}
        value={value}
        onChange={(e) => {
          setValue(e.target.value);
          if (error) setError(null);
        }}
        onKeyDown={onKeyDown}
        onBlur={save}
        aria-label={t('cluster.renameLabel')}
        aria-invalid={error !== null}
      />
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
