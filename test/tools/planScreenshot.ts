/**
 * docs/screenshot-plan.png: the plan view (計画) of a plan with two periods, made as the browser test makes it
 * (test/tools/planFixture.ts). Part of `npm run screenshots`; alone (after a client build):
 * `npx tsx test/tools/planScreenshot.ts`.
 */
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import {
  addPlannedInitiatives,
  FIRST_PERIOD_INITIATIVES,
  PLAN_NAME,
  planCall,
  SECOND_PERIOD_INITIATIVE,
  writeVerifications,
} from './planFixture';
import {
  createToolBoard,
  editBoardDocs,
  openBoard,
  openToolBrowser,
  type ToolBoard,
  withToolServer,
} from './toolBoard';

export async function capturePlan(page: Page, serverUrl: string): Promise<void> {
  const first = await createToolBoard(serverUrl, '庁内部会');
  const facilitator = first.tokens.facilitator ?? '';
  await planCall(serverUrl, 'POST', `/api/boards/${first.id}/plan`, facilitator, {
    name: PLAN_NAME,
    firstYear: 2022,
    year: 2022,
  });
  await editBoardDocs(serverUrl, first, (board, settings) =>
    addPlannedInitiatives(board, settings, FIRST_PERIOD_INITIATIVES),
  );
  const next = await planCall<ToolBoard>(serverUrl, 'POST', `/api/boards/${first.id}/next-period`, facilitator);
  await editBoardDocs(serverUrl, next, (board, settings) => {
    writeVerifications(board);
    addPlannedInitiatives(board, settings, [SECOND_PERIOD_INITIATIVE]);
  });
  // The plan view links the first period's board: the next board's link reads it (server/auth.ts).
  await openBoard(page, serverUrl, next, '?view=plan');
  await page.getByRole('table').first().waitFor();
  await page.screenshot({ path: 'docs/screenshot-plan.png', fullPage: true });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await withToolServer(async (serverUrl) => {
    const { browser, page } = await openToolBrowser({ width: 1366, height: 768 });
    await capturePlan(page, serverUrl);
    await browser.close();
    console.log('saved docs/screenshot-plan.png');
  });
  process.exit(0);
}
