/**
 * The boards the benchmarks load: built in memory with the board's own schema (docs/schema.md), then written
 * into our SQLite store (and, for the reference server, into a LevelDB folder) before any server starts, so
 * every join is a cold load from disk.
 */
import { generateKeyBetween } from 'fractional-indexing';
import * as Y from 'yjs';
import { hashToken } from '../../server/auth';
import { openStorage } from '../../server/storage';
import type { Storage } from '../../server/storage/types';
import { boardRoots } from '../../shared/docs';
import { LANE_KINDS } from '../../shared/records/lane';
import { NOTE_COLORS } from '../../shared/records/note';
import { initialiseBoardDoc, initialiseSettingsDoc } from '../../shared/template';

export const PILLAR_IDS = ['pillar0001', 'pillar0002', 'pillar0003'];
export const BENCH_TOKENS = {
  facilitator: 'benchFacilitatorToken01',
  participant: 'benchParticipantToken01',
  viewer: 'benchViewerTokenxxxxx01',
};

const PHRASES = [
  '窓口の待ち時間が長い',
  '申請書の記入欄が多くて分かりにくい',
  'オンライン申請を増やす',
  '高齢者向けのスマホ教室を開く',
  '職員の研修時間を確保する',
  '紙の回覧をやめてチャットで共有する',
  '手続きの案内を多言語にする',
  '会議資料を事前に共有する',
  '住民票の写しをコンビニで受け取れるようにする',
  '問い合わせの多い質問をまとめて公開する',
];

/** A Japanese note text of about `chars` characters, different for every note. */
export function noteText(i: number, chars: number): string {
  let text = `${i}. `;
  let k = i;
  while (text.length < chars) {
    text += `${PHRASES[k % PHRASES.length]}。`;
    k = k * 7 + 3;
  }
  return text.slice(0, chars);
}

/** Deterministic pseudo-random numbers, so every run builds the same boards. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function noteValue(i: number, text: Y.Text, order: string): Y.Map<unknown> {
  const note = new Y.Map<unknown>();
  note.set('text', text);
  note.set('place', { pillarId: PILLAR_IDS[i % 3], lane: LANE_KINDS[Math.floor(i / 3) % 3], order });
  note.set('author', `member${i % 40}`);
  note.set('authorName', `職員${i % 40}`);
  note.set('color', NOTE_COLORS[i % NOTE_COLORS.length]);
  note.set('createdAt', 1_760_000_000_000 + i * 1000);
  return note;
}

/** `count` notes created in one transaction (an import, or the comparison with other whiteboards). */
export function boardInOneGo(count: number, chars = 45): Y.Doc {
  const doc = new Y.Doc();
  initialiseBoardDoc(doc);
  let order: string | null = null;
  doc.transact(() => {
    const notes = boardRoots.notes(doc);
    for (let i = 0; i < count; i++) {
      order = generateKeyBetween(order, null);
      notes.set(`note${String(i).padStart(5, '0')}`, noteValue(i, new Y.Text(noteText(i, chars)), `${order}x`));
    }
  });
  return doc;
}

/**
 * `count` notes as four meetings leave them: written by 40 people typing a few characters at a time,
 * corrected in the middle, recoloured and moved, so the document carries its typing history.
 */
export function boardWithHistory(count: number, rounds = 24): Y.Doc {
  const doc = new Y.Doc();
  initialiseBoardDoc(doc);
  const random = seeded(42);
  const people = Array.from({ length: 40 }, (_, i) => 1000 + i);
  const notes = boardRoots.notes(doc);
  let order: string | null = null;
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    doc.clientID = people[i % people.length]!;
    order = generateKeyBetween(order, null);
    const id = `note${String(i).padStart(5, '0')}`;
    ids.push(id);
    doc.transact(() => notes.set(id, noteValue(i, new Y.Text(), `${order}x`)));
  }
  for (let round = 0; round < rounds; round++) {
    for (let i = 0; i < count; i++) {
      doc.clientID = people[Math.floor(random() * people.length)]!;
      const note = notes.get(ids[i]!) as Y.Map<unknown>;
      const text = note.get('text') as Y.Text;
      doc.transact(() => {
        const piece = noteText(i + round, 3 + Math.floor(random() * 5));
        text.insert(Math.floor(random() * (text.length + 1)), piece);
        if (text.length > 8 && random() < 0.3) text.delete(Math.floor(random() * (text.length - 3)), 2);
        if (random() < 0.1) note.set('color', NOTE_COLORS[Math.floor(random() * NOTE_COLORS.length)]);
        if (random() < 0.1) {
          const place = note.get('place') as { pillarId: string; lane: string; order: string };
          note.set('place', { ...place, order: `${place.order}${Math.floor(random() * 9) + 1}` });
        }
      });
    }
  }
  return doc;
}

/** The settings document every bench board shares (known pillar ids, so the notes land in its lanes). */
export function benchSettings(title: string): Uint8Array {
  const doc = new Y.Doc();
  let n = 0;
  initialiseSettingsDoc(doc, title, () => PILLAR_IDS[n++] ?? `pillarx${n}`);
  return Y.encodeStateAsUpdate(doc);
}

/** Writes a board into our SQLite store at `dataDir` (one compacted snapshot), with the known bench tokens. */
export async function storeOurBoard(dataDir: string, boardId: string, board: Uint8Array): Promise<void> {
  const storage = openStorage({ dataDir });
  await storeBoardIn(storage, boardId, board);
  await storage.close();
}

/** The same into an open storage (PostgreSQL's, for the cluster scenario). */
export async function storeBoardIn(storage: Storage, boardId: string, board: Uint8Array): Promise<void> {
  await storage.createBoard(
    {
      id: boardId,
      title: 'ベンチマーク',
      createdAt: Date.now(),
      tokenHashes: {
        facilitator: hashToken(BENCH_TOKENS.facilitator),
        participant: hashToken(BENCH_TOKENS.participant),
        viewer: hashToken(BENCH_TOKENS.viewer),
      },
    },
    { board, settings: benchSettings('ベンチマーク') },
  );
}

/** Writes a document into a y-leveldb folder, as the reference server with YPERSISTENCE would have stored it. */
export async function storeReferenceDoc(dir: string, docName: string, update: Uint8Array): Promise<void> {
  // y-leveldb's types are not reachable through its package exports; the little used here is typed below.
  const moduleName = 'y-leveldb';
  const { LeveldbPersistence } = (await import(moduleName)) as {
    LeveldbPersistence: new (
      dir: string,
    ) => { storeUpdate(name: string, update: Uint8Array): Promise<unknown>; destroy(): Promise<void> };
  };
  const ldb = new LeveldbPersistence(dir);
  await ldb.storeUpdate(docName, update);
  await ldb.destroy();
}
