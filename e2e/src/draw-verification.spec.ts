/**
 * Draw verification (随机抽取) as anyone does it: open the public record of a draw made through the real use cases,
 * re-run it in the browser (一致), check a tampered copy uploaded as a file (不一致 with the first difference), at
 * desktop and phone width (390 px). Then the officer's 随机抽取 tab and the observer's 抽取见证 page.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoBrowserErrors, openBrowser, pageTitle, shot, signIn, type Browser } from './browser.js';
import { ownServer, type OwnServer } from './own-server.js';

const root = path.resolve(import.meta.dirname, '../..');
let server: OwnServer;
let b: Browser;
let ids: { drawId: string; roundId: string };

beforeAll(async () => {
  server = await ownServer({
    prepare: async (dataDir) => {
      const out = await promisify(execFile)(process.execPath, ['--import', 'tsx', path.join(root, 'e2e/fixtures/draw-data.ts'), dataDir], { cwd: root, maxBuffer: 8 << 20 });
      ids = JSON.parse(out.stdout.trim().split('\n').at(-1)!) as typeof ids;
    },
  });
  b = await openBrowser({ baseURL: server.baseURL });
}, 300_000);
afterAll(async () => {
  await b?.close();
  await server?.dispose();
});

const overflow = () => b.page.evaluate(() => (document.scrollingElement?.scrollWidth ?? 0) - window.innerWidth);

async function verifyHere(): Promise<string> {
  const page = b.page;
  await page.getByRole('button', { name: /在浏览器中验证/ }).click();
  const result = page.getByTestId('verify-result');
  await result.waitFor();
  return (await result.innerText()).trim();
}

describe('public draw verification', () => {
  it('lists the draw, re-runs it in the browser (一致), and reports a tampered file (不一致) with its first difference', async () => {
    const page = b.page;
    await page.goto('/public/draws');
    await page.getByRole('link', { name: /北仑区/ }).first().click();
    await page.waitForURL(`**/public/draws/${ids.drawId}`);
    await page.getByText('抽取承诺与随机来源').waitFor();
    expect(await verifyHere()).toMatch(/^一致：/);
    await shot(page, 'draw-verification');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /下载记录/ }).click()]);
    const saved = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kc-draw-')), 'record.json');
    await download.saveAs(saved);
    const rec = JSON.parse(fs.readFileSync(saved, 'utf8')) as { sourceValues: string[]; record: { seed: string } };
    expect(rec.sourceValues).toHaveLength(2);
    rec.sourceValues[0] = '5 8 3';
    const tampered = path.join(path.dirname(saved), 'tampered.json');
    fs.writeFileSync(tampered, JSON.stringify(rec));
    await page.locator('input[type=file]').setInputFiles(tampered);
    await page.getByTestId('verify-result').filter({ hasText: '不一致' }).waitFor();
    expect(await page.getByTestId('verify-result').innerText()).toContain('随机种子');
    await expectNoBrowserErrors(b);
  });

  it('fits a 390 px phone and verifies there too', async () => {
    const page = b.page;
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`/public/draws/${ids.drawId}`);
    await page.getByText('抽取承诺与随机来源').waitFor();
    expect(await verifyHere()).toMatch(/^一致：/);
    expect(await overflow()).toBeLessThanOrEqual(0);
    await shot(page, 'draw-verification-phone');
    await page.goto('/public/draws');
    await page.getByRole('link', { name: /北仑区/ }).first().waitFor();
    expect(await overflow()).toBeLessThanOrEqual(0);
    await shot(page, 'draw-list-phone');
    await page.setViewportSize({ width: 1440, height: 900 });
    await expectNoBrowserErrors(b);
  });

  it("the officer's 随机抽取 tab shows the commitment and the result; the observer's 抽取见证 page lists the draw", async () => {
    const page = b.page;
    await signIn(page, 'officer');
    await page.goto(`/review/${ids.roundId}?tab=draw`);
    await page.getByText('抽取结果').waitFor();
    await shot(page, 'draw-round-tab');
    await b.context.clearCookies();
    await signIn(page, 'observer');
    await page.goto('/review/witness');
    await pageTitle(page, '抽取见证').waitFor();
    await page.getByText('已抽取').first().waitFor();
    // Every drawn draw on the page (the demo data's and this spec's own): each opens, and none disagrees with its commitments.
    const buttons = page.getByRole('button', { name: /开启化名/ });
    await expect.poll(() => buttons.count()).toBeGreaterThanOrEqual(1);
    while ((await buttons.count()) > 0) {
      const before = await buttons.count();
      await buttons.first().click();
      await expect.poll(() => buttons.count()).toBe(before - 1);
    }
    // Opened, each pseudonym shows its real identity: the applications' numbers come first (A… sorts before E…), so
    // they are on the first page whatever the experts' random ids; the fixture's experts may be on a later page.
    await page.getByText(/^SB-\d{4}-\d{6}$/).first().waitFor();
    const expertName = page.getByText(/^演示抽取专家\d$/);
    for (let i = 0; i < 4 && (await expertName.count()) === 0; i++) {
      await page.locator('.ant-pagination-next:not(.ant-pagination-disabled)').first().click();
    }
    await expertName.first().waitFor();
    expect(await page.locator('.ant-tag').filter({ hasText: '不符' }).count()).toBe(0);
    await shot(page, 'draw-witness');
    await expectNoBrowserErrors(b);
  });
});
