import type * as Y from 'yjs';
import type { AuditLog } from './audit.js';
import type { Access } from './auth.js';
import type { PeopleStore } from './people.js';
import type { Rooms } from './rooms.js';

interface Nested {
  _item: Y.Item | null;
}

/** The root type a (possibly nested) type belongs to. */
function rootOf(type: Nested): Nested {
  let current = type;
  while (current._item) current = current._item.parent as unknown as Nested;
  return current;
}

/** The root types' names of what a transaction changed, e.g. `pillars`, `laneLabels`, `meta`. */
function changedRoots(doc: Y.Doc, transaction: Y.Transaction): string[] {
  const names = new Set<string>();
  for (const [name, type] of doc.share) {
    for (const changed of transaction.changed.keys()) {
      if (rootOf(changed) === type) names.add(name);
    }
  }
  return [...names].sort();
}

const hasAccess = (origin: unknown): origin is { access: Access } =>
  typeof origin === 'object' && origin !== null && 'access' in origin;

/**
 * Records the facilitator's writes to the settings document (pillars, lane labels, title) in the audit log:
 * the committed change is applied with its connection as origin, which carries the person behind it.
 */
export function auditSettingsChanges(rooms: Rooms, audit: AuditLog, people: PeopleStore): void {
  rooms.onLoaded((room) => {
    if (room.kind !== 'settings') return;
    room.doc.on('afterTransaction', (transaction: Y.Transaction) => {
      if (!hasAccess(transaction.origin)) return;
      const { access } = transaction.origin;
      const person = access.person;
      const name = person ? (people.nameNow(room.boardId, person.id) ?? person.name) : null;
      // Never rejects (a failure is logged): the settings change itself is already committed.
      void audit.record(room.boardId, { role: access.role, personId: person?.id ?? null, name }, 'settings.change', {
        parts: changedRoots(room.doc, transaction),
      });
    });
  });
}
