import { describe, expect, it } from 'vitest';
import { boardRoots, settingsRoots } from '../../shared/docs.js';
import { createInitiativeFromItem, setInitiativeText } from '../../shared/ops/initiatives.js';
import { addNote } from '../../shared/ops/notes.js';
import { applyVerificationTextChanges, setVerificationResult } from '../../shared/ops/verification.js';
import { readContinued } from '../../shared/records/continued.js';
import { allPillars } from '../../shared/selectors.js';
import { diffText } from '../../shared/textDiff.js';
import { useTestServer } from './apiServer.js';
import { connectSynced, createBoard, waitFor } from './helpers.js';

describe('the plan overview: every board of a plan and its initiatives across the periods', () => {
  const { server: testServer, call, boardInNewPlan } = useTestServer();

  it('follows an initiative from 第1期 to its verification in 第2期, for every role, without a token', async () => {
    const { board, planId } = await boardInNewPlan('庁内部会');
    const settings = await connectSynced(testServer().wsUrl, `${board.id}/settings`, board.tokens.facilitator);
    const pillar = allPillars(settings.doc)[0]!;
    const writer = await connectSynced(testServer().wsUrl, board.id, board.tokens.facilitator);
    expect(
      addNote(writer.doc, { id: 'n1', text: '申請が紙のみ', pillarId: pillar.id, lane: 'problem', author: 'a' }).ok,
    );
    expect(
      createInitiativeFromItem(writer.doc, settings.doc, { id: 'i1', itemId: 'n1', personId: 'a', roundNumber: null })
        .ok,
    ).toBe(true);
    expect(setInitiativeText(writer.doc, 'i1', 'title', '電子申請の拡大').ok).toBe(true);
    expect(setInitiativeText(writer.doc, 'i1', 'targetValue', '50手続き').ok).toBe(true);
    const observer = await connectSynced(testServer().wsUrl, board.id, board.tokens.viewer);
    await waitFor(
      () =>
        boardRoots.initiatives(observer.doc).size === 1 && JSON.stringify(observer.doc.toJSON()).includes('50手続き'),
      'the initiative to be stored',
    );
    for (const client of [settings, writer, observer]) client.destroy();

    const made = await call('POST', `/api/boards/${board.id}/next-period`, board.tokens.facilitator);
    expect(made.status).toBe(201);
    const next = made.json as { id: string; tokens: Record<'facilitator' | 'participant' | 'viewer', string> };
    const verifier = await connectSynced(testServer().wsUrl, next.id, next.tokens.participant);
    const who = { personId: 'p', name: '検証 花子', now: Date.UTC(2024, 4, 20) };
    expect(setVerificationResult(verifier.doc, 'i1', 'partial', who).ok).toBe(true);
    expect(applyVerificationTextChanges(verifier.doc, 'i1', 'actual', [diffText('', '42手続き')!], who).ok).toBe(true);
    const check = await connectSynced(testServer().wsUrl, next.id, next.tokens.viewer);
    await waitFor(
      () => readContinued('i1', boardRoots.continued(check.doc).get('i1'))?.verification.actual === '42手続き',
      'the verification to be stored',
    );
    for (const client of [verifier, check]) client.destroy();

    const overview = await call('GET', `/api/boards/${next.id}/plan/overview`, next.tokens.viewer);
    expect(overview.status).toBe(200);
    expect(overview.json.plan).toMatchObject({ id: planId, name: 'みんなにやさしいデジタル市役所計画' });
    expect(overview.json.boards.map((b: { boardId: string; archived: boolean }) => [b.boardId, b.archived])).toEqual([
      [board.id, true],
      [next.id, false],
    ]);
    // The next board's links read the board it was made from, not the other way round; its shared viewer link
    // reads only its own board.
    const readable = async (token: string) =>
      (await call('GET', `/api/boards/${next.id}/plan/overview`, token)).json.boards.map(
        (b: { readableWithThisLink: boolean }) => b.readableWithThisLink,
      );
    expect(await readable(next.tokens.participant)).toEqual([true, false]);
    expect(await readable(next.tokens.viewer)).toEqual([false, false]);
    expect(overview.json.boards[0]).toMatchObject({
      title: '庁内部会',
      period: { number: 1, name: '第1期', first: 2022, last: 2023 },
      initiatives: [{ id: 'i1', title: '電子申請の拡大', pillarTitle: pillar.title, targetValue: '50手続き' }],
      continued: [],
    });
    expect(overview.json.boards[1].continued).toEqual([
      expect.objectContaining({ id: 'i1', from: { boardId: board.id, initiativeId: 'i1' }, result: 'partial' }),
    ]);
    expect(overview.json.lineages).toEqual([
      {
        id: 'i1',
        title: '電子申請の拡大',
        pillarId: pillar.id,
        pillarTitle: pillar.title,
        started: 1,
        periods: [
          { periodNumber: 1, boardId: board.id, status: 'draft', continued: false, result: null },
          { periodNumber: 2, boardId: next.id, status: null, continued: true, result: 'partial' },
        ],
        trend: [
          {
            periodNumber: 1,
            indicator: '',
            target: '50手続き',
            actual: '42手続き',
            actualNotNumeric: false,
            result: 'partial',
          },
        ],
      },
    ]);
    // No link of either board, and no person's name (the board does not allow names in its documents).
    for (const token of [...Object.values(board.tokens), ...Object.values(next.tokens)]) {
      expect(overview.text).not.toContain(token);
    }
    expect(overview.text).not.toContain('検証 花子');

    // Names where the facilitator allows them; the members of the old board read the same overview.
    const nextSettings = await connectSynced(testServer().wsUrl, `${next.id}/settings`, next.tokens.facilitator);
    settingsRoots.facilitation(nextSettings.doc).set('exportAuthorNames', true);
    // The server relays a change only once it is stored: a second client seeing it means the overview reads it.
    const settingsObserver = await connectSynced(testServer().wsUrl, `${next.id}/settings`, next.tokens.viewer);
    await waitFor(
      () => settingsRoots.facilitation(settingsObserver.doc).get('exportAuthorNames') === true,
      'the setting to be stored',
    );
    const named = await call('GET', `/api/boards/${board.id}/plan/overview`, board.tokens.participant);
    expect(named.status).toBe(200);
    expect(named.json.boards[1].continued[0].verifiedByName).toBe('検証 花子');
    expect(named.json.boards.map((b: { readableWithThisLink: boolean }) => b.readableWithThisLink)).toEqual([
      false,
      false,
    ]);
    for (const client of [nextSettings, settingsObserver]) client.destroy();
  });

  it('shows a board’s link only the boards of its own working group, never another group’s in the plan', async () => {
    const ours = await createBoard(testServer().url, '窓口部会');
    const made = await call('POST', `/api/boards/${ours.id}/plan`, ours.tokens.facilitator, {
      name: '二つの部会の計画',
      firstYear: 2022,
      year: 2022,
    });
    const theirs = await createBoard(testServer().url, '情報部会（別の部会）');
    const joined = await call('PUT', `/api/boards/${theirs.id}/plan`, theirs.tokens.facilitator, {
      joinKey: made.json.plan.joinKey,
      year: 2022,
      workingGroup: '情報部会',
    });
    expect(joined.status).toBe(200);
    const overview = await call('GET', `/api/boards/${ours.id}/plan/overview`, ours.tokens.viewer);
    expect(overview.status).toBe(200);
    expect(overview.json.boards.map((b: { title: string }) => b.title)).toEqual(['窓口部会']);
    expect(JSON.stringify(overview.json)).not.toContain(theirs.id);
  });

  it('answers 404 not-in-plan for a board in no plan, and 401 without its link', async () => {
    const loose = await createBoard(testServer().url, '計画外');
    const refused = await call('GET', `/api/boards/${loose.id}/plan/overview`, loose.tokens.viewer);
    expect(refused).toMatchObject({ status: 404, json: { code: 'not-in-plan' } });
    expect((await call('GET', `/api/boards/${loose.id}/plan/overview`, 'wrong')).status).toBe(401);
  });
});
