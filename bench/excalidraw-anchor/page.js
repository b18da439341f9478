/**
 * The excalidraw 0.18 page `npm run bench` measures our board against (docs/benchmarks.md, "Board vs excalidraw").
 * The notes are those of our bench board (same texts and colours): each a rectangle with bound text, laid out in
 * three columns like our pillars, handed to excalidraw from memory as `initialData` (see loadScene).
 *
 * Plain JavaScript (no TypeScript): this folder is installed and built on demand, outside the app's
 * dependencies, so the project's `tsc` cannot resolve excalidraw's types.
 *
 * Signals for the bench, in `window.__anchor`:
 * - `performance.mark('board-ready')`: as ours, a frame after the scene is rendered: all elements committed,
 *   and the static canvas shows the first note's fill (so the scene really is drawn), then the next frame.
 * - `remoteEdit(i)`: a colleague's edit arriving as excalidraw's collaboration receives one (restore, reconcile,
 *   `updateScene` without undo capture); the time from its arrival to the frame after the canvas is drawn with
 *   it is pushed to `editToPaint`.
 */
import {
  CaptureUpdateAction,
  convertToExcalidrawElements,
  Excalidraw,
  newElementWith,
  reconcileElements,
  restoreElements,
} from '@excalidraw/excalidraw';
import '@excalidraw/excalidraw/index.css';
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';

const NOTE = { width: 180, height: 120, gapX: 20, gapY: 20, perRow: 2, margin: 40, pillarGap: 40 };
const PILLAR_WIDTH = NOTE.perRow * (NOTE.width + NOTE.gapX) + NOTE.pillarGap;

/** Where note `k` of pillar `pillar` goes: pillars are columns, notes fill each column two by two. */
function position(pillar, k) {
  return {
    x: NOTE.margin + pillar * PILLAR_WIDTH + (k % NOTE.perRow) * (NOTE.width + NOTE.gapX),
    y: NOTE.margin + Math.floor(k / NOTE.perRow) * (NOTE.height + NOTE.gapY),
  };
}

const anchor = { editToPaint: [], elementCount: 0, firstNotes: [], api: null };
window.__anchor = anchor;

/**
 * Preparing (`?prepare`): the notes (`window.__benchNotes`) become rectangles with bound text through
 * excalidraw's own element API, which measures and wraps every text; once the fonts are in, the bench takes the
 * scene (`anchor.sceneJson`) as a saved drawing holds it.
 */
function createScene() {
  const notes = window.__benchNotes ?? [];
  const perPillar = [0, 0, 0];
  const skeleton = notes.map((note, i) => {
    const k = perPillar[note.pillar]++;
    return {
      type: 'rectangle',
      id: `note${i}`,
      ...position(note.pillar, k),
      width: NOTE.width,
      height: NOTE.height,
      backgroundColor: note.color,
      strokeColor: '#7a6a2f',
      fillStyle: 'solid',
      roughness: 0,
      roundness: { type: 3 },
      label: { text: note.text, fontSize: 16, textAlign: 'left', verticalAlign: 'top' },
    };
  });
  return convertToExcalidrawElements(skeleton, { regenerateIds: false });
}

/**
 * The scene excalidraw opens, from memory: measured runs get the prepared scene in `window.__benchScene`, as a
 * drawing loaded from a file or from excalidraw's local storage, which `initialData` passes through `restore()`.
 */
function loadScene() {
  const preparing = new URLSearchParams(window.location.search).has('prepare');
  const elements = preparing ? createScene() : (window.__benchScene ?? []);
  // Dropped once handed over, so the heap figure holds excalidraw's copy of the board only, as ours the Y.Doc.
  window.__benchNotes = undefined;
  window.__benchScene = undefined;
  anchor.elementCount = elements.length;
  // Where the first notes are, for the drawn check below and for the bench's double click into note 1.
  anchor.firstNotes = ['note0', 'note1']
    .map((id) => elements.find((element) => element.id === id))
    .filter(Boolean)
    .map(({ x, y, width, height }) => ({ x, y, width, height }));
  if (preparing) exportSceneOnceFontsAreIn();
  return { elements, appState: { viewBackgroundColor: '#ffffff', scrollX: 0, scrollY: 0 } };
}

async function exportSceneOnceFontsAreIn() {
  while (performance.getEntriesByName('board-ready').length === 0) await new Promise((done) => setTimeout(done, 50));
  // excalidraw starts loading the fonts its texts use (Xiaolai for Japanese) after the first render.
  await new Promise((done) => setTimeout(done, 500));
  await document.fonts.ready;
  await new Promise((done) => setTimeout(done, 500));
  anchor.sceneJson = JSON.stringify(anchor.api.getSceneElements());
}

/** True once the static canvas shows the first note's fill where it should be (the scene is drawn). */
function firstNoteDrawn() {
  const canvas = document.querySelector('canvas.excalidraw__canvas.static');
  const note = anchor.firstNotes[0];
  if (!canvas || !note) return false;
  const scale = window.devicePixelRatio || 1;
  const pixel = canvas.getContext('2d').getImageData((note.x + 12) * scale, (note.y + 12) * scale, 1, 1).data;
  return pixel[3] > 0 && !(pixel[0] === 255 && pixel[1] === 255 && pixel[2] === 255);
}

let ready = false;
function markReadyOnceDrawn() {
  if (ready) return;
  requestAnimationFrame(() => {
    if (ready) return;
    if (!firstNoteDrawn()) {
      markReadyOnceDrawn();
      return;
    }
    ready = true;
    // A task queued from a frame's rAF runs after that frame is painted: the same rule as our board's mark.
    setTimeout(() => performance.mark('board-ready'), 0);
  });
}

/** Remote edits not yet drawn: the text element's new version, when it arrived, whether it is committed. */
const pendingEdits = [];

function onChange(sceneElements, appState) {
  if (!ready && !appState.isLoading && anchor.elementCount > 0 && sceneElements.length === anchor.elementCount) {
    markReadyOnceDrawn();
  }
  for (const edit of pendingEdits) {
    const edited = edit.committed ? null : sceneElements.find((element) => element.id === edit.id);
    if (edited && edited.version >= edit.version) edit.committed = true;
  }
}

/**
 * excalidraw draws the static canvas in an effect after React commits (not in the commit itself), so the edit
 * counts as rendered at the first static draw after its commit: every draw starts with `setTransform` on the
 * static canvas's context. The time is taken after the frame that shows it, as for ours.
 */
function watchStaticDraws() {
  const context = document.querySelector('canvas.excalidraw__canvas.static').getContext('2d');
  if (context.benchWatched) return;
  context.benchWatched = true;
  const setTransform = context.setTransform;
  context.setTransform = function (...args) {
    while (pendingEdits[0]?.committed) {
      const { arrived } = pendingEdits.shift();
      requestAnimationFrame(() => setTimeout(() => anchor.editToPaint.push(performance.now() - arrived), 0));
    }
    return setTransform.apply(this, args);
  };
}

/** A colleague's edit to the text of note 10 (near the top), received as excalidraw's collaboration does. */
anchor.remoteEdit = (i) => {
  const arrived = performance.now();
  watchStaticDraws();
  const api = anchor.api;
  const local = api.getSceneElementsIncludingDeleted();
  const text = local.find((element) => element.type === 'text' && element.containerId === 'note10');
  const marker = `⌚${i};`;
  const remote = newElementWith(text, { text: `${text.text}${marker}`, originalText: `${text.originalText}${marker}` });
  const reconciled = reconcileElements(local, restoreElements([remote], local), api.getAppState());
  pendingEdits.push({ id: remote.id, version: remote.version, arrived, committed: false });
  api.updateScene({ elements: reconciled, captureUpdate: CaptureUpdateAction.NEVER });
};

createRoot(document.getElementById('root')).render(
  createElement(Excalidraw, {
    initialData: loadScene,
    excalidrawAPI: (api) => {
      anchor.api = api;
    },
    onChange,
  }),
);
