import { normalizeText, termKey } from './normalize.js';
import { extractSynonyms, synonymOf } from './synonyms.js';

/** What we read of a kuromoji token (IPADIC features); a structural type, so tests pass the real tokenizer. */
export interface Token {
  surface_form: string;
  pos: string;
  pos_detail_1: string;
  basic_form: string;
  word_type: string;
}
export type Tokenize = (text: string) => Token[];

/** A note's terms: key → how often, and the word shown for each key (in titles and `terms`). */
export interface NoteTerms {
  counts: Map<string, number>;
  shown: Map<string, string>;
  /** Keys of verbs and adjectives: they tie notes together but name no topic, so titles leave them out. */
  predicates?: Set<string>;
  /**
   * How each key is written in the note (its normalised text: NFKC, lower case), for highlighting: 押印's key in
   * 「ﾊﾝｺをもらう」 is written ハンコ.
   */
  spellings?: Map<string, string[]>;
}

/**
 * Words that carry no topic: light verbs and formal nouns (する, ある, こと, ため) and the commonest adjectives.
 * Keys, as termKey gives them (kana folded to katakana).
 */
const STOP_WORDS = new Set(
  [
    'する',
    'ある',
    'いる',
    'なる',
    'できる',
    'れる',
    'られる',
    'せる',
    'させる',
    'いう',
    'おる',
    'くる',
    'いく',
    'こと',
    'ため',
    'もの',
    'よう',
    'ところ',
    'とき',
    'ほう',
    'それ',
    'これ',
    '多い',
    'ない',
    'よい',
    'いい',
    '思う',
    '行う',
    'やる',
    '方',
    '化',
    '等',
    '的',
    '中',
    '際',
    '以上',
    '以下',
    '全体',
    'the',
    'a',
    'an',
    'is',
    'are',
    'be',
    'not',
    'no',
    'to',
    'of',
    'and',
    'or',
    'in',
    'on',
    'for',
    'it',
    'up',
    'at',
    'too',
    'we',
    'can',
    'cannot',
    'should',
    'from',
    'with',
    'by',
    'this',
    'that',
    'there',
    'many',
    'much',
    'very',
    'our',
    'has',
    'have',
    'do',
    'does',
  ].map(termKey),
);

/** Nouns of these kinds carry no topic: dependent nouns (こと), pronouns, numbers, suffixes, adverb-like nouns. */
const SKIPPED_NOUNS = new Set(['非自立', '代名詞', '数', '接尾', '副詞可能', '特殊']);

/** Character n-grams of unknown words are marked so they never meet a word's key. */
export const NGRAM_MARK = '#';

function isContentWord(token: Token): boolean {
  if (token.pos === '名詞') return !SKIPPED_NOUNS.has(token.pos_detail_1);
  if (token.pos === '動詞' || token.pos === '形容詞') return token.pos_detail_1 === '自立';
  return false;
}

const LATIN = /^[a-z0-9.\-_]+$/u;

/** Only symbols, digits or punctuation: nothing to group by (emoji, URLs' pieces, 100%). */
const NO_LETTER = /^[\p{P}\p{S}\p{N}\s]*$/u;

/**
 * The content words of a note (nouns, verbs and adjectives as base forms, stop words dropped), each folded to
 * its key and through the synonym list, plus the character bigrams of words the dictionary does not know (a
 * typo such as オンラン still shares ラン with オンライン, a new loanword its pieces).
 */
export function noteTerms(tokenize: Tokenize, text: string): NoteTerms {
  const counts = new Map<string, number>();
  const shown = new Map<string, string>();
  const predicates = new Set<string>();
  const spellings = new Map<string, string[]>();
  const add = (key: string, word: string, spelling: string | null) => {
    counts.set(key, (counts.get(key) ?? 0) + 1);
    if (!shown.has(key)) shown.set(key, word);
    if (spelling === null) return;
    const known = spellings.get(key);
    if (!known) spellings.set(key, [spelling]);
    else if (!known.includes(spelling)) known.push(spelling);
  };
  // URLs are addresses, not words: a note of links alone gives no terms.
  const { found, rest } = extractSynonyms(normalizeText(text).replace(/https?:\/\/\S+/gu, ' '));
  for (const { spelling, words } of found) for (const word of words) add(termKey(word), word, spelling);
  if (rest.replace(/[、\s]/gu, '') === '') return { counts, shown, predicates, spellings };
  for (const token of tokenize(rest)) {
    if (!isContentWord(token) || NO_LETTER.test(token.surface_form)) continue;
    const word = token.basic_form && token.basic_form !== '*' ? token.basic_form : token.surface_form;
    const key = termKey(word);
    if (STOP_WORDS.has(key)) continue;
    const synonym = synonymOf(key);
    if (synonym !== null) {
      for (const listed of synonym) add(termKey(listed), listed, token.surface_form);
      continue;
    }
    add(key, word, token.surface_form);
    if (token.pos !== '名詞') predicates.add(key);
    // Latin words are whole words (an English note, a product name): their bigrams would tie any two of them.
    if (token.word_type === 'UNKNOWN' && [...key].length > 2 && !LATIN.test(key)) {
      const chars = [...key];
      for (let i = 0; i + 2 <= chars.length; i++) add(NGRAM_MARK + chars[i]! + chars[i + 1]!, word, null);
    }
  }
  return { counts, shown, predicates, spellings };
}
