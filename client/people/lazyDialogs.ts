import { onDemand } from '../ui/onDemand';

/** Dialogs of this folder loaded when first shown (see `ui/onDemand.tsx`): same names and props as the dialogs. */
export const PeopleDialog = onDemand(() => import('./PeopleDialog').then((m) => m.PeopleDialog));
export const AuditDialog = onDemand(() => import('./AuditDialog').then((m) => m.AuditDialog));
