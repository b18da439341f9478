import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeShortStringsInScript } from '../../vite.config.js';
import { transformWith } from './buildStep';

const LIB0_DECODING = resolve('node_modules/lib0/decoding.js');

const transform = (code: string, id: string) => transformWith(decodeShortStringsInScript(), code, id);

/** Strings an update holds: keys, ids, Japanese note text, long text, edge lengths around the 48-byte cut. */
const STRINGS = [
  '',
  'a',
  'text',
  'pillarId',
  'note00042',
  'x'.repeat(47),
  'x'.repeat(48),
  'x'.repeat(200),
  '窓口の待ち時間が長い',
  `${'a'.repeat(40)}é`,
  'é',
  '🙂 emoji',
  `${'窓口'.repeat(300)}`,
  'tab\tand\nnewline\u0000nul\u007f',
];

describe('the build step that reads short ASCII strings of lib0 updates in script', () => {
  let dir: string;
  let transformed: typeof decoding;
  beforeAll(async () => {
    const { result, warnings } = transform(readFileSync(LIB0_DECODING, 'utf8'), LIB0_DECODING);
    expect(warnings).toEqual([]);
    expect(result).not.toBeNull();
    // The transformed module beside lib0's others, its imports pointing at them.
    dir = mkdtempSync(join(tmpdir(), 'lib0-decoding-'));
    const lib0 = pathToFileURL(resolve('node_modules/lib0')).href;
    const file = join(dir, 'decoding.mjs');
    writeFileSync(file, (result as string).replace(/from '\.\/([a-z0-9]+)\.js'/g, `from '${lib0}/$1.js'`));
    transformed = await import(pathToFileURL(file).href);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('applies to the installed lib0 (an upgrade that changes its code fails here)', () => {
    const { result } = transform(readFileSync(LIB0_DECODING, 'utf8'), LIB0_DECODING);
    expect(result).toContain('export const readVarString = string.utf8TextDecoder ? _readVarStringShortInScript');
  });

  it('reads every string as lib0 does, one after another in one buffer', () => {
    const encoder = encoding.createEncoder();
    for (const text of STRINGS) encoding.writeVarString(encoder, text);
    const bytes = encoding.toUint8Array(encoder);
    const ours = decoding.createDecoder(bytes);
    const theirs = transformed.createDecoder(bytes);
    for (const text of STRINGS) {
      expect(transformed.readVarString(theirs)).toBe(text);
      expect(decoding.readVarString(ours)).toBe(text);
    }
    expect(theirs.pos).toBe(bytes.length);
  });

  it('refuses a string cut short instead of reading past the update', () => {
    const encoder = encoding.createEncoder();
    encoding.writeVarString(encoder, 'pillarId');
    const cut = encoding.toUint8Array(encoder).slice(0, 5);
    expect(() => transformed.readVarString(transformed.createDecoder(cut))).toThrow('Unexpected end of array');
  });

  it('leaves other modules alone, and warns instead of breaking a lib0 it does not recognise', () => {
    expect(transform('export const x = 1;', resolve('client/main.tsx')).result).toBeNull();
    const changed = transform('export const x = 1;', LIB0_DECODING);
    expect(changed.result).toBeNull();
    expect(changed.warnings).toEqual(['lib0 changed: its strings are decoded as it does itself']);
  });
});
