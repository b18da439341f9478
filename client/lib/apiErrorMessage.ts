import type { MessageKey, Translate } from '../../shared/i18n/index';
import { ApiError } from './api';

/** Refusals whose code alone says what happened (exports and import, docs/api.md), whatever the status. */
const CODE_MESSAGES: Partial<Record<string, MessageKey>> = {
  'export-not-allowed': 'error.exportNotAllowed',
  'export-busy': 'error.exportBusy',
  'export-timeout': 'error.exportTimeout',
  'export-format': 'error.exportFormat',
  'export-too-new': 'error.exportTooNew',
  'import-not-backup': 'error.importNotBackup',
  'import-too-new': 'error.importTooNew',
  'import-truncated': 'error.importTruncated',
  'import-invalid': 'error.importInvalid',
  'import-busy': 'error.importBusy',
  'import-timeout': 'error.importTimeout',
  'rate-limited': 'error.rateLimited',
  'suggestions-rate-limited': 'error.suggestionsRateLimited',
  'suggestions-busy': 'error.suggestionsBusy',
  'suggestions-timeout': 'error.suggestionsTimeout',
  'cross-site': 'error.crossSite',
  'plan-name-empty': 'error.planNameEmpty',
  'plan-name-too-long': 'error.planNameTooLong',
  'plan-years-invalid': 'error.planYearsInvalid',
  'plan-period-years-invalid': 'error.planPeriodYearsInvalid',
  'plan-periods-overlap': 'error.planPeriodsOverlap',
  'plan-period-invalid': 'error.planPeriodInvalid',
  'plan-period-outside': 'error.planPeriodInvalid',
  'plan-period-name-invalid': 'error.planPeriodInvalid',
  'period-taken': 'error.planPeriodTaken',
  'no-plan': 'error.planNotFoundByKey',
  'not-in-plan': 'error.notInPlan',
  'no-next-period': 'error.noNextPeriod',
  'join-key-needed': 'error.joinKeyNeeded',
  archived: 'error.archivedBoard',
  'no-period': 'error.planNoPeriod',
};

/**
 * What a person reads when a request to the board's API failed, in the UI language. The server's reason is
 * English (for logs and other tools); it is shown only inside a translated sentence, for the cases it alone
 * can explain (a conflict such as "you cannot remove yourself").
 */
export function apiErrorMessage(t: Translate, error: unknown): string {
  if (!(error instanceof ApiError)) return t('error.network');
  const byCode = error.code ? CODE_MESSAGES[error.code] : undefined;
  if (byCode) return t(byCode);
  switch (error.status) {
    case 401:
      return t('error.linkInvalid');
    case 403:
      return t('error.forbidden');
    case 404:
      return t('error.notFound');
    case 409:
      return error.message.includes('people')
        ? t('error.tooManyPeople')
        : t('error.conflict', { reason: error.message });
    case 503:
    case 507:
      return t('error.serverBusy');
    default:
      return t('error.requestFailed', { reason: error.message });
  }
}
