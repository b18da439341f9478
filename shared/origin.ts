/**
 * Transaction origin of every change made by this client's own user through a shared/ operation.
 * Y.UndoManager tracks only this origin, so undo never reverts a colleague's work.
 */
export const LOCAL_ORIGIN = Symbol.for('board.local');
