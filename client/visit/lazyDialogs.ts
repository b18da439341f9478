import { onDemand } from '../ui/onDemand';

/** Dialogs of this folder loaded when first shown (see `ui/onDemand.tsx`): same names and props as the dialogs. */
export const VisitDialog = onDemand(() => import('./VisitSummary').then((m) => m.VisitDialog));
export const ToYouDialog = onDemand(() => import('./ToYouDialog').then((m) => m.ToYouDialog));
