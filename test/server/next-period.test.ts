import { describe, expect, it } from 'vitest';
import { boardRoots, settingsRoots } from '../../shared/docs.js';
import { createInitiativeFromItem, setInitiativeText } from '../../shared/ops/initiatives.js';
import { addNote } from '../../shared/ops/notes.js';
import { readBoardPlan } from '../../shared/records/boardPlan.js';
import { listContinued } from '../../shared/records/continued.js';
import { readBoardPeriod } from '../../shared/records/period.js';
import { readArchivedAt } from '../../shared/records/serverState.js';
import { allPillars } from '../../shared/selectors.js';
import { useTestServer } from './apiServer.js';
import { type CreatedBoard, connectSynced, createBoard, waitFor } from './helpers.js';

describe('「次期のボードを作る」: the next period’s board from a finished one', () => {
  const { server: testServer, call, boardInNewPlan } = useTestServer();

  /** A board in 第1期 (2022–2023) of an 8-year plan, with a note, a renamed lane and one initiative. */
  async function finishedBoard(): Promise<{ board: CreatedBoard; planId: string }> {
    const { board, planId } = await boardInNewPlan('庁内部会');
    const settings = await connectSynced(testServer().wsUrl, `${board.id}/settings`, board.tokens.facilitator);
    settingsRoots.laneLabels(settings.doc).set('goal', 'めざす姿');
    const pillarId = allPillars(settings.doc)[0]!.id;
    const writer = await connectSynced(testServer().wsUrl, board.id, board.tokens.facilitator);
    expect(addNote(writer.doc, { id: 'n1', text: '申請書が紙のみ', pillarId, lane: 'problem', author: 'a' }).ok).toBe(
      true,
    );
    expect(
      createInitiativeFromItem(writer.doc, settings.doc, { id: 'i1', itemId: 'n1', personId: 'a', roundNumber: null })
        .ok,
    ).toBe(true);
    for (const [field, value] of [
      ['indicator', 'オンライン化した手続きの数'],
      ['targetValue', '50手続き'],
      ['department', 'デジタル推進課'],
    ] as const) {
      expect(setInitiativeText(writer.doc, 'i1', field, value).ok).toBe(true);
    }
    const observer = await connectSynced(testServer().wsUrl, board.id, board.tokens.viewer);
    await waitFor(() => boardRoots.initiatives(observer.doc).size === 1, 'the initiative to be stored');
    const settingsObserver = await connectSynced(testServer().wsUrl, `${board.id}/settings`, board.tokens.viewer);
    await waitFor(() => settingsRoots.laneLabels(settingsObserver.doc).get('goal') === 'めざす姿', 'the lane label');
    for (const client of [settings, writer, observer, settingsObserver]) client.destroy();
    return { board, planId };
  }

  it('carries exactly the pillars, lane labels, roster and initiatives (as continued cards), once', async () => {
    const { board, planId } = await finishedBoard();
    const member = await call('POST', `/api/boards/${board.id}/people`, board.tokens.facilitator, { name: '佐藤' });
    expect(member.status).toBe(201);
    // Only the facilitator may.
    expect((await call('POST', `/api/boards/${board.id}/next-period`, board.tokens.participant)).status).toBe(403);

    const made = await call('POST', `/api/boards/${board.id}/next-period`, board.tokens.facilitator);
    expect(made.status).toBe(201);
    const next = made.json as {
      id: string;
      tokens: Record<'facilitator' | 'participant' | 'viewer', string>;
      members: { name: string; link: string }[];
    };
    expect(made.json.period).toMatchObject({ number: 2, name: '第2期', first: 2024, last: 2025 });
    expect(next.members.map((m) => m.name)).toEqual(['佐藤']);

    // Asked again: one board, not two; the answer names it. Also once the new board has left the plan: what
    // was made from this board is recorded, not guessed from the plan's slots.
    const again = await call('POST', `/api/boards/${board.id}/next-period`, board.tokens.facilitator);
    expect(again.status).toBe(409);
    expect(again.json).toMatchObject({ code: 'next-period-exists', boardId: next.id });
    const plan = await call('GET', `/api/plans/${planId}`, next.tokens.viewer);
    expect(plan.json.boards.map((b: { boardId: string }) => b.boardId)).toEqual([board.id, next.id]);
    // The carried member's new link opens the new board; the old personal token does not.
    const newToken = new URL(next.members[0]!.link).hash.replace('#token=', '');
    expect((await call('GET', `/api/boards/${next.id}/me`, newToken)).status).toBe(200);
    expect((await call('GET', `/api/boards/${next.id}/me`, member.json.token)).status).toBe(401);

    const settings = await connectSynced(testServer().wsUrl, `${next.id}/settings`, next.tokens.viewer);
    const oldSettings = await connectSynced(testServer().wsUrl, `${board.id}/settings`, board.tokens.viewer);
    await waitFor(() => readBoardPlan(settings.doc) !== null, 'the new board’s plan');
    expect(readBoardPlan(settings.doc)?.period).toEqual({ number: 2, name: '第2期', first: 2024, last: 2025 });
    expect(readBoardPeriod(settings.doc, Date.now())).toEqual({ first: 2024, last: 2025 });
    expect(allPillars(settings.doc)).toEqual(allPillars(oldSettings.doc));
    expect(settingsRoots.laneLabels(settings.doc).get('goal')).toBe('めざす姿');
    expect(settingsRoots.server(settings.doc).get('votingRounds')).toBeUndefined();
    await waitFor(() => readArchivedAt(oldSettings.doc) !== null, 'the finished board to be archived');

    const newBoard = await connectSynced(testServer().wsUrl, next.id, next.tokens.viewer);
    expect(boardRoots.notes(newBoard.doc).size).toBe(0);
    expect(boardRoots.initiatives(newBoard.doc).size).toBe(0);
    const [card, ...others] = listContinued(newBoard.doc);
    expect(others).toEqual([]);
    expect(card).toMatchObject({
      id: 'i1',
      from: { boardId: board.id, initiativeId: 'i1', periodName: '第1期', first: 2022, last: 2023 },
      indicator: 'オンライン化した手続きの数',
      targetValue: '50手続き',
      department: 'デジタル推進課',
      sourceNotes: [{ id: 'n1', text: '申請書が紙のみ' }],
      verification: { result: null, actual: '', comment: '' },
    });
    expect((await call('DELETE', `/api/boards/${next.id}/plan`, next.tokens.facilitator)).status).toBe(200);
    const afterLeaving = await call('POST', `/api/boards/${board.id}/next-period`, board.tokens.facilitator);
    expect(afterLeaving.json).toMatchObject({ code: 'next-period-exists', boardId: next.id });
    // The finished board is archived: its plan cannot be changed any more.
    const moveArchived = await call('PUT', `/api/boards/${board.id}/plan`, board.tokens.facilitator, {
      planId,
      periodNumber: 3,
    });
    expect(moveArchived).toMatchObject({ status: 409, json: { code: 'archived' } });
    expect(
      (await call('PUT', `/api/boards/${next.id}/plan`, next.tokens.facilitator, { planId, periodNumber: 2 })).status,
    ).toBe(403);

    for (const client of [settings, oldSettings, newBoard]) client.destroy();
  });

  it('refuses a board in no plan and the plan’s last period, with the reason', async () => {
    const loose = await createBoard(testServer().url, '計画外');
    const refused = await call('POST', `/api/boards/${loose.id}/next-period`, loose.tokens.facilitator);
    expect(refused).toMatchObject({ status: 409, json: { code: 'not-in-plan' } });
    const last = await createBoard(testServer().url, '第4期');
    await call('POST', `/api/boards/${last.id}/plan`, last.tokens.facilitator, {
      name: '計画',
      firstYear: 2022,
      year: 2029,
    });
    const final = await call('POST', `/api/boards/${last.id}/next-period`, last.tokens.facilitator);
    expect(final).toMatchObject({ status: 409, json: { code: 'no-next-period' } });
  });
});
