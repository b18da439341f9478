/**
 * A text as one short line (whitespace collapsed, cut at `max` characters with 「…」): how messages, menus and
 * screen-reader announcements name a note, a cluster or an initiative by its text.
 */
export function shorten(text: string, max = 40): string {
  const single = text.replace(/\s+/g, ' ').trim();
  return single.length > max ? `${single.slice(0, max)}…` : single;
}
