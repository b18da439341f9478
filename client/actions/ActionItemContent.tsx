import { CheckIcon } from '../ui/icons';
import { ACTION_ICONS } from './actionIcons';

/**
 * What a menu item of an action shows, in the note's menu and the header's menus alike: its icon, its label,
 * a tick when it is a checkbox item, and its shortcut key.
 */
export function ActionItemContent({
  actionId,
  label,
  checked,
  shortcut,
}: {
  actionId: string;
  label: string;
  checked: boolean | undefined;
  shortcut: string | undefined;
}) {
  const Glyph = ACTION_ICONS[actionId];
  return (
    <>
      {Glyph && <Glyph />}
      <span className="note-menu-label">{label}</span>
      {checked !== undefined && (
        <span className="note-menu-check">
          <CheckIcon />
        </span>
      )}
      {shortcut && (
        <span className="shortcut" aria-hidden="true">
          {shortcut}
        </span>
      )}
    </>
  );
}
