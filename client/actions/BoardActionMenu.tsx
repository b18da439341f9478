import type React from 'react';
import { type ReactNode, useEffect, useId, useLayoutEffect, useRef, useState } from 'react';
import { useI18n } from '../i18n/I18nProvider';
import { ChevronDownIcon } from '../ui/icons/headerIcons';
import { useActionEnv } from './ActionEnvContext';
import { ActionItemContent } from './ActionItemContent';
import { onMenuKeys } from './menuKeys';
import { menuBoardActions } from './registry';
import type { BoardAction } from './types';

/**
 * A header menu of board actions (WAI-ARIA menu button): Enter, Space or ArrowDown open it on its first item,
 * ArrowUp on its last; arrows, Home and End move; Enter runs; Escape or Tab closes it back to its button. The
 * menu is rendered only while open, with the actions that apply when it opens (role, lock).
 */
export function BoardActionMenu({
  menu,
  label,
  icon,
}: {
  menu: NonNullable<BoardAction['menu']>;
  label: string;
  icon: ReactNode;
}) {
  const { t } = useI18n();
  const currentEnv = useActionEnv();
  const button = useRef<HTMLButtonElement>(null);
  const list = useRef<HTMLDivElement>(null);
  const menuId = useId();
  const [open, setOpen] = useState<{ items: BoardAction[]; focus: 'first' | 'last' } | null>(null);

  const openMenu = (focus: 'first' | 'last') => setOpen({ items: menuBoardActions(currentEnv(), menu), focus });
  const close = () => {
    setOpen(null);
    button.current?.focus();
  };

  useLayoutEffect(() => {
    if (!open) return;
    const items = list.current?.querySelectorAll<HTMLElement>('[role^="menuitem"]');
    items?.[open.focus === 'first' ? 0 : items.length - 1]?.focus();
  }, [open]);

  // A press outside closes it, leaving the focus where the press puts it.
  useEffect(() => {
    if (!open) return;
    const onPointerDown = (event: PointerEvent) => {
      const target = event.target;
      if (target instanceof Node && !list.current?.contains(target) && !button.current?.contains(target)) {
        setOpen(null);
      }
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [open]);

  function onButtonKeyDown(event: React.KeyboardEvent) {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    event.preventDefault();
    openMenu(event.key === 'ArrowDown' ? 'first' : 'last');
  }

  function onMenuKeyDown(event: React.KeyboardEvent) {
    onMenuKeys(event, list.current, close);
  }

  function run(action: BoardAction) {
    // Closed first, with the focus on the button: a dialog the action opens gives the focus back there.
    close();
    const env = currentEnv();
    if (action.predicate(env, null)) action.perform(env, null);
    else env.ui.notify({ message: t('action.notAvailable', { action: t(action.labelKey) }), tone: 'error' });
  }

  return (
    <div className="header-menu">
      <button
        ref={button}
        type="button"
        className="header-menu-button"
        aria-haspopup="menu"
        aria-expanded={open !== null}
        aria-controls={open ? menuId : undefined}
        onClick={() => (open ? setOpen(null) : openMenu('first'))}
        onKeyDown={onButtonKeyDown}
      >
        {icon}
        <span>{label}</span>
        <ChevronDownIcon />
      </button>
      {open && (
        <div
          ref={list}
          id={menuId}
          role="menu"
          aria-label={label}
          className="header-menu-list"
          onKeyDown={onMenuKeyDown}
        >
          {open.items.map((action) => {
            const checked = action.checked?.(currentEnv(), null);
            return (
              <MenuItem key={action.id} checked={checked} shortcut={action.shortcut?.label} onClick={() => run(action)}>
                <ActionItemContent
                  actionId={action.id}
                  label={t(action.labelKey)}
                  checked={checked}
                  shortcut={action.shortcut?.label}
                />
              </MenuItem>
            );
          })}
        </div>
      )}
    </div>
  );
}

/** One item: a menuitem, or a menuitemcheckbox for a switch (一覧). */
function MenuItem({
  checked,
  shortcut,
  onClick,
  children,
}: {
  checked: boolean | undefined;
  shortcut: string | undefined;
  onClick: () => void;
  children: ReactNode;
}) {
  const common = {
    type: 'button' as const,
    tabIndex: -1,
    'aria-keyshortcuts': shortcut,
    className: 'note-menu-item',
    onClick,
  };
  return checked === undefined ? (
    <button role="menuitem" {...common}>
      {children}
    </button>
  ) : (
    <button role="menuitemcheckbox" aria-checked={checked} {...common}>
      {children}
    </button>
  );
}
