import type React from 'react';
import { useEffect, useId, useLayoutEffect, useRef, useState } from 'react';
import { shorten } from '../lib/shorten';
import type { OpenMenu } from '../ui/ActionsContext';
import { ActionItemContent } from './ActionItemContent';
import { focusNoteSoon } from './focus';
import { onMenuKeys } from './menuKeys';
import { NOTE_ACTIONS, noteTargetOf, runNoteAction } from './registry';
import type { ActionEnv } from './types';

const MENU_WIDTH = 240;

/** The open menu of `NoteMenu` (loaded when a note's menu first opens, `lazyDialogs.ts`). */
export function OpenNoteMenu({ menu, env, onClose }: { menu: OpenMenu; env: ActionEnv; onClose: () => void }) {
  const { t } = env;
  const box = useRef<HTMLDivElement>(null);
  const list = useRef<HTMLDivElement>(null);
  const labelId = useId();
  const actions = NOTE_ACTIONS.filter((action) => menu.actionIds.includes(action.id));
  const target = noteTargetOf(env, menu.noteId);
  // Where the button was when the menu opened (it stays there if the note goes meanwhile).
  const [rect] = useState(() => menu.button.getBoundingClientRect());
  const left = Math.max(4, Math.min(rect.right - MENU_WIDTH, window.innerWidth - MENU_WIDTH - 4));

  useLayoutEffect(() => {
    // Below the button, or above it when the window has no room left below.
    const element = box.current;
    if (element && rect.bottom + element.offsetHeight > window.innerHeight - 4) {
      element.style.top = `${Math.max(4, rect.top - element.offsetHeight - 2)}px`;
    }
    list.current?.querySelector<HTMLElement>('[role^="menuitem"]')?.focus();
  }, [rect]);

  /** Closes the menu and gives the focus back to the note (or where an action sends it afterwards). */
  const closeToNote = () => {
    onClose();
    const note = document.querySelector<HTMLElement>(`li[data-note-id="${CSS.escape(menu.noteId)}"]`);
    if (note) note.focus();
    else focusNoteSoon(menu.noteId);
  };

  // A press outside closes it without taking the focus anywhere (the press puts it where it wants).
  useEffect(() => {
    const onPointerDown = (event: PointerEvent) => {
      if (event.target instanceof Node && !box.current?.contains(event.target) && !menu.button.contains(event.target))
        onClose();
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [menu.button, onClose]);

  function onKeyDown(event: React.KeyboardEvent) {
    onMenuKeys(event, list.current, closeToNote);
  }

  return (
    <div ref={box} className="note-menu" style={{ top: rect.bottom + 2, left, width: MENU_WIDTH }}>
      <p id={labelId} className="note-menu-title">
        {t('noteMenu.label', { text: shorten(menu.text, 24) })}
      </p>
      <div ref={list} role="menu" aria-labelledby={labelId} onKeyDown={onKeyDown} tabIndex={-1}>
        {actions.map((action) => {
          const checked = action.checked && target ? action.checked(env, target) : undefined;
          const content = (
            <ActionItemContent
              key={action.id}
              actionId={action.id}
              label={t(action.labelKey)}
              checked={checked}
              shortcut={action.shortcut?.label}
            />
          );
          const common = {
            type: 'button' as const,
            tabIndex: -1,
            'aria-keyshortcuts': action.shortcut?.label,
            className: `note-menu-item ${action.id === 'note.delete' ? 'note-menu-danger' : ''}`,
            onClick: () => {
              closeToNote();
              runNoteAction(env, action, menu.opened);
            },
          };
          return checked === undefined ? (
            <button key={action.id} role="menuitem" {...common}>
              {content}
            </button>
          ) : (
            <button key={action.id} role="menuitemcheckbox" aria-checked={checked} {...common}>
              {content}
            </button>
          );
        })}
      </div>
    </div>
  );
}
