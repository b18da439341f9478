/**
 * Text normalisation for the grouping suggestions (issue 19): what makes two spellings of one word the same key.
 * Pure functions, no dictionary: the tokeniser (tokenize.ts) runs on `normalizeText`'s output and folds each
 * word with `termKey`.
 */

const HIRAGANA_START = 0x3041;
const HIRAGANA_END = 0x3096;
/** Katakana is hiragana's code point plus this. */
const KANA_OFFSET = 0x60;

/**
 * NFKC folds full-width Latin and digits (ＲＰＡ → RPA, ２４ → 24) and half-width katakana (ﾊﾝｺ → ハンコ) into
 * the forms the dictionary knows; lower case makes RPA, Rpa and rpa one loanword. Runs of spaces become one, so
 * an English note tokenises into words.
 */
export function normalizeText(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/gu, ' ').trim();
}

/** Hiragana to katakana (はんこ → ハンコ): both spellings of a word give one key. Other characters are kept. */
export function toKatakana(text: string): string {
  let out = '';
  for (const char of text) {
    const code = char.codePointAt(0)!;
    out += code >= HIRAGANA_START && code <= HIRAGANA_END ? String.fromCodePoint(code + KANA_OFFSET) : char;
  }
  return out;
}

/** Katakana to hiragana (ハンコ → はんこ), to list both spellings of a synonym (synonyms.ts). */
export function toHiragana(text: string): string {
  let out = '';
  for (const char of text) {
    const code = char.codePointAt(0)!;
    const isKatakana = code >= HIRAGANA_START + KANA_OFFSET && code <= HIRAGANA_END + KANA_OFFSET;
    out += isKatakana ? String.fromCodePoint(code - KANA_OFFSET) : char;
  }
  return out;
}

/**
 * A word's final long vowel mark dropped (サーバー → サーバ, コンピューター → コンピュータ): the two are the JIS
 * and the newer spelling of the same loanword, and staff write both. Inner marks (ルール, ツール) are the word.
 */
export function foldLongVowel(word: string): string {
  return word.length > 2 && word.endsWith('ー') ? word.slice(0, -1) : word;
}

/** The key of a word: kana folded to katakana, a final long vowel mark dropped. */
export function termKey(word: string): string {
  return foldLongVowel(toKatakana(word));
}
