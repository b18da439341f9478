/** Longest note text, in characters (UTF-16 code units, as Y.Text counts them). */
export const NOTE_TEXT_MAX = 2000;
/** Longest pillar title, lane label and board title. */
export const TITLE_MAX = 100;
/** Largest websocket frame the server accepts, in bytes. Bigger frames close the connection with 4413. */
export const MAX_FRAME_BYTES = 1024 * 1024;
/**
 * Largest update our client puts in one frame (client/session/serverChannel.ts splits bigger ones), well under
 * MAX_FRAME_BYTES; the server refuses a configured frame limit below it, or our client could not send.
 */
export const MAX_UPDATE_PIECE_BYTES = MAX_FRAME_BYTES / 4;
/** Board ids are nanoid(12) strings; anything else in a room name is refused with 4400. */
export const BOARD_ID_PATTERN = /^[A-Za-z0-9_-]{8,32}$/;
/** Longest display name of a person (roster member or guest). */
export const PERSON_NAME_MAX = 50;
/** A named snapshot's name: 1–100 characters after trimming. */
export const SNAPSHOT_NAME_MAX = 100;
/** Longest comment, in characters (UTF-16 code units). */
export const COMMENT_TEXT_MAX = 1000;
