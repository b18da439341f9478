const noteSelector = (noteId: string) => `li[data-note-id="${CSS.escape(noteId)}"]`;

/** Focus to a note once the page shows it (after a move to another lane its element is a new one). */
export function focusNoteSoon(noteId: string): void {
  requestAnimationFrame(() => document.querySelector<HTMLElement>(noteSelector(noteId))?.focus());
}

/**
 * The note is about to leave its list (deleted): focus goes to the next note, else the previous one, else the
 * lane's entry field (or the cluster card's first button). Found now, while the note is still on the page.
 */
export function focusNeighbourOf(noteId: string): void {
  const item = document.querySelector<HTMLElement>(noteSelector(noteId));
  if (!item) return;
  const next = item.nextElementSibling ?? item.previousElementSibling;
  const fallback =
    item.closest('.lane')?.querySelector<HTMLElement>('.quick-entry input') ??
    item.closest('.cluster-card')?.querySelector<HTMLElement>('button');
  const target = next instanceof HTMLElement && next.dataset.noteId ? next : fallback;
  target?.focus();
}

/** Focus into a note's editor once it is shown (the editor takes it itself only from nowhere or another editor). */
export function focusEditorSoon(noteId: string): void {
  requestAnimationFrame(() =>
    document.querySelector<HTMLElement>(`${noteSelector(noteId)} .note-editor textarea`)?.focus(),
  );
}
