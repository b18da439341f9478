import { useCallback, useRef, useState } from 'react';
import type { Toast } from './ui';

const TOAST_MS = 8000;

export function useToasts() {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const nextId = useRef(1);
  const dismiss = useCallback((id: number) => setToasts((list) => list.filter((t) => t.id !== id)), []);
  const notify = useCallback(
    (toast: Omit<Toast, 'id'>) => {
      const id = nextId.current++;
      setToasts((list) => [...list.slice(-2), { ...toast, id }]);
      // A message with an action (undo) stays until used or dismissed: a keyboard or screen-reader user
      // needs time to reach it. Plain messages go after a while.
      if (!toast.action) window.setTimeout(() => dismiss(id), TOAST_MS);
    },
    [dismiss],
  );
  const [announcement, setAnnouncement] = useState({ text: '', serial: 0 });
  const announce = useCallback((text: string) => setAnnouncement((a) => ({ text, serial: a.serial + 1 })), []);
  return { toasts, notify, dismiss, announcement, announce };
}
