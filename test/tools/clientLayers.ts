import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

/**
 * The client's layers, lowest first: a file in client/ may import from its own folder, from a folder of its own
 * layer or of a lower one, from shared/ and from packages — never from a higher layer, and never from server/ or
 * test/. The one table of the rule (docs/architecture.md, "The client's folders"); checked by
 * test/unit/client-layers.test.ts, or by hand with `npx tsx test/tools/clientLayers.ts`.
 *
 * Why each folder sits where it does: what it composes. A folder missing here is refused, so a new folder gets
 * its place on purpose. `(root)` is client/main.tsx, client/boot.tsx and client/sw.ts, the entry points.
 */
export const CLIENT_LAYERS: readonly (readonly string[])[] = [
  // Foundations: stores, HTTP API, local storage, small text helpers; the UI language.
  ['lib', 'i18n'],
  // One open board (providers, the protocol's own messages, offline copy, pending changes, the stores every
  // view reads) and the UI kit (dialogs, IME, collaborative text, messages, the contexts the shell provides).
  ['session', 'ui'],
  // Features that compose nothing but the layers below (comments and visit marks use each other; settings holds
  // the suggestions' permission, the notes' entry field their duplicate hint). The plan view reads the plan's
  // overview from the server, nothing of the other features.
  ['comments', 'visit', 'facilitation', 'people', 'settings', 'history', 'export', 'landing', 'plan', 'suggestions'],
  // Items: the matrix places initiatives' cards; an initiative is made from the matrix's items.
  ['initiatives', 'matrix'],
  // Notes (a card shows comment counts, visit marks, the spotlight, the initiatives it fed), and the views
  // built on items: voting results, scoring (its sheet lists items as the ballot does), the shortlist, the
  // activity feed.
  ['notes', 'voting', 'scoring', 'shortlist', 'activity'],
  // Clusters hold note cards.
  ['clusters'],
  // The board's actions registry: its dialogs are the notes', clusters' and comments'.
  ['actions'],
  // The board's views (tabs, views and dialogs loaded on demand).
  ['views'],
  // The board page: the shell that composes everything above.
  ['board'],
  ['app'],
  ['(root)'],
];

export interface LayerViolation {
  /** The importing file, relative to the project (`client/notes/NoteCard.tsx`). */
  file: string;
  /** The import as written. */
  specifier: string;
  reason: string;
}

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** Every module a source file names: `import … from`, `import '…'`, `export … from`, `import(…)`. */
export function importsOf(source: string): string[] {
  return ts.preProcessFile(source, true, true).importedFiles.map((imported) => imported.fileName);
}

/** The client folder a path (relative to the project) lies in, `(root)` for client/'s own files, or null. */
export function clientFolderOf(path: string): string | null {
  const parts = path.split(sep).join('/').split('/');
  if (parts[0] !== 'client') return null;
  return parts.length > 2 ? parts[1]! : '(root)';
}

function layerIndex(folder: string): number {
  return CLIENT_LAYERS.findIndex((layer) => layer.includes(folder));
}

/** What is wrong with `file` (relative to the project) importing `specifier`, or null when it may. */
export function importViolation(file: string, specifier: string): string | null {
  if (!specifier.startsWith('.')) return null; // a package
  const from = clientFolderOf(file);
  const target = relative(projectRoot, resolve(projectRoot, dirname(file), specifier));
  const to = clientFolderOf(target);
  if (from === null) return null;
  if (to === null) {
    const top = target.split(sep)[0];
    return top === 'shared' ? null : `client code imports ${top}/ (only shared/ and packages are below client/)`;
  }
  if (to === from) return null;
  const fromLayer = layerIndex(from);
  const toLayer = layerIndex(to);
  if (fromLayer < 0) return `client/${from}/ has no layer in CLIENT_LAYERS (test/tools/clientLayers.ts)`;
  if (toLayer < 0) return `client/${to}/ has no layer in CLIENT_LAYERS (test/tools/clientLayers.ts)`;
  if (toLayer > fromLayer) return `${from} (layer ${fromLayer}) imports ${to}, a higher layer (${toLayer})`;
  return null;
}

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

/** Every import in client/**\/*.ts(x) that runs against the layers. */
export function clientLayerViolations(root = projectRoot): LayerViolation[] {
  const violations: LayerViolation[] = [];
  for (const path of sourceFiles(join(root, 'client'))) {
    const file = relative(root, path);
    for (const specifier of importsOf(readFileSync(path, 'utf8'))) {
      const reason = importViolation(file, specifier);
      if (reason) violations.push({ file, specifier, reason });
    }
  }
  return violations;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const violations = clientLayerViolations();
  for (const { file, specifier, reason } of violations) console.log(`${file}: '${specifier}': ${reason}`);
  console.log(violations.length === 0 ? 'client layers: no violation' : `${violations.length} violations`);
  process.exitCode = violations.length === 0 ? 0 : 1;
}
