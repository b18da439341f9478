import { useId } from 'react';
import { setExportAuthorNames, setParticipantExports } from '../../shared/records/exportPolicy';
import { useI18n } from '../i18n/I18nProvider';
import type { ExportFormat } from '../lib/api';
import { useBoard } from '../session/hooks';
import { SettingSwitch } from '../ui/SettingSwitch';
import { useModalDialog } from '../ui/useModalDialog';
import { EXPORT_HELP_KEYS, EXPORT_LABEL_KEYS, offeredExports } from './exportFormats';
import { PrintSection } from './PrintSection';
import type { PaperSize, PrintableView } from './printView';
import type { ExportJobs } from './useExportJobs';
import { useExportAuthorNames, useParticipantExports } from './useParticipantExports';
import '../i18n/documentMessages';

/**
 * 書き出しと印刷: the files this person may download (Word, Excel, CSV, Markdown, and the JSON backup for the
 * facilitator), the facilitator's permission for participants, and printing the board or the matrix.
 */
export function ExportDialog({
  jobs,
  onClose,
  onPrint,
}: {
  jobs: ExportJobs;
  onClose: () => void;
  onPrint: (view: PrintableView, paper: PaperSize) => void;
}) {
  const { t } = useI18n();
  const { role } = useBoard();
  const dialog = useModalDialog();
  const titleId = useId();
  const documentsId = useId();
  const formats = offeredExports(role, useParticipantExports());
  const { status } = jobs;
  return (
    <dialog ref={dialog} className="dialog dialog-wide export-dialog" aria-labelledby={titleId} onCancel={onClose}>
      <h2 id={titleId}>{t('export.heading')}</h2>
      <section aria-labelledby={documentsId}>
        <h3 id={documentsId}>{t('export.documents')}</h3>
        {formats.length > 0 ? (
          <>
            <p className="muted">{t('export.explain')}</p>
            <ul className="export-formats">
              {formats.map((format) => (
                <ExportChoice key={format} format={format} jobs={jobs} />
              ))}
            </ul>
          </>
        ) : (
          <p>{t('export.notAllowed')}</p>
        )}
        {role === 'facilitator' && <ParticipantExportsSwitch />}
        {role === 'facilitator' && <AuthorNamesSwitch />}
        <div className={`export-status ${status?.tone === 'error' ? 'error' : ''}`} role="status" aria-live="polite">
          {status && <span key={status.serial}>{status.text}</span>}
        </div>
      </section>
      <PrintSection onPrint={onPrint} />
      <div className="dialog-actions">
        <button type="button" className="primary" onClick={onClose}>
          {t('export.close')}
        </button>
      </div>
    </dialog>
  );
}

/** One format: its button (busy while the server renders it) and what the file holds. */
function ExportChoice({ format, jobs }: { format: ExportFormat; jobs: ExportJobs }) {
  const { t } = useI18n();
  const helpId = useId();
  const busy = jobs.running.has(format);
  return (
    <li>
      {/* aria-disabled, not disabled, while busy: a disabled button drops the keyboard focus to the page. */}
      <button
        type="button"
        aria-disabled={busy}
        aria-busy={busy}
        aria-describedby={helpId}
        onClick={() => {
          if (!busy) void jobs.run(format);
        }}
      >
        {t(EXPORT_LABEL_KEYS[format])}
        {busy && <span className="export-busy"> {t('export.busy')}</span>}
      </button>
      <span id={helpId} className="export-help">
        {t(EXPORT_HELP_KEYS[format])}
      </span>
    </li>
  );
}

/** The facilitator's permission for participants and viewers, in the settings document (live for everyone). */
function ParticipantExportsSwitch() {
  const { t } = useI18n();
  const { session } = useBoard();
  return (
    <div className="export-permission">
      <SettingSwitch
        checked={useParticipantExports()}
        onChange={(checked) => setParticipantExports(session.settingsDoc, checked)}
        label={t('export.participantsAllowed')}
        help={t('export.participantsHelp')}
        helpClassName="export-help"
      />
    </div>
  );
}

/** Whether the documents name who wrote each note (off by default: names are personal information). */
function AuthorNamesSwitch() {
  const { t } = useI18n();
  const { session } = useBoard();
  return (
    <div className="export-permission">
      <SettingSwitch
        checked={useExportAuthorNames()}
        onChange={(checked) => setExportAuthorNames(session.settingsDoc, checked)}
        label={t('export.authorNames')}
        help={t('export.authorNamesHelp')}
        helpClassName="export-help"
      />
    </div>
  );
}
