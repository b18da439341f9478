import * as Y from 'yjs';

type Struct = ReturnType<typeof Y.decodeUpdate>['structs'][number];

const sameId = (a: Y.ID | null, b: Y.ID | null) =>
  a === b || (a !== null && b !== null && a.client === b.client && a.clock === b.clock);

/** A Yjs id, the same in every document: the parent named by an item of the document, as an update names it. */
function parentName(item: Y.Item, rootNames: Map<unknown, string>): string | null {
  const parent = item.parent as Y.AbstractType<unknown> | null;
  if (!parent) return null;
  const parentItem = parent._item;
  return parentItem ? `${parentItem.id.client}:${parentItem.id.clock}` : (rootNames.get(parent) ?? null);
}

/** Content units `from`..`to` (offsets into the item) in a comparable form, or null when not comparable. */
function units(item: Y.Item, from: number, to: number): string | null {
  const content: unknown = item.content;
  if (content instanceof Y.ContentDeleted) return null;
  if (content instanceof Y.ContentString) return `s${content.str.slice(from, to)}`;
  if (content instanceof Y.ContentType) return `t${content.type.constructor.name}`;
  if (content instanceof Y.ContentFormat) return `f${content.key}${JSON.stringify(content.value)}`;
  if (content instanceof Y.ContentDoc) return `d${content.doc?.guid}`;
  if (content instanceof Y.ContentBinary) return `b${Buffer.from(content.content).toString('base64')}`;
  return `${item.content.constructor.name}${JSON.stringify(item.content.getContent().slice(from, to))}`;
}

/**
 * Why the update repeats ids the document holds with other content, or null. Yjs keeps the first version of
 * an id and skips any later one, so a copy with another key, neighbour or value is ignored here but would be
 * what some other replica kept: no honest writer sends one. Deleted content is not compared (the document
 * drops it once deleted; a writer that has not seen the deletion still has it), nor garbage.
 */
export function knownContentFault(structs: readonly Struct[], doc: Y.Doc): string | null {
  let rootNames: Map<unknown, string> | null = null;
  for (const incoming of structs) {
    if (!(incoming instanceof Y.Item)) continue;
    const { client, clock } = incoming.id;
    const end = Math.min(clock + incoming.length, Y.getState(doc.store, client));
    if (end <= clock) continue;
    const stored = doc.store.clients.get(client) ?? [];
    for (let index = Y.findIndexSS(stored, clock); index < stored.length; index++) {
      const known = stored[index]!;
      const start = Math.max(clock, known.id.clock);
      if (start >= end) break;
      if (!(known instanceof Y.Item)) continue;
      const stop = Math.min(end, known.id.clock + known.length);
      const differs = () => `the update repeats ${client}:${start} with other content than the board holds`;
      // Neighbours of the piece starting at `start`, as each side implies them (a continued item's left
      // neighbour is its own previous unit).
      const incomingOrigin = start === clock ? incoming.origin : Y.createID(client, start - 1);
      const knownOrigin = start === known.id.clock ? known.origin : Y.createID(client, start - 1);
      if (!sameId(incomingOrigin, knownOrigin) || !sameId(incoming.rightOrigin, known.rightOrigin)) return differs();
      if (!incoming.origin && !incoming.rightOrigin) {
        rootNames ??= new Map([...doc.share].map(([name, type]) => [type, name]));
        const parent: unknown = incoming.parent;
        const named = parent instanceof Y.ID ? `${parent.client}:${parent.clock}` : parent;
        const knownParent = parentName(known, rootNames);
        if (knownParent !== null && (named !== knownParent || incoming.parentSub !== known.parentSub)) return differs();
      }
      if (known.deleted) continue;
      const mine = units(incoming, start - clock, stop - clock);
      const theirs = units(known, start - known.id.clock, stop - known.id.clock);
      if (mine !== null && theirs !== null && mine !== theirs) return differs();
    }
  }
  return null;
}
