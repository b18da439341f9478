import { authorNamesExported, participantExportsAllowed } from '../../shared/records/exportPolicy';
import { useSettingsFlag } from '../session/useSettingsFlag';

/** Whether the facilitator lets participants and viewers export. */
export const useParticipantExports = () => useSettingsFlag(participantExportsAllowed);

/** Whether the documents name who wrote each note. */
export const useExportAuthorNames = () => useSettingsFlag(authorNamesExported);
