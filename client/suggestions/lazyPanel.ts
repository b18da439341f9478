import { onDemand } from '../ui/onDemand';

/** The panel is loaded when first opened (see `ui/onDemand.tsx`): same name and props as the panel. */
export const SuggestionsPanel = onDemand(() => import('./SuggestionsPanel').then((m) => m.SuggestionsPanel));
