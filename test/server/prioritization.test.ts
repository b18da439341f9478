import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settingsRoots } from '../../shared/docs.js';
import { placeOnMatrix } from '../../shared/ops/matrix.js';
import { addNote } from '../../shared/ops/notes.js';
import { setPrioritizationLabel } from '../../shared/ops/prioritization.js';
import { markShortlisted } from '../../shared/ops/shortlist.js';
import { readMatrixPositions } from '../../shared/records/matrix.js';
import { readPrioritizationLabels } from '../../shared/records/prioritization.js';
import { readShortlist } from '../../shared/records/shortlist.js';
import { activePillars } from '../../shared/selectors.js';
import { type CreatedBoard, connectSynced, createBoard, startTestServer, type TestServer, waitFor } from './helpers.js';

/** The matrix and the shortlist are the participants' (board document); their labels the facilitator's. */
describe('who may change the matrix, the shortlist and their labels', () => {
  let server: TestServer;
  let board: CreatedBoard;
  beforeAll(async () => {
    server = await startTestServer();
    board = await createBoard(server.url);
  });
  afterAll(() => server.close());

  const labelsOf = (doc: Parameters<typeof settingsRoots.prioritization>[0]) =>
    readPrioritizationLabels(settingsRoots.prioritization(doc));

  it('refuses a participant’s label change and keeps it from everyone; the facilitator’s reaches all', async () => {
    const participant = await connectSynced(server.wsUrl, `${board.id}/settings`, board.tokens.participant);
    const facilitator = await connectSynced(server.wsUrl, `${board.id}/settings`, board.tokens.facilitator);

    expect(setPrioritizationLabel(participant.doc, 'quadrant.doNow', '乗っ取り').ok).toBe(true);
    await waitFor(() => participant.denied.length > 0, 'the refusal');
    expect(participant.denied[0]).toMatch(/Only the facilitator/);

    // Nobody else has it, not even a client joining later (the server never kept it).
    const late = await connectSynced(server.wsUrl, `${board.id}/settings`, board.tokens.viewer);
    expect(labelsOf(late.doc)['quadrant.doNow']).toBeNull();
    expect(labelsOf(facilitator.doc)['quadrant.doNow']).toBeNull();
    participant.destroy();

    expect(setPrioritizationLabel(facilitator.doc, 'impactAxis', '市民への効果').ok).toBe(true);
    const watcher = await connectSynced(server.wsUrl, `${board.id}/settings`, board.tokens.participant);
    await waitFor(() => labelsOf(watcher.doc).impactAxis === '市民への効果', 'the facilitator’s label');
    await waitFor(() => labelsOf(late.doc).impactAxis === '市民への効果', 'the label to reach the viewer live');
    expect(labelsOf(watcher.doc)['quadrant.doNow']).toBeNull();
    for (const client of [facilitator, late, watcher]) client.destroy();
  });

  it('lets a participant place items and mark them, seen live by the others', async () => {
    const settings = await connectSynced(server.wsUrl, `${board.id}/settings`, board.tokens.participant);
    const pillarId = activePillars(settings.doc)[0]!.id;
    const alice = await connectSynced(server.wsUrl, board.id, board.tokens.participant);
    const bob = await connectSynced(server.wsUrl, board.id, board.tokens.viewer);
    addNote(alice.doc, { id: 'note-1', pillarId, lane: 'idea', text: '書かない窓口', author: 'alice' });
    expect(placeOnMatrix(alice.doc, 'note-1', { x: 0.8, y: 0.9 }).ok).toBe(true);
    expect(markShortlisted(alice.doc, 'note-1', 'alice').ok).toBe(true);
    await waitFor(() => readMatrixPositions(bob.doc).has('note-1'), 'the place');
    await waitFor(() => readShortlist(bob.doc).has('note-1'), 'the mark');
    expect(readMatrixPositions(bob.doc).get('note-1')).toEqual({ x: 0.8, y: 0.9 });
    expect(alice.denied).toEqual([]);
    for (const client of [settings, alice, bob]) client.destroy();
  });
});
