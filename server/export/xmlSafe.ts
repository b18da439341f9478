/**
 * Office files are XML, which cannot hold most control characters or a lone half of a surrogate pair: one such
 * character in a note (pasted from another tool) would make Word or Excel refuse the whole file. They are
 * dropped; tabs and line breaks stay, and emoji (whole surrogate pairs) are kept.
 */
const NOT_IN_XML =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is this pattern's job.
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function xmlSafe(text: string): string {
  return text.replace(NOT_IN_XML, '');
}
