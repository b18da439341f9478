import { onDemand } from '../ui/onDemand';

/** Dialogs of this folder loaded when first shown (see `ui/onDemand.tsx`): same names and props as the dialogs. */
export const ActivityDialog = onDemand(() => import('./ActivityDialog').then((m) => m.ActivityDialog));
export const DigestDialog = onDemand(() => import('./DigestDialog').then((m) => m.DigestDialog));
export const ContributionDialog = onDemand(() => import('./ContributionDialog').then((m) => m.ContributionDialog));
