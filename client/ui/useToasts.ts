import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { createStore, type ReadStore, useStore } from '../lib/store';
import type { Toast } from './boardUi';

/** How long a message stays on screen while nobody points at it or focuses into it. */
export const TOAST_MS = 10_000;
/** How many messages the message log keeps (this tab only, never stored). */
const LOG_MAX = 20;
/** How many toasts are on screen at once; older ones stay in the log. */
const SHOWN_MAX = 3;

/** A message as the log keeps it: `shown` while it is a toast; its action is dropped once used. */
export interface LoggedMessage extends Toast {
  at: number;
  shown: boolean;
}

export interface MessageLog {
  messages: ReadStore<readonly LoggedMessage[]>;
  /** Runs a message's action once (from its toast or from the log) and closes its toast. */
  runAction: (id: number) => void;
}

/**
 * Toasts close by themselves after TOAST_MS, the ones with an undo included (a toast that stays covers the
 * board; the undo stays reachable in the message log, in ごみ箱 and through 元に戻す). While the pointer is on
 * the toasts or the focus is in them, every timer pauses, so a keyboard or screen-reader user reaching the
 * button is never raced; they resume with the time that was left.
 */
export function useToasts() {
  const [messages] = useState(() => createStore<readonly LoggedMessage[]>([]));
  const nextId = useRef(1);
  const timers = useRef(new Map<number, { handle: number | null; deadline: number; left: number }>());
  const held = useRef(false);

  const update = useCallback(
    (id: number, change: (message: LoggedMessage) => LoggedMessage) =>
      messages.set(messages.get().map((message) => (message.id === id ? change(message) : message))),
    [messages],
  );
  const dismiss = useCallback(
    (id: number) => {
      const timer = timers.current.get(id);
      if (timer?.handle) window.clearTimeout(timer.handle);
      timers.current.delete(id);
      update(id, (message) => ({ ...message, shown: false }));
    },
    [update],
  );
  const start = useCallback(
    (id: number, ms: number) => {
      const handle = window.setTimeout(() => dismiss(id), ms);
      timers.current.set(id, { handle, deadline: Date.now() + ms, left: ms });
    },
    [dismiss],
  );
  const hold = useCallback(
    (on: boolean) => {
      if (held.current === on) return;
      held.current = on;
      for (const [id, timer] of timers.current) {
        if (on && timer.handle !== null) {
          window.clearTimeout(timer.handle);
          timers.current.set(id, { handle: null, deadline: 0, left: Math.max(0, timer.deadline - Date.now()) });
        } else if (!on && timer.handle === null) {
          start(id, timer.left);
        }
      }
    },
    [start],
  );
  const notify = useCallback(
    (toast: Omit<Toast, 'id'>) => {
      const id = nextId.current++;
      const list = [...messages.get(), { ...toast, id, at: Date.now(), shown: true }];
      const shown = list.filter((message) => message.shown);
      // Older toasts leave the screen (not the log) when a fourth comes.
      for (const old of shown.slice(0, -SHOWN_MAX)) {
        const timer = timers.current.get(old.id);
        if (timer?.handle) window.clearTimeout(timer.handle);
        timers.current.delete(old.id);
      }
      const tooMany = new Set(shown.slice(0, -SHOWN_MAX).map((message) => message.id));
      messages.set(
        list.slice(-LOG_MAX).map((message) => (tooMany.has(message.id) ? { ...message, shown: false } : message)),
      );
      if (held.current) timers.current.set(id, { handle: null, deadline: 0, left: TOAST_MS });
      else start(id, TOAST_MS);
    },
    [messages, start],
  );
  const runAction = useCallback(
    (id: number) => {
      const message = messages.get().find((m) => m.id === id);
      if (!message?.action) return;
      const { run } = message.action;
      dismiss(id);
      // Used once: an undo run twice would restore what the person meanwhile deleted again.
      update(id, ({ action: _used, ...rest }) => rest);
      run();
    },
    [messages, dismiss, update],
  );
  useEffect(() => {
    const all = timers.current;
    return () => {
      for (const timer of all.values()) if (timer.handle) window.clearTimeout(timer.handle);
    };
  }, []);

  const all = useStore(messages);
  const toasts = useMemo(() => all.filter((message) => message.shown), [all]);
  const log = useMemo<MessageLog>(() => ({ messages, runAction }), [messages, runAction]);
  const [announcement, setAnnouncement] = useState({ text: '', serial: 0 });
  const announce = useCallback((text: string) => setAnnouncement((a) => ({ text, serial: a.serial + 1 })), []);
  return { toasts, notify, dismiss, hold, log, announcement, announce };
}
