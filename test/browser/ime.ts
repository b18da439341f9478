import type { Page } from 'playwright-core';

/**
 * Composes Japanese with a real IME session through the DevTools protocol: each of `steps` as the composition
 * (genuine compositionstart / compositionupdate events), then the Enter that confirms the conversion — a keydown
 * with keyCode 229 and `isComposing`, which must never submit anything — then `committed` as the final text.
 * `modifiers`: held with that Enter (2 = Ctrl).
 */
export async function composeJapanese(page: Page, steps: string[], committed: string, modifiers = 0): Promise<void> {
  const composition = await beginComposition(page, steps);
  await composition.commit(committed, modifiers);
}

/**
 * The first half of `composeJapanese`: the composition is left open (as while a person picks a conversion), so a
 * test can make a colleague's edit arrive meanwhile; `commit` confirms it as `composeJapanese` does.
 */
export async function beginComposition(
  page: Page,
  steps: string[],
): Promise<{ commit: (committed: string, modifiers?: number) => Promise<void> }> {
  const cdp = await page.context().newCDPSession(page);
  for (const text of steps) {
    await cdp.send('Input.imeSetComposition', { text, selectionStart: text.length, selectionEnd: text.length });
  }
  return {
    commit: async (committed, modifiers = 0) => {
      const enter = { windowsVirtualKeyCode: 229, nativeVirtualKeyCode: 229, key: 'Enter', code: 'Enter', modifiers };
      await cdp.send('Input.dispatchKeyEvent', { type: 'rawKeyDown', ...enter });
      await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', ...enter });
      await cdp.send('Input.insertText', { text: committed });
      await cdp.detach();
    },
  };
}
