import type { Plugin } from 'vite';

type Transform = (this: { warn(message: string): void }, code: string, id: string) => string | null;

/** Runs a build step's `transform` (vite.config.ts) on a module's code, with the warnings it gives. */
export function transformWith(plugin: Plugin, code: string, id: string) {
  const warnings: string[] = [];
  const hook = plugin.transform as Transform;
  const result = hook.call({ warn: (message) => warnings.push(message) }, code, id);
  return { result, warnings };
}
