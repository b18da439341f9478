/**
 * Text from the board made inert in the minutes memo (議事録メモ) WITHOUT backslash escapes: the memo is pasted
 * into minutes as plain text, where a `\-` or `http\://` would be read as typed. Instead, a character that would
 * start a Markdown construct (CommonMark with GitHub's extensions) is replaced by its full-width form, which
 * reads the same in Japanese text and means nothing to Markdown — and only where it would form a construct, so
 * ordinary text is left as typed. The rules (docs/api.md "Minutes memo"):
 *
 * - Start of every line: leading blanks are dropped (four of them would start a code block), and a first
 *   character that starts a block there becomes full-width: `#` of a heading (`# x`), `-` `+` `*` of a list item
 *   (followed by a blank), `>` (quote), `[` (link definition, task box), `<` before a letter, `/`, `!` or `?`
 *   (HTML), `|` (table), three backticks or tildes (code fence), and the first character of a line of only
 *   `-`, `=`, `*` or `_` (setext underline, thematic break): ＃ － ＋ ＊ ＞ ［ ＜ ｜ ｀ ～ ＝ ＿. A number followed by
 *   `.` or `)` and a blank (an ordered list) gets its first digit full-width (１. ). So 「-1」 or 「#タグ」 stay.
 * - Inside a line: `<` before a letter, `/`, `!` or `?` (HTML, autolinks) → ＜; the brackets of a link or image
 *   `[x](y)` → ［x］(y); `*`, `~` and backticks when the line has two or more of them (emphasis,
 *   strikethrough, code spans; counted again on the memo's whole line, see breakPairs) → ＊ ～ ｀; `_` likewise,
 *   except inside a word (snake_case stays); `&` starting an entity (`&amp;`) → ＆; a backslash before ASCII
 *   punctuation or at the end of a line → ＼.
 * - URLs (`http://`, `https://`, `www.`) are left exactly as typed, so they stay readable and can be copied.
 *   (A renderer with GitHub's extended autolinks may make one clickable; its text is unchanged.)
 */

const FULL_WIDTH: Record<string, string> = {
  '#': '＃',
  '-': '－',
  '*': '＊',
  '+': '＋',
  '>': '＞',
  '[': '［',
  ']': '］',
  '<': '＜',
  '|': '｜',
  '`': '｀',
  '=': '＝',
  '~': '～',
  _: '＿',
  '&': '＆',
  '\\': '＼',
};
const fullWidth = (c: string) => FULL_WIDTH[c] ?? c;

/** A block construct at the start of a line (CommonMark): its first character is the one changed. */
const LINE_START = [
  /^#{1,6}(\s|$)/, // ATX heading
  /^[-+*](\s|$)/, // bullet list item
  /^[>[|]/, // block quote, link reference definition or task box, table row
  /^<[A-Za-z/!?]/, // HTML block
  /^(`{3,}|~{3,})/, // code fence
  /^([-=*_])[\s\-=*_]*$/, // setext underline or thematic break (a line of those characters only)
];
const ORDERED_LIST = /^(\d)(\d{0,8}[.)](\s|$))/;
const URL = /(?:https?:\/\/|www\.)[^\s<>"'「」（）、。]+/gi;
const ASCII_PUNCTUATION = /[!-/:-@[-`{-~]/;
const WORD = /[\p{L}\p{N}]/u;

/** The parts of a line outside URLs, as [text, isUrl] pairs in order. */
function splitUrls(line: string): [string, boolean][] {
  const parts: [string, boolean][] = [];
  let last = 0;
  for (const match of line.matchAll(URL)) {
    if (match.index > last) parts.push([line.slice(last, match.index), false]);
    parts.push([match[0], true]);
    last = match.index + match[0].length;
  }
  if (last < line.length) parts.push([line.slice(last), false]);
  return parts;
}

/** `[x](y)` and `![x](y)`: the `]` before `(` and the `[` that opens it, full-width. */
function breakLinks(text: string): string {
  const chars = [...text];
  for (let i = 0; i < chars.length - 1; i++) {
    if (chars[i] !== ']' || chars[i + 1] !== '(') continue;
    chars[i] = '］';
    const open = chars.lastIndexOf('[', i);
    if (open !== -1) chars[open] = '［';
  }
  return chars.join('');
}

/** The inline rules that look only at a character's neighbours, on the text outside URLs. */
function inertInline(text: string, after: string): string {
  const chars = [...breakLinks(text)];
  return chars
    .map((c, i) => {
      const next = chars[i + 1] ?? after;
      if (c === '<') return /[A-Za-z/!?]/.test(next) ? '＜' : c;
      if (c === '&') return /^&#?[A-Za-z0-9]+;/.test(chars.slice(i, i + 34).join('')) ? '＆' : c;
      if (c === '\\') return next === '' || ASCII_PUNCTUATION.test(next) ? '＼' : c;
      return c;
    })
    .join('');
}

/**
 * The pairing characters (`*`, `~`, backtick, `_`): full-width when the line holds two or more of one outside
 * URLs (`_` not inside a word). Applied to each text, and again by the memo to each whole line it writes, since
 * a line may join two texts (a note and its author) that hold one each.
 */
export function breakPairs(line: string): string {
  const parts = splitUrls(line);
  const pairs: Record<string, number> = {};
  for (const [text, isUrl] of parts) {
    if (isUrl) continue;
    for (const c of text) if ('*~`_'.includes(c)) pairs[c] = (pairs[c] ?? 0) + 1;
  }
  if (Object.values(pairs).every((count) => count < 2)) return line;
  return parts
    .map(([text, isUrl], index) => {
      if (isUrl) return text;
      const chars = [...text];
      return chars
        .map((c, i) => {
          if ((pairs[c] ?? 0) < 2) return c;
          if (c !== '_') return fullWidth(c);
          const previous = chars[i - 1] ?? parts[index - 1]?.[0].slice(-1) ?? '';
          const next = chars[i + 1] ?? parts[index + 1]?.[0][0] ?? '';
          return WORD.test(previous) && WORD.test(next) ? c : '＿';
        })
        .join('');
    })
    .join('');
}

/** One line of board text, inert (see the rules above). Tabs become spaces; blanks around it are dropped. */
export function inertLine(raw: string): string {
  let line = raw.replace(/\t/g, ' ').trim();
  if (line === '') return '';
  if (ORDERED_LIST.test(line)) {
    line = line.replace(
      ORDERED_LIST,
      (_, digit: string, rest: string) => `${String.fromCharCode(0xff10 + Number(digit))}${rest}`,
    );
  } else if (LINE_START.some((start) => start.test(line))) {
    line = `${fullWidth(line[0]!)}${line.slice(1)}`;
  }
  const parts = splitUrls(line);
  const inline = parts
    .map(([text, isUrl], index) => (isUrl ? text : inertInline(text, parts[index + 1]?.[0][0] ?? '')))
    .join('');
  return breakPairs(inline);
}

/** A text's non-empty lines, each inert. */
export function inertLines(text: string): string[] {
  return text
    .split(/\r\n|\r|\n/)
    .map(inertLine)
    .filter((line) => line !== '');
}

/** Any text on one line (a heading, a label in parentheses): its lines inert and joined by a space. */
export const inertText = (text: string) => inertLines(text).join(' ');
