import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { batchDndKitDroppableRegistration } from '../../vite.config.js';

const DND_KIT = resolve('node_modules/@dnd-kit/core/dist/core.esm.js');

type Transform = (this: { warn(message: string): void }, code: string, id: string) => string | null;

function transform(code: string, id: string) {
  const warnings: string[] = [];
  const hook = batchDndKitDroppableRegistration().transform as Transform;
  const result = hook.call({ warn: (message) => warnings.push(message) }, code, id);
  return { result, warnings };
}

describe('the build step batching dnd-kit droppable registrations', () => {
  it('applies to the installed @dnd-kit/core (a dnd-kit upgrade that changes its code fails here)', () => {
    const { result, warnings } = transform(readFileSync(DND_KIT, 'utf8'), DND_KIT);
    expect(warnings).toEqual([]);
    expect(result).toContain("case 'registerDroppables':");
    expect(result).toContain('batchDroppableRegistrations(dispatchOne)');
  });

  it('leaves other modules alone, and warns instead of breaking a dnd-kit it does not recognise', () => {
    expect(transform('export const x = 1;', resolve('client/main.tsx')).result).toBeNull();
    const changed = transform('export const x = 1;', DND_KIT);
    expect(changed.result).toBeNull();
    expect(changed.warnings).toEqual(['@dnd-kit/core changed: droppable registrations are not batched']);
  });
});
