import { useEffect, useState } from 'react';
import { flushSync } from 'react-dom';
import { type PaperSize, type PrintableView, printView } from '../export/printView';
import { useExportJobs } from '../export/useExportJobs';
import { useI18n } from '../i18n/I18nProvider';
import { useBoardUi } from '../ui/boardUi';
import { LazyDialog } from '../ui/onDemand';
import { ExportDialog } from '../views/lazyViews';
import '../export/export.css';

/**
 * 書き出し・印刷 in the board header, for everyone: printing is always possible; which files may be
 * downloaded the dialog decides by role and the facilitator's permission.
 */
export function ExportButton() {
  const { t } = useI18n();
  const { view } = useBoardUi();
  const [open, setOpen] = useState(false);
  const jobs = useExportJobs();
  useEffect(() => {
    jobs.dialogOpen.current = open;
  }, [open, jobs.dialogOpen]);

  function print(chosen: PrintableView, paper: PaperSize) {
    // The dialog closes first: a modal dialog on the page would be printed over the board.
    flushSync(() => setOpen(false));
    printView(view, chosen, paper);
  }

  return (
    <>
      <button type="button" onClick={() => setOpen(true)} aria-haspopup="dialog">
        {t('export.open')}
      </button>
      {open && (
        <LazyDialog>
          <ExportDialog jobs={jobs} onClose={() => setOpen(false)} onPrint={print} />
        </LazyDialog>
      )}
    </>
  );
}
