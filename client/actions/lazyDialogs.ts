import { onDemand } from '../ui/onDemand';

/** Dialogs of this folder loaded when first shown (see `ui/onDemand.tsx`): same names and props as the dialogs. */
export const CommandPalette = onDemand(() => import('./CommandPalette').then((m) => m.CommandPalette));
export const ShortcutHelp = onDemand(() => import('./ShortcutHelp').then((m) => m.ShortcutHelp));
export const OpenNoteMenu = onDemand(() => import('./OpenNoteMenu').then((m) => m.OpenNoteMenu));
