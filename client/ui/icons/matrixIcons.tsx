import { Icon } from './Icon';

/*
 * The matrix cards' icons, in a file of their own so the board's icon set (index.tsx) and these change apart.
 * They replace 「↩」 and 「＋案」, which people did not read as buttons nor guess the meaning of.
 */

/** Back to the unplaced tray: an arrow going down into an open box. */
export const ReturnToTrayIcon = () => (
  <Icon>
    <path d="M4 13v6a1 1 0 0 0 1 1h14a1 1 0 0 0 1-1v-6" />
    <path d="M12 3v11M8 10l4 4 4-4" />
  </Icon>
);

/** Make an initiative (取組案): a page with a plus. */
export const NewInitiativeIcon = () => (
  <Icon>
    <path d="M14 3H6a1 1 0 0 0-1 1v16a1 1 0 0 0 1 1h12a1 1 0 0 0 1-1V8z" />
    <path d="M14 3v5h5M12 11v6M9 14h6" />
  </Icon>
);

/** An initiative already made from the item: a page with a tick. */
export const FedInitiativeIcon = () => (
  <Icon>
    <path d="M14 3H6a1 1 0 0 0-1 1v16a1 1 0 0 0 1 1h12a1 1 0 0 0 1-1V8z" />
    <path d="M14 3v5h5M9 15l2 2 4-4" />
  </Icon>
);
