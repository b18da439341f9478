import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useI18n } from '../i18n/I18nProvider';
import type { Toast } from './boardUi';

/**
 * Messages after an action (with an undo where there is one). The container is a live region that exists
 * from the start, so screen readers announce each new message. Toasts close by themselves (useToasts); the
 * pointer on them or the focus in them holds every timer.
 */
export function Toasts({
  toasts,
  onDismiss,
  onAction,
  onHold,
  announcement,
}: {
  toasts: readonly Toast[];
  onDismiss: (id: number) => void;
  onAction: (id: number) => void;
  onHold: (held: boolean) => void;
  announcement: { text: string; serial: number };
}) {
  const { t } = useI18n();
  const list = useRef<HTMLDivElement>(null);
  const side = useSideAwayFromFocus(list, toasts.length);
  const pointer = useRef(false);
  const focus = useRef(false);
  const holdNow = () => onHold(pointer.current || focus.current);
  /** Where the focus was before it came into the toasts: it goes back there when the toast it is in leaves. */
  const cameFrom = useRef<HTMLElement | null>(null);
  /** A toast closed by a press in it (its action or its ×): the focus must not fall to the page with it. */
  const closedFromInside = (toast: Toast, close: () => void) => {
    const hadFocus = list.current?.contains(document.activeElement) ?? false;
    close();
    if (hadFocus) refocusAfterToast(toast.action?.focusAfter, cameFrom.current);
  };
  // A toast closed under the pointer or the focus (its × or its action): a removed button fires no blur, so
  // whether the focus is still in the toasts is asked again; with none left, nothing can hold them.
  useEffect(() => {
    focus.current = list.current?.contains(document.activeElement) ?? false;
    if (toasts.length === 0) pointer.current = false;
    onHold(pointer.current || focus.current);
  }, [toasts.length, onHold]);
  return (
    <>
      {/* Keyed by serial so the same words twice ("note added") are announced twice. */}
      <div className="visually-hidden" role="status" aria-live="polite">
        <span key={announcement.serial}>{announcement.text}</span>
      </div>
      <div
        ref={list}
        className={`toasts toasts-${side}`}
        role="status"
        aria-live="polite"
        onPointerEnter={() => {
          pointer.current = true;
          holdNow();
        }}
        onPointerLeave={() => {
          pointer.current = false;
          holdNow();
        }}
        onFocus={(event) => {
          const from = event.relatedTarget;
          if (from instanceof HTMLElement && !event.currentTarget.contains(from)) cameFrom.current = from;
          focus.current = true;
          holdNow();
        }}
        onBlur={(event) => {
          focus.current = event.currentTarget.contains(event.relatedTarget as Node | null);
          holdNow();
        }}
      >
        {toasts.map((toast) => (
          <div key={toast.id} className={`toast ${toast.tone === 'error' ? 'toast-error' : ''}`}>
            <span>{toast.message}</span>
            {toast.action && (
              <button type="button" onClick={() => closedFromInside(toast, () => onAction(toast.id))}>
                {toast.action.label}
              </button>
            )}
            <button
              type="button"
              className="icon-button"
              aria-label={t('trash.close')}
              onClick={() => closedFromInside(toast, () => onDismiss(toast.id))}
            >
              ×
            </button>
          </div>
        ))}
      </div>
    </>
  );
}

/**
 * After a toast closed under the focus: to what its action brought back (the restored note, the group, the
 * initiative) once the board shows it, else back to where the focus came from, else to the message log.
 */
function refocusAfterToast(itemId: string | undefined, cameFrom: HTMLElement | null): void {
  const selector = itemId
    ? ['note', 'cluster', 'initiative'].map((kind) => `[data-${kind}-id="${CSS.escape(itemId)}"]`).join(', ')
    : null;
  let frames = 0;
  const attempt = () => {
    const item = selector ? document.querySelector<HTMLElement>(selector) : null;
    if (item) return item.focus();
    // The restored item may take a few frames to render (a view's code may still be loading).
    if (selector && ++frames < 30) return void requestAnimationFrame(attempt);
    if (document.activeElement !== document.body && document.activeElement !== null) return;
    const fallback = cameFrom?.isConnected ? cameFrom : document.querySelector<HTMLElement>('.message-log button');
    fallback?.focus();
  };
  requestAnimationFrame(attempt);
}

/**
 * The toasts sit at the bottom-left corner, the board's quietest place; when the element in focus (after an
 * action, the note or control just acted on: focus follows the action) is under that corner, they move to the
 * top-left corner instead. Measured against the focused element rather than reserving a strip of the screen,
 * because the board scrolls: any note can be under a fixed strip, but the one just acted on holds the focus.
 */
function useSideAwayFromFocus(list: React.RefObject<HTMLDivElement | null>, count: number): 'bottom' | 'top' {
  const [side, setSide] = useState<'bottom' | 'top'>('bottom');
  const measure = useCallback(() => {
    const box = list.current;
    const focused = document.activeElement;
    if (!box || !(focused instanceof HTMLElement) || focused === document.body || box.contains(focused)) return;
    const target = (focused.closest('li[data-note-id]') as HTMLElement | null) ?? focused;
    const rect = box.getBoundingClientRect();
    const own = target.getBoundingClientRect();
    // Where the toasts would be at the bottom, whichever side they are on now.
    const bottomTop = window.innerHeight - rect.height - 16;
    const overlaps =
      own.left < rect.right && own.right > rect.left && own.bottom > bottomTop && own.top < window.innerHeight;
    setSide(overlaps ? 'top' : 'bottom');
  }, [list]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: measured again whenever a toast comes or goes.
  useLayoutEffect(measure, [measure, count]);
  // The focused note also moves under the corner when the board scrolls or the window changes size.
  useEffect(() => {
    if (count === 0) return;
    let frame = 0;
    const soon = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(measure);
    };
    document.addEventListener('focusin', measure);
    document.addEventListener('scroll', soon, { capture: true, passive: true });
    window.addEventListener('resize', soon);
    return () => {
      cancelAnimationFrame(frame);
      document.removeEventListener('focusin', measure);
      document.removeEventListener('scroll', soon, { capture: true });
      window.removeEventListener('resize', soon);
    };
  }, [measure, count]);
  return side;
}
