import { onDemand } from '../ui/onDemand';

/** Dialogs of this folder loaded when first shown (see `ui/onDemand.tsx`): same names and props as the dialogs. */
export const MoveDialog = onDemand(() => import('./MoveDialog').then((m) => m.MoveDialog));
export const TrashDialog = onDemand(() => import('./TrashDialog').then((m) => m.TrashDialog));
