import { readLocal, writeLocal } from './localStore';

/**
 * The display name this browser gives on boards (shown to others, asked once). Apart from identity.ts so that
 * the page's first, small script (main.tsx) can read it without loading the records behind the rest.
 */
const NAME_KEY = 'board.identity.name';

export function loadDisplayName(): string | null {
  const name = readLocal(NAME_KEY)?.trim();
  return name ? name : null;
}

export function saveDisplayName(name: string): void {
  writeLocal(NAME_KEY, name.trim());
}
