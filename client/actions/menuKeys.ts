import type React from 'react';

/**
 * The keys of an open menu (WAI-ARIA menu pattern), for the note's menu and the header's menus alike: arrows move
 * round the items, Home and End go to the first and last, Escape or Tab closes it. Returns nothing; the event is
 * consumed only when it was one of these keys.
 */
export function onMenuKeys(event: React.KeyboardEvent, list: HTMLElement | null, close: () => void): void {
  const items = [...(list?.querySelectorAll<HTMLElement>('[role^="menuitem"]') ?? [])];
  const index = items.indexOf(document.activeElement as HTMLElement);
  const move = (to: number) => items[(to + items.length) % items.length]?.focus();
  if (event.key === 'ArrowDown') move(index + 1);
  else if (event.key === 'ArrowUp') move(index - 1);
  else if (event.key === 'Home') move(0);
  else if (event.key === 'End') move(items.length - 1);
  else if (event.key === 'Escape' || event.key === 'Tab') close();
  else return;
  event.preventDefault();
  event.stopPropagation();
}
