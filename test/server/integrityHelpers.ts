import * as Y from 'yjs';
import { addNote, deleteNote, editNoteText, moveNote } from '../../shared/ops/notes.js';
import { listNotes } from '../../shared/selectors.js';
import { canonicalJson, step1Frame } from './frameBuilders.js';
import { rawSocket } from './helpers.js';
import { documentContent, type Random } from './updateMutations.js';

/** The roots of the board document, named: `toJSON()` of a doc lists only the roots it accessed. */
export const BOARD_ROOTS = [
  'meta',
  'notes',
  'clusters',
  'matrix',
  'shortlist',
  'comments',
  'reactions',
  'initiatives',
] as const;

/** What must be equal everywhere: the state vector and the content of every root. */
export function boardState(doc: Y.Doc): string {
  return `${Buffer.from(Y.encodeStateVector(doc)).toString('hex')} ${canonicalJson(documentContent(doc, BOARD_ROOTS))}`;
}

/** The same, readable in a failed assertion's diff. */
export function boardSnapshot(doc: Y.Doc) {
  return {
    stateVector: Object.fromEntries(Y.decodeStateVector(Y.encodeStateVector(doc))),
    ...documentContent(doc, BOARD_ROOTS),
  };
}

/** A personal token (a guest identity) for a browser that joined through the shared participant link. */
export async function guestToken(baseUrl: string, boardId: string, participantToken: string, name: string) {
  const response = await fetch(`${baseUrl}/api/boards/${boardId}/guests`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${participantToken}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ name }),
  });
  if (response.status !== 201) throw new Error(`guest: ${response.status}`);
  return ((await response.json()) as { token: string }).token;
}

/** Random honest edits through the shared operations, as the UI makes them. */
export function honestEdit(doc: Y.Doc, who: string, random: Random, counter: { n: number }): void {
  const notes = listNotes(doc);
  const choice = notes.length < 3 ? 0 : random.int(5);
  const target = notes.length > 0 ? random.pick(notes).id : null;
  if (choice === 0 || !target) {
    counter.n++;
    addNote(doc, { id: `${who}${counter.n}`, pillarId: 'p', lane: 'idea', text: `${who} ${counter.n}`, author: who });
  } else if (choice === 1) {
    const text = notes.find((note) => note.id === target)?.text ?? '';
    const at = random.int(text.length + 1);
    editNoteText(doc, target, `${text.slice(0, at)}${who}${random.int(10)}${text.slice(at + random.int(3))}`);
  } else if (choice === 2) {
    moveNote(doc, target, { pillarId: 'p', lane: random.pick(['goal', 'idea'] as const), index: 0 });
  } else if (choice === 3) deleteNote(doc, target);
  else editNoteText(doc, target, `${who} ${random.int(1000)}`);
}

/**
 * A hostile participant's connection that sends frames one at a time, each followed by a step 1 whose answer
 * shows the frame was handled. Reopens after the server closed it.
 */
export function hostileSender(url: string) {
  let socket: ReturnType<typeof rawSocket> | null = null;
  let answers = 0;
  let closed = true;
  let wake: (() => void) | null = null;
  let closedByServer = 0;
  const open = async () => {
    const opened = rawSocket(url);
    answers = 0;
    closed = false;
    opened.ws.on('message', (data: Buffer) => {
      if (data[0] === 0 && data[1] === 1) answers++;
      wake?.();
    });
    void opened.closed.then(() => {
      closed = true;
      wake?.();
    });
    await opened.opened;
    socket = opened;
  };
  return {
    /** Sends one frame; resolves once the server handled it. True when the server closed the connection. */
    async send(frame: Uint8Array): Promise<boolean> {
      if (closed || !socket) await open();
      const expected = answers + 1;
      socket!.ws.send(frame);
      socket!.ws.send(step1Frame(new Uint8Array([0])));
      await new Promise<void>((resolve) => {
        wake = () => {
          if (closed || answers >= expected) resolve();
        };
        wake();
      });
      wake = null;
      if (closed) closedByServer++;
      return closed;
    },
    get closedByServer() {
      return closedByServer;
    },
    close() {
      socket?.ws.terminate();
    },
  };
}

/** Real updates of one more honest writer working on the board as it is now: the material of the mutations. */
export function honestUpdates(board: Y.Doc, count: number, random: Random): { updates: Uint8Array[]; doc: Y.Doc } {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(board));
  const updates: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array) => updates.push(update));
  const counter = { n: 0 };
  while (updates.length < count) honestEdit(doc, 's', random, counter);
  return { updates, doc };
}
