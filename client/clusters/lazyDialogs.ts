import { onDemand } from '../ui/onDemand';

/** Dialogs of this folder loaded when first shown (see `ui/onDemand.tsx`): same names and props as the dialogs. */
export const ClusterMoveDialog = onDemand(() => import('./ClusterMoveDialog').then((m) => m.ClusterMoveDialog));
export const GroupDialog = onDemand(() => import('./GroupDialog').then((m) => m.GroupDialog));
