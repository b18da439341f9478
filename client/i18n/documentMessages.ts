import { jaDocuments } from '../../shared/i18n/jaDocuments';
import { addJapaneseMessages } from './catalogs';

// Imported for its effect by every module that shows the documents' words or the snapshot history: their
// Japanese messages come with them, not with the page's first script.
addJapaneseMessages(jaDocuments);
