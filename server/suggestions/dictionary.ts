import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import kuromoji from 'kuromoji';
import type { Tokenize } from './tokenize.js';

/**
 * Loads kuromoji's IPADIC dictionary, shipped inside the npm package (no download, so it works on a closed
 * network). It takes about 0.6–0.8 s and 90 MB, so the server loads it once, lazily, in the suggestions worker
 * (worker.ts), never on the main thread.
 */
export function loadTokenizer(): Promise<Tokenize> {
  const dicPath = join(dirname(createRequire(import.meta.url).resolve('kuromoji/package.json')), 'dict');
  return new Promise((resolve, reject) => {
    kuromoji.builder({ dicPath }).build((error, tokenizer) => {
      if (error) reject(error);
      else resolve((text) => tokenizer.tokenize(text));
    });
  });
}
