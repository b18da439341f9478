import { formatFiscalYear } from '../../shared/fiscalYear';
import { translator } from '../../shared/i18n/index';
import { shortlistName } from '../../shared/periodText';
import { defaultPeriod } from '../../shared/records/period';

/**
 * The shortlist's name on a board created during the test run: 「令和9〜10年度に取り組む」 in 令和8年度. Computed
 * as the server does (two fiscal years after the current one), so the tests keep passing after 1 April.
 */
export const SHORTLIST_NAME = shortlistName(defaultPeriod(Date.now()), translator('ja'), 'ja');

/** The first fiscal year of that period in both forms, as an initiative's 実施時期 shows it: 「令和9年度 (2027年度)」. */
export const FIRST_FISCAL_YEAR = formatFiscalYear(defaultPeriod(Date.now()).first);
/** The checkbox of that year in an initiative's editor. */
export const FIRST_FISCAL_YEAR_BOX = new RegExp(`\\(${defaultPeriod(Date.now()).first}年度\\)$`);
