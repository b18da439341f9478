import type { Pillar } from '../../shared/records/pillar';
import { useI18n } from '../i18n/I18nProvider';
import { countRender } from '../lib/renderProbe';
import { ClusterCard } from './ClusterCard';
import { usePillarClusterIds } from './clusterHooks';
import './clusters.css';

/** A pillar's clusters (グループ), above its lanes; nothing at all while the pillar has none. */
export function ClusterSection({ pillar }: { pillar: Pillar }) {
  countRender(`clusters:${pillar.id}`);
  const { t } = useI18n();
  const ids = usePillarClusterIds(pillar.id);
  if (ids.length === 0) return null;
  return (
    <section className="clusters" aria-label={t('cluster.sectionLabel', { pillar: pillar.title })}>
      <h3 className="clusters-heading">{t('cluster.sectionHeading')}</h3>
      <ul className="cluster-list">
        {ids.map((id) => (
          <ClusterCard key={id} clusterId={id} pillar={pillar} />
        ))}
      </ul>
    </section>
  );
}
