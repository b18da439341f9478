import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { shown } from './harness';

/** Opens 書き出し・印刷 from the board header; returns the dialog. */
export async function openExportDialog(page: Page) {
  await page.getByRole('button', { name: '書き出し・印刷' }).click();
  const dialog = page.getByRole('dialog', { name: '書き出しと印刷' });
  await shown(dialog);
  return dialog;
}

/**
 * Presses one format's button in the open export dialog and returns the saved file's name and bytes; fails at
 * once with the dialog's message when the export is refused, rather than waiting for a download.
 */
export async function downloadFrom(page: Page, formatName: string | RegExp) {
  const dialog = page.getByRole('dialog', { name: '書き出しと印刷' });
  const downloading = page.waitForEvent('download');
  const failure = dialog.getByRole('status').filter({ hasText: '書き出せませんでした' });
  const before = await failure.count();
  await dialog.getByRole('button', { name: formatName }).click();
  const refused = failure.waitFor({ state: 'visible' }).then(async () => {
    throw new Error(`export refused: ${await failure.textContent()}`);
  });
  // A refusal shown before this click is not this one's.
  const download = before > 0 ? await downloading : await Promise.race([downloading, refused]);
  refused.catch(() => {});
  const bytes = readFileSync((await download.path()) ?? '');
  return { filename: download.suggestedFilename(), bytes };
}
