import { LazyView, onDemand } from '../ui/onDemand';

/** The landing page, which a board page never shows, loaded when first shown (see `ui/onDemand.tsx`). */
export const LandingPage = onDemand(() => import('./LandingPage').then((m) => m.LandingPage), LazyView);
