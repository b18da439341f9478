import { jaPlanCycle } from '../../shared/i18n/jaPlanCycle';
import { addJapaneseMessages } from './catalogs';

// Imported for its effect by every module that shows the plan cycle (計画, 次期のボード, 前期からの継続):
// their Japanese messages come with them, not with the page's first script.
addJapaneseMessages(jaPlanCycle);
