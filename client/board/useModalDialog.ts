import { useEffect, useRef } from 'react';

/**
 * A native <dialog> opened as a modal when the component mounts: the browser traps focus inside it, moves
 * focus to its first control, and closes it with Escape (the dialog's `cancel` event).
 */
export function useModalDialog() {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
  }, []);
  return dialog;
}
