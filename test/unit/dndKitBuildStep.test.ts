import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { batchDndKitDroppableRegistration } from '../../vite.config.js';
import { transformWith } from './buildStep';

const DND_KIT = resolve('node_modules/@dnd-kit/core/dist/core.esm.js');

const transform = (code: string, id: string) => transformWith(batchDndKitDroppableRegistration(), code, id);

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
