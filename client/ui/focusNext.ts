const CONTROLS =
  'button:not([disabled]), a[href], input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), [tabindex="0"]';

/**
 * The first usable control after `anchor` in the page's order, else the last one before it; in the same dialog
 * as `anchor` (or outside every dialog), since a dialog's controls leave with it.
 */
export function nextControlAfter(anchor: Element): HTMLElement | null {
  const scope = anchor.closest('dialog');
  const usable = [...document.querySelectorAll<HTMLElement>(CONTROLS)].filter(
    (element) =>
      !anchor.contains(element) &&
      element.closest('dialog') === scope &&
      element.closest('[inert]') === null &&
      element.checkVisibility(),
  );
  const after = usable.find((element) => anchor.compareDocumentPosition(element) & Node.DOCUMENT_POSITION_FOLLOWING);
  return after ?? usable.at(-1) ?? null;
}

/**
 * Focus to the next usable control: for when the control a person pressed went away or can no longer be used,
 * so the focus never falls to the page (the next Tab would start again from the top).
 */
export function focusNextControl(anchor: Element): void {
  nextControlAfter(anchor)?.focus();
}
