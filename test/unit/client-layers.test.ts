import { describe, expect, it } from 'vitest';
import { CLIENT_LAYERS, clientLayerViolations, importsOf, importViolation } from '../tools/clientLayers.js';

describe("the client's layers", () => {
  it('finds static, re-exported, side-effect and dynamic imports, and not those in comments', () => {
    const source = [
      "import { a } from './a';",
      'import type {',
      '  B,',
      "} from '../b/b';",
      "export { c } from './c';",
      "import './d.css';",
      "const E = lazy(() => import('../e/E'));",
      "// import { f } from '../f/f';",
    ].join('\n');
    expect(importsOf(source)).toEqual(['./a', '../b/b', './c', './d.css', '../e/E']);
  });

  it('refuses an import from a higher layer and from the server, and allows shared/ and lower layers', () => {
    expect(importViolation('client/notes/NoteCard.tsx', '../board/BoardView')).toMatch(/higher layer/);
    expect(importViolation('client/session/session.ts', '../voting/votingChannel')).toMatch(/higher layer/);
    expect(importViolation('client/ui/ConfirmDialog.tsx', '../../server/main')).toMatch(/server\//);
    expect(importViolation('client/notes/NoteCard.tsx', '../ui/IconButton')).toBeNull();
    expect(importViolation('client/notes/NoteCard.tsx', '../../shared/ops/notes')).toBeNull();
    expect(importViolation('client/notes/dnd/dropTarget.ts', '../NoteCard')).toBeNull();
    expect(importViolation('client/board/BoardView.tsx', '../notes/Lane')).toBeNull();
    expect(importViolation('client/nowhere/x.ts', '../ui/ime')).toMatch(/no layer/);
  });

  it('names every folder in one layer only', () => {
    const folders = CLIENT_LAYERS.flat();
    expect(new Set(folders).size).toBe(folders.length);
  });

  it('has no import in client/ running from a lower layer up (nothing below the shell imports board/)', () => {
    expect(clientLayerViolations()).toEqual([]);
  });
});
