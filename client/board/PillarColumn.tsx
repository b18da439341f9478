import { LANE_KINDS } from '../../shared/records/lane';
import type { Pillar } from '../../shared/records/pillar';
import { ClusterSection } from '../clusters/ClusterSection';
import { Lane } from '../notes/Lane';
import { SuggestionsButton } from '../suggestions/SuggestionsButton';

export function PillarColumn({ pillar }: { pillar: Pillar }) {
  const headingId = `pillar-${pillar.id}`;
  return (
    <li className="pillar" aria-labelledby={headingId}>
      <h2 id={headingId} className="pillar-title">
        {pillar.title}
      </h2>
      <SuggestionsButton pillar={pillar} />
      <ClusterSection pillar={pillar} />
      {LANE_KINDS.map((lane) => (
        <Lane key={lane} pillar={pillar} lane={lane} />
      ))}
    </li>
  );
}
