import { useEffect, useId } from 'react';
import { applyInitiativeTextChanges } from '../../shared/ops/initiatives';
import {
  INITIATIVE_TEXT_FIELDS,
  INITIATIVE_TEXT_MAX,
  type Initiative,
  type InitiativeTextField,
} from '../../shared/records/initiative';
import { useI18n } from '../i18n/I18nProvider';
import { useBoard } from '../session/hooks';
import { useModalDialog } from '../ui/useModalDialog';
import { CollaborativeTextField } from './CollaborativeTextField';
import { InitiativePlanFields } from './InitiativePlanFields';
import { useInitiativeActions } from './useInitiativeActions';

/** The fields written on one line; the others are paragraphs. */
const ONE_LINE: ReadonlySet<InitiativeTextField> = new Set(['title', 'indicator', 'targetValue', 'department']);

/**
 * Edits one initiative: its seven texts (collaborative, as notes are), then its pillar, priority, fiscal years
 * and status. Every change is written at once, live for everyone; closing loses nothing.
 */
export function InitiativeEditor({
  initiative,
  onClose,
  onUnsaved,
}: {
  initiative: Initiative;
  onClose: () => void;
  /** Text typed that could not be written as the editor closed (the initiative deleted by a colleague). */
  onUnsaved: (text: string) => void;
}) {
  const { t } = useI18n();
  const { session } = useBoard();
  const actions = useInitiativeActions();
  const dialog = useModalDialog();
  const titleId = useId();
  const missing = INITIATIVE_TEXT_FIELDS.filter((field) => initiative.texts[field] === null).join(' ');

  // A field another tool stored as a plain string becomes collaborative text before it is edited.
  useEffect(() => {
    for (const field of missing.split(' ').filter(Boolean) as InitiativeTextField[]) {
      applyInitiativeTextChanges(session.boardDoc, initiative.id, field, []);
    }
  }, [missing, session, initiative.id]);

  return (
    <dialog ref={dialog} className="dialog dialog-wide initiative-editor" aria-labelledby={titleId} onCancel={onClose}>
      <h2 id={titleId}>{t('initiative.editHeading', { title: actions.titleOf(initiative) })}</h2>
      {INITIATIVE_TEXT_FIELDS.map((field) => {
        const ytext = initiative.texts[field];
        return (
          ytext && (
            <CollaborativeTextField
              key={field}
              ytext={ytext}
              label={t(`initiative.field.${field}`)}
              max={INITIATIVE_TEXT_MAX[field]}
              multiline={!ONE_LINE.has(field)}
              apply={(changes) => applyInitiativeTextChanges(session.boardDoc, initiative.id, field, changes)}
              onUnsaved={onUnsaved}
            />
          )
        );
      })}
      <InitiativePlanFields initiative={initiative} />
      <div className="dialog-actions">
        <button type="button" className="primary" onClick={onClose}>
          {t('initiative.close')}
        </button>
      </div>
    </dialog>
  );
}
