import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../../server/main';
import { en } from '../../shared/i18n/en';
import { ja } from '../../shared/i18n/jaAll';
import { launchChromium } from './chromium';
import { shown } from './harness';

describe('the landing page of a server open to the network', () => {
  let browser: Browser;
  const servers: RunningServer[] = [];
  const dataDirs: string[] = [];
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    for (const server of servers) await server.close();
    for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
  });

  async function serve(host: string, adminToken: string | null = null): Promise<string> {
    const dataDir = mkdtempSync(join(tmpdir(), 'board-open-'));
    dataDirs.push(dataDir);
    const server = await startServer({
      port: 0,
      host,
      dataDir,
      adminToken,
      clientDir: resolve('dist/client'),
      log: () => {},
    });
    servers.push(server);
    return `http://127.0.0.1:${server.port}/`;
  }

  it('says that anyone on the network can create boards, in Japanese and in English', async () => {
    const url = await serve('0.0.0.0');
    const page = await browser.newPage();
    await page.goto(url);
    const notice = page.getByRole('note');
    await shown(notice);
    expect(await notice.textContent()).toBe(ja['landing.openCreation.notice']);
    await page.goto(`${url}?lang=en`);
    await shown(page.getByRole('note').filter({ hasText: en['landing.openCreation.notice'] }));
    await page.close();
  });

  it('says nothing on loopback or with ADMIN_TOKEN', async () => {
    for (const url of [await serve('127.0.0.1'), await serve('0.0.0.0', 'an-admin-token-long-enough')]) {
      const page = await browser.newPage();
      const answered = page.waitForResponse((response) => response.url().endsWith('/api/server'));
      await page.goto(url);
      await answered;
      await shown(page.getByRole('heading', { name: ja['landing.create.heading'], exact: true }));
      expect(await page.getByRole('note').count()).toBe(0);
      await page.close();
    }
  });
});
