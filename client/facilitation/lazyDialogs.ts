import { onDemand } from '../ui/onDemand';

/** Dialogs of this folder loaded when first shown (see `ui/onDemand.tsx`): same names and props as the dialogs. */
export const MeetingPlanDialog = onDemand(() => import('./MeetingPlanDialog').then((m) => m.MeetingPlanDialog));
export const MoveOnDialog = onDemand(() => import('./MoveOnDialog').then((m) => m.MoveOnDialog));
