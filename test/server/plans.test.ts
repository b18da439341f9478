import { describe, expect, it } from 'vitest';
import { settingsRoots } from '../../shared/docs.js';
import { readBoardPlan } from '../../shared/records/boardPlan.js';
import { listMeetings } from '../../shared/records/meeting.js';
import { readBoardPeriod } from '../../shared/records/period.js';
import { useTestServer } from './apiServer.js';
import { connectSynced, createBoard, waitFor } from './helpers.js';

const SEED_PLAN = { name: 'みんなにやさしいデジタル市役所計画', firstYear: 2022 };

describe('plans: a period table, and boards that join one of its periods', () => {
  const { server: testServer, call } = useTestServer();

  const newPlan = async () => {
    const created = await call('POST', '/api/plans', null, SEED_PLAN);
    expect(created.status).toBe(201);
    return created.json as {
      id: string;
      joinKey: string;
      periods: { number: number; name: string; first: number; last: number }[];
    };
  };

  it('cuts eight years into four periods of two, 第1期 to 第4期, as the seed does', async () => {
    const plan = await newPlan();
    expect(plan.periods).toEqual([
      { number: 1, name: '第1期', first: 2022, last: 2023 },
      { number: 2, name: '第2期', first: 2024, last: 2025 },
      { number: 3, name: '第3期', first: 2026, last: 2027 },
      { number: 4, name: '第4期', first: 2028, last: 2029 },
    ]);
  });

  it('refuses a plan whose periods overlap, with the reason, and makes nothing', async () => {
    const refused = await call('POST', '/api/plans', null, {
      ...SEED_PLAN,
      periods: [
        { first: 2022, last: 2023 },
        { first: 2023, last: 2024 },
      ],
    });
    expect(refused.status).toBe(400);
    expect(refused.json.code).toBe('plan-periods-overlap');
    expect(String(refused.json.error)).toContain('overlap');
    for (const bad of [
      { name: ' ', firstYear: 2022 },
      { name: '計画', firstYear: 2022, years: 0 },
    ]) {
      expect((await call('POST', '/api/plans', null, bad)).status).toBe(400);
    }
  });

  it('puts a board in a period: its settings show the plan, its period and meeting plan follow', async () => {
    const plan = await newPlan();
    const board = await createBoard(testServer().url, '庁内部会');
    for (const token of [board.tokens.participant, board.tokens.viewer]) {
      expect(
        (await call('PUT', `/api/boards/${board.id}/plan`, token, { joinKey: plan.joinKey, periodNumber: 2 })).status,
      ).toBe(403);
    }
    // The plan's id (which every viewer of its boards can read) does not let a board in: its join key does.
    const byId = await call('PUT', `/api/boards/${board.id}/plan`, board.tokens.facilitator, {
      planId: plan.id,
      periodNumber: 2,
    });
    expect(byId).toMatchObject({ status: 403, json: { code: 'join-key-needed' } });
    const joined = await call('PUT', `/api/boards/${board.id}/plan`, board.tokens.facilitator, {
      joinKey: plan.joinKey,
      periodNumber: 2,
    });
    expect(joined.status).toBe(200);
    // Its facilitator sees the key (to hand on); a participant does not.
    const asFacilitator = await call('GET', `/api/boards/${board.id}/plan`, board.tokens.facilitator);
    expect(asFacilitator.json.plan).toMatchObject({ joinKey: plan.joinKey });
    const asParticipant = await call('GET', `/api/boards/${board.id}/plan`, board.tokens.participant);
    expect(JSON.stringify(asParticipant.json)).not.toContain(plan.joinKey);

    const viewer = await connectSynced(testServer().wsUrl, `${board.id}/settings`, board.tokens.viewer);
    await waitFor(() => readBoardPlan(viewer.doc) !== null, 'the plan in the settings document');
    expect(readBoardPlan(viewer.doc)).toEqual({
      id: plan.id,
      name: SEED_PLAN.name,
      period: { number: 2, name: '第2期', first: 2024, last: 2025 },
      periodCount: 4,
      final: false,
      workingGroup: '',
    });
    expect(readBoardPeriod(viewer.doc, Date.now())).toEqual({ first: 2024, last: 2025 });
    const meetings = listMeetings(settingsRoots.meetings(viewer.doc));
    expect(meetings[2]?.produces).toContain('令和6〜7年度に取り組む課題');

    // Renaming a period shows on the board at once.
    const renamed = await call('PATCH', `/api/plans/${plan.id}`, board.tokens.facilitator, {
      periods: [{ number: 2, name: '第2期（R6〜R7）' }],
    });
    expect(renamed.status).toBe(200);
    await waitFor(() => readBoardPlan(viewer.doc)?.period.name === '第2期（R6〜R7）', 'the renamed period');

    // Leaving the plan keeps the period's years as the board's own.
    expect((await call('DELETE', `/api/boards/${board.id}/plan`, board.tokens.facilitator)).status).toBe(200);
    await waitFor(() => readBoardPlan(viewer.doc) === null, 'the plan to leave the settings document');
    expect(readBoardPeriod(viewer.doc, Date.now())).toEqual({ first: 2024, last: 2025 });
    viewer.destroy();
  });

  it('allows one board per period and working group, and shows the plan only to its boards’ members', async () => {
    const plan = await newPlan();
    const first = await createBoard(testServer().url, '第1期の部会');
    const second = await createBoard(testServer().url, 'もう一つの部会');
    const stranger = await createBoard(testServer().url, '関係のないボード');
    const attach = (board: typeof first, body: Record<string, unknown>) =>
      call('PUT', `/api/boards/${board.id}/plan`, board.tokens.facilitator, { joinKey: plan.joinKey, ...body });
    expect((await attach(first, { periodNumber: 1 })).status).toBe(200);
    const taken = await attach(second, { periodNumber: 1 });
    expect(taken.status).toBe(409);
    expect(taken.json.code).toBe('period-taken');
    expect((await attach(second, { periodNumber: 5 })).json.code).toBe('no-period');
    expect((await attach(second, { periodNumber: 1, workingGroup: '窓口部会' })).status).toBe(200);

    const read = await call('GET', `/api/plans/${plan.id}`, second.tokens.viewer);
    expect(read.status).toBe(200);
    expect(read.json.boards).toEqual([
      { boardId: first.id, periodNumber: 1, workingGroup: '', title: '第1期の部会', archived: false },
      { boardId: second.id, periodNumber: 1, workingGroup: '窓口部会', title: 'もう一つの部会', archived: false },
    ]);
    expect(JSON.stringify(read.json)).not.toContain(first.tokens.facilitator);
    expect((await call('GET', `/api/plans/${plan.id}`, stranger.tokens.facilitator)).status).toBe(401);
    // A stranger who read the plan's id (it is in every plan board's settings document) cannot join, so cannot
    // rename the plan or take a period either.
    const intruder = await call('PUT', `/api/boards/${stranger.id}/plan`, stranger.tokens.facilitator, {
      planId: plan.id,
      periodNumber: 2,
    });
    expect(intruder).toMatchObject({ status: 403, json: { code: 'join-key-needed' } });
    expect((await call('PATCH', `/api/plans/${plan.id}`, stranger.tokens.facilitator, { name: 'x' })).status).toBe(401);
    expect(
      (
        await call('PUT', `/api/boards/${stranger.id}/plan`, stranger.tokens.facilitator, {
          joinKey: 'wrong',
          year: 2022,
        })
      ).json.code,
    ).toBe('no-plan');
    expect((await call('PATCH', `/api/plans/${plan.id}`, second.tokens.participant, { name: 'x' })).status).toBe(403);
    expect((await call('GET', '/api/plans/nonexistent', second.tokens.viewer)).status).toBe(404);
  });
});
