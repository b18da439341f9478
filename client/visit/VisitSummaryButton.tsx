import { useRef, useState } from 'react';
import { useI18n } from '../i18n/I18nProvider';
import { nextControlAfter } from '../ui/focusNext';
import { VisitDialog } from './lazyDialogs';
import { useVisitChanges, useVisitTracker } from './VisitContext';

/** The header's 「前回から N件」, shown only when there is something: opens the list of changes since the last visit. */
export function VisitSummaryButton() {
  const { t } = useI18n();
  const tracker = useVisitTracker();
  const { changes } = useVisitChanges();
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  // Nothing new: no 「前回から0件」 in the header (the list stays open if it was, e.g. after 「すべて既読にする」).
  if (!tracker?.hasLastVisit || (changes.length === 0 && !open)) return null;
  const close = () => {
    // All read: this button leaves with the list, so the focus goes on to the next control rather than to
    // the page (found now, while the button is still there).
    const next = changes.length === 0 && button.current ? nextControlAfter(button.current) : null;
    setOpen(false);
    if (next) requestAnimationFrame(() => next.focus());
  };
  return (
    <>
      <button
        ref={button}
        type="button"
        className={`visit-count ${changes.length > 0 ? 'has-changes' : ''}`}
        aria-label={t('visit.countLabel', { count: changes.length })}
        onClick={() => setOpen(true)}
      >
        {t('visit.count', { count: changes.length })}
      </button>
      {open && <VisitDialog onClose={close} />}
    </>
  );
}
