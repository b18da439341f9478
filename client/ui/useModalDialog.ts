import { useEffect, useRef } from 'react';

/**
 * A native <dialog> opened as a modal when the component mounts: the browser traps focus inside it, moves
 * focus to its first control, and closes it with Escape (the dialog's `cancel` event). When the component
 * unmounts, focus goes back to where it was (the browser does that only for dialog.close(), not for a
 * dialog removed from the page).
 */
export function useModalDialog() {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (element && !element.open) element.showModal();
    return () => {
      if (element?.open) element.close();
      if (previous?.isConnected) previous.focus();
    };
  }, []);
  return dialog;
}
