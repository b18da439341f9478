import { useId, useState } from 'react';
import { useI18n } from '../i18n/I18nProvider';
import { useStore } from '../lib/store';
import { useBoardUi } from '../ui/boardUi';
import { VIEW_LABEL_KEYS } from '../ui/boardViews';
import { PAPER_SIZES, type PaperSize, PRINTABLE_VIEWS, type PrintableView } from './printView';
import '../i18n/documentMessages';

const PAPER_KEYS = { a4: 'export.print.a4', a3: 'export.print.a3' } as const;

/** The print part of the export dialog: which view, which paper, then the browser's print. */
export function PrintSection({ onPrint }: { onPrint: (view: PrintableView, paper: PaperSize) => void }) {
  const { t } = useI18n();
  const current = useStore(useBoardUi().view);
  const [view, setView] = useState<PrintableView>(current === 'matrix' ? 'matrix' : 'board');
  const [paper, setPaper] = useState<PaperSize>('a4');
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} className="export-print">
      <h3 id={headingId}>{t('export.print.heading')}</h3>
      <div className="export-print-choices">
        <label className="field">
          <span>{t('export.print.view')}</span>
          <select value={view} onChange={(e) => setView(e.target.value as PrintableView)}>
            {PRINTABLE_VIEWS.map((name) => (
              <option key={name} value={name}>
                {t(VIEW_LABEL_KEYS[name])}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('export.print.paper')}</span>
          <select value={paper} onChange={(e) => setPaper(e.target.value as PaperSize)}>
            {PAPER_SIZES.map((size) => (
              <option key={size} value={size}>
                {t(PAPER_KEYS[size])}
              </option>
            ))}
          </select>
        </label>
      </div>
      <button type="button" onClick={() => onPrint(view, paper)}>
        {t('export.print.submit')}
      </button>
    </section>
  );
}
