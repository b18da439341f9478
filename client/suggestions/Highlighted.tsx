import { Fragment } from 'react';
import { useI18n } from '../i18n/I18nProvider';

/** A part of a note's text, `shared`: one of the words the suggestion is based on. */
interface Segment {
  text: string;
  shared: boolean;
}

/**
 * Splits `text` where the server's highlights occur. The server gives spellings after NFKC and lower case, so
 * the text is normalised the same way, one code point at a time, keeping where each normalised character came
 * from in the original (a code point normalised alone may differ from it normalised in context, e.g. a
 * half-width ｶ followed by ﾞ: such a rare spelling is then simply not highlighted).
 */
export function splitHighlights(text: string, highlights: readonly string[]): Segment[] {
  let normalised = '';
  const origin: number[] = [];
  let at = 0;
  for (const char of text) {
    const part = char.normalize('NFKC').toLowerCase();
    for (let i = 0; i < part.length; i++) origin.push(at);
    normalised += part;
    at += char.length;
  }
  origin.push(text.length);
  const marked = new Array<boolean>(text.length).fill(false);
  for (const word of highlights) {
    if (word === '') continue;
    for (let from = normalised.indexOf(word); from !== -1; from = normalised.indexOf(word, from + word.length)) {
      const start = origin[from] ?? text.length;
      const end = origin[from + word.length] ?? text.length;
      for (let i = start; i < Math.max(end, start + 1) && i < text.length; i++) marked[i] = true;
    }
  }
  const segments: Segment[] = [];
  for (let i = 0; i < text.length; i++) {
    const last = segments[segments.length - 1];
    if (last && last.shared === marked[i]) last.text += text[i];
    else segments.push({ text: text[i] ?? '', shared: marked[i] ?? false });
  }
  return segments;
}

/**
 * A note's text with the shared words marked: a <mark> (colour) that also says so in words for a screen reader
 * ([共通の言葉: 押印]), so the reason is never shown by colour alone.
 */
export function Highlighted({ text, highlights }: { text: string; highlights: readonly string[] }) {
  const { t } = useI18n();
  return (
    <>
      {splitHighlights(text, highlights).map((segment, index) =>
        segment.shared ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: the segments of one text, in order, never reordered.
          <mark key={index} className="shared-word">
            <span className="visually-hidden">{t('suggest.markStart')}</span>
            {segment.text}
            <span className="visually-hidden">{t('suggest.markEnd')}</span>
          </mark>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: as above.
          <Fragment key={index}>{segment.text}</Fragment>
        ),
      )}
    </>
  );
}
