import { type FormEvent, useId, useState } from 'react';
import { moveCluster } from '../../shared/ops/clusters';
import { useI18n } from '../i18n/I18nProvider';
import { PositionSelect } from '../notes/PositionSelect';
import { pillarClusterIds } from '../session/clusterIndex';
import { useBoard, useSettings } from '../session/hooks';
import { useBoardUi } from '../ui/boardUi';
import { useModalDialog } from '../ui/useModalDialog';

/** 「移動…」 of a cluster: pillar and position among that pillar's clusters; its notes go with it. */
export function ClusterMoveDialog({
  clusterId,
  title,
  onClose,
}: {
  clusterId: string;
  title: string;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const { session } = useBoard();
  const ui = useBoardUi();
  const settings = useSettings();
  const dialog = useModalDialog();
  const titleId = useId();
  const clusterIds = (pillarId: string) => pillarClusterIds(session.clusterIndex.get(), pillarId);
  const currentPillar = session.clusterSnapshots.get(clusterId)?.pillarId ?? settings.pillars[0]?.id ?? '';
  /** Where the cluster is in that pillar now, or the end if it is elsewhere. */
  const defaultPosition = (pillarId: string) => {
    const index = clusterIds(pillarId).indexOf(clusterId);
    return index >= 0 ? index : clusterIds(pillarId).length;
  };
  const [pillarId, setPillarId] = useState(currentPillar);
  const [position, setPosition] = useState(() => defaultPosition(currentPillar));
  const others = clusterIds(pillarId).filter((id) => id !== clusterId);

  function submit(event: FormEvent) {
    event.preventDefault();
    const result = moveCluster(session.boardDoc, clusterId, { pillarId, index: position });
    if (!result.ok) {
      ui.notify({ message: t(`error.${result.error}`), tone: 'error' });
      return onClose();
    }
    const pillar = settings.pillars.find((p) => p.id === pillarId)?.title ?? '';
    ui.notify({ message: t('cluster.moved', { title, pillar, position: position + 1 }) });
    onClose();
    // The card may now be in another pillar: return the focus to it there.
    requestAnimationFrame(() => {
      document.querySelector<HTMLElement>(`[data-cluster-id="${CSS.escape(clusterId)}"] button`)?.focus();
    });
  }

  return (
    <dialog ref={dialog} className="dialog" aria-labelledby={titleId} onCancel={onClose}>
      <form onSubmit={submit}>
        <h2 id={titleId}>{t('cluster.moveDialogTitle')}</h2>
        <p className="muted">{title}</p>
        <label className="field">
          <span>{t('cluster.movePillar')}</span>
          <select
            value={pillarId}
            onChange={(e) => {
              setPillarId(e.target.value);
              setPosition(defaultPosition(e.target.value));
            }}
          >
            {settings.pillars.map((p) => (
              <option key={p.id} value={p.id}>
                {p.title}
              </option>
            ))}
          </select>
        </label>
        <PositionSelect others={others.length} value={position} onChange={setPosition} />
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            {t('cluster.cancel')}
          </button>
          <button type="submit" className="primary">
            {t('cluster.moveSubmit')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
