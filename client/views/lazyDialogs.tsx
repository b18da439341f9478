import { type ComponentType, type JSX, lazy } from 'react';
import { LazyDialog, LazyView } from './lazyViews';

/**
 * Dialogs opened now and then (and the landing page, which a board page never shows), loaded when first
 * shown: the initial JavaScript of a board page stays within its budget (docs/benchmarks.md), and the page
 * opens sooner. Each is used as the dialog itself (same name, same props); the service worker caches their
 * chunks with the page (client/sw.ts), so they open offline too.
 */
function onDemand<P extends object>(load: () => Promise<ComponentType<P>>, Frame = LazyDialog) {
  const Code = lazy(() => load().then((component) => ({ default: component })));
  return function LoadedOnDemand(props: P & JSX.IntrinsicAttributes) {
    return (
      <Frame>
        <Code {...props} />
      </Frame>
    );
  };
}

export const SettingsDialog = onDemand(() => import('../board/SettingsDialog').then((m) => m.SettingsDialog));
export const PeopleDialog = onDemand(() => import('../board/PeopleDialog').then((m) => m.PeopleDialog));
export const AuditDialog = onDemand(() => import('../board/AuditDialog').then((m) => m.AuditDialog));
export const MoveDialog = onDemand(() => import('../board/MoveDialog').then((m) => m.MoveDialog));
export const ClusterMoveDialog = onDemand(() => import('../board/ClusterMoveDialog').then((m) => m.ClusterMoveDialog));
export const MeetingPlanDialog = onDemand(() =>
  import('../facilitation/MeetingPlanDialog').then((m) => m.MeetingPlanDialog),
);
export const LandingPage = onDemand(() => import('../landing/LandingPage').then((m) => m.LandingPage), LazyView);
export const GroupDialog = onDemand(() => import('../board/GroupDialog').then((m) => m.GroupDialog));
export const CommandPalette = onDemand(() => import('../actions/CommandPalette').then((m) => m.CommandPalette));
export const ShortcutHelp = onDemand(() => import('../actions/ShortcutHelp').then((m) => m.ShortcutHelp));
