import { flushSync } from 'react-dom';
import type { Store } from '../lib/store';
import type { BoardViewName } from '../ui/boardViews';

/** The views laid out for paper (print.css), and the paper sizes offered. */
export const PRINTABLE_VIEWS = ['board', 'matrix'] as const satisfies BoardViewName[];
export type PrintableView = (typeof PRINTABLE_VIEWS)[number];
export const PAPER_SIZES = ['a4', 'a3'] as const;
export type PaperSize = (typeof PAPER_SIZES)[number];

/**
 * Opens the chosen view and the browser's print dialog. The view is rendered synchronously first, so the
 * printout shows it; the paper size is an attribute on <html> that print.css turns into a named @page for
 * as long as the print dialog is open.
 */
export function printView(viewStore: Store<BoardViewName>, view: PrintableView, paper: PaperSize): void {
  flushSync(() => viewStore.set(view));
  const root = document.documentElement;
  root.dataset.printPaper = paper;
  window.addEventListener('afterprint', () => delete root.dataset.printPaper, { once: true });
  window.print();
}
