import { useCallback, useRef, useState } from 'react';
import { useI18n } from '../i18n/I18nProvider';
import { type ExportFormat, exportBoard } from '../lib/api';
import { apiErrorMessage } from '../lib/apiErrorMessage';
import { useBoard } from '../session/hooks';
import { useBoardUi } from '../ui/boardUi';
import { EXPORT_LABEL_KEYS } from './exportFormats';
import { saveFile } from './saveFile';

export interface ExportStatus {
  text: string;
  tone: 'info' | 'error';
  /** New for every message, so the same words twice are announced twice. */
  serial: number;
}

/**
 * The exports under way, kept by the header rather than the dialog: closing the dialog does not stop a
 * download, and the board stays usable while the server renders the file. Its end is told in the dialog's
 * live region, or as a toast when the dialog is closed by then.
 */
export function useExportJobs() {
  const { t, lang } = useI18n();
  const { session, token } = useBoard();
  const { notify } = useBoardUi();
  const [running, setRunning] = useState<ReadonlySet<ExportFormat>>(new Set());
  const [status, setStatus] = useState<ExportStatus | null>(null);
  const dialogOpen = useRef(false);
  const serial = useRef(0);
  const busy = useRef(new Set<ExportFormat>());

  const tell = useCallback(
    (text: string, tone: ExportStatus['tone'], toast: boolean) => {
      serial.current += 1;
      setStatus({ text, tone, serial: serial.current });
      if (toast && !dialogOpen.current) notify({ message: text, tone });
    },
    [notify],
  );

  const run = useCallback(
    async (format: ExportFormat) => {
      if (busy.current.has(format)) return;
      busy.current.add(format);
      setRunning(new Set(busy.current));
      const label = t(EXPORT_LABEL_KEYS[format]);
      tell(t('export.started', { format: label }), 'info', false);
      try {
        const { blob, filename } = await exportBoard(session.boardId, token, format, lang);
        saveFile(blob, filename);
        tell(t('export.done', { format: label, filename }), 'info', true);
      } catch (failure) {
        tell(t('export.failed', { format: label, reason: apiErrorMessage(t, failure) }), 'error', true);
      } finally {
        busy.current.delete(format);
        setRunning(new Set(busy.current));
      }
    },
    [session.boardId, token, lang, t, tell],
  );

  return { running, status, run, dialogOpen };
}

export type ExportJobs = ReturnType<typeof useExportJobs>;
