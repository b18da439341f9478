import { createContext, useContext } from 'react';
import type { ActionEnv } from './types';

/**
 * The actions' environment as it is now, for the controls above the note layer that list or run board actions
 * (the ファシリテーター menu, 一覧 and 全体表示). It is kept apart from `ui/ActionsContext` because notes read
 * that one and sit below the actions layer.
 */
export const ActionEnvContext = createContext<(() => ActionEnv) | null>(null);

export function useActionEnv(): () => ActionEnv {
  const value = useContext(ActionEnvContext);
  if (!value) throw new Error('useActionEnv outside ActionsHost');
  return value;
}
