import { createContext, type ReactNode, useContext, useMemo, useRef } from 'react';
import { useI18n } from '../i18n/I18nProvider';
import { ContinuedSection } from './ContinuedSection';
import { InitiativeEditor } from './InitiativeEditor';
import { PillarSection } from './InitiativeList';
import { InitiativesDnd } from './InitiativesDnd';
import { InitiativeTrashButton } from './InitiativeTrash';
import { ThreadKeeperContext, useThreadKeeper } from './threadKeeper';
import { useEditingInitiative } from './useEditingInitiative';
import { useInitiativesData } from './useInitiativesData';
import './initiatives.css';

/**
 * The list reaches the cards through this context, not as the drag and drop context's children: that context
 * then never renders again when the list changes, and only the cards whose props changed render.
 */
const SectionsContext = createContext<ReactNode>(null);
function Sections() {
  return useContext(SectionsContext);
}
const SECTIONS = <Sections />;
const HEADING_ID = 'initiatives-heading';

/**
 * The 取組案 view: the draft initiatives by pillar, then 優先度 高/中/低, in their order — the order every export
 * uses (shared/initiatives.ts initiativesByPillar). Edited by everyone who can write the board, live.
 */
export function InitiativesView() {
  const { t } = useI18n();
  const data = useInitiativesData();
  const all = data.all;
  // Looked up on every render, so the editor follows the initiative wherever it moves and closes if deleted.
  const { editing, edit, close, onUnsaved } = useEditingInitiative(all, HEADING_ID);
  const threads = useThreadKeeper(all);
  const { groups, figures, steps, sameTitle } = data;
  const live = useRef(all);
  live.current = all;
  // Built again only when the list or what its cards show changed: a note edit re-renders this view (the
  // figures are read from the items) but not the list, its drag and drop context, nor any card.
  const sections = useMemo(() => {
    const cards = { figures, steps, sameTitle, onEdit: edit };
    return groups.map((group) => <PillarSection key={group.pillar?.id ?? ''} group={group} cards={cards} />);
  }, [groups, figures, steps, sameTitle, edit]);
  return (
    <section className="initiatives-view" aria-labelledby={HEADING_ID}>
      <div className="initiatives-toolbar">
        <h2 id={HEADING_ID} tabIndex={-1}>
          {t('initiative.heading')}
        </h2>
        <InitiativeTrashButton deleted={data.deleted} />
      </div>
      <p className="muted">{t('initiative.help')}</p>
      <ContinuedSection />
      {all.length === 0 && <p className="initiatives-empty">{t('initiative.empty')}</p>}
      <ThreadKeeperContext.Provider value={threads}>
        <SectionsContext.Provider value={sections}>
          <InitiativesDnd initiatives={live}>{SECTIONS}</InitiativesDnd>
        </SectionsContext.Provider>
      </ThreadKeeperContext.Provider>
      {editing && <InitiativeEditor initiative={editing} onClose={close} onUnsaved={onUnsaved} />}
    </section>
  );
}
