import { chromium } from 'playwright-core';
const base = 'http://127.0.0.1:5391';
const ctx = await chromium.launchPersistentContext('/tmp/editor-prof-' + Date.now(), { executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox'], baseURL: base, viewport: { width: 1280, height: 720 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
const page = ctx.pages()[0];
page.on('pageerror', (e) => console.log('pageerror', e.message));
page.on('console', (m) => m.type() === 'error' && console.log('console', m.text()));
await page.goto('/login');
await page.getByPlaceholder(/用户名/).fill(process.argv[2] ?? 'applicant');
await page.getByPlaceholder(/密码/).fill('Demo@2026');
await page.getByRole('button', { name: /^登\s*录$/ }).click();
await page.waitForURL((u) => u.pathname === '/');
const list = await page.evaluate(async () => (await (await fetch('/api/applications?pageSize=50')).json()).items.map((a) => [a.id, a.state, a.title]));
console.log(list);
const want = process.argv[3] ?? 'draft';
let app = list.find((a) => a[1] === want);
if (!app) {
  const created = await page.evaluate(async () => {
    const { token } = await (await fetch('/api/auth/csrf')).json();
    const calls = (await (await fetch('/api/public/calls')).json()).items.filter((c) => c.phase === 'open');
    const r = await fetch('/api/applications', { method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf-token': token }, body: JSON.stringify({ callId: calls[0].id, guidelineItemCode: 'BL-2026-02', categoryCode: 'chain' }) });
    return r.json();
  });
  console.log('created', created.id, created.content);
  app = [created.id];
}
await page.goto('/applications/' + app[0]);
await page.getByTestId('checks-panel').waitFor();
await page.waitForTimeout(1500);
await page.screenshot({ path: '/work/wt/editor-shots/dev-basic.png' });
for (const t of (process.argv[4] ?? '').split(',').filter(Boolean)) {
  await page.getByRole('tab', { name: new RegExp(t) }).click();
  await page.waitForTimeout(600);
  await page.screenshot({ path: `/work/wt/editor-shots/dev-${t}.png` });
}
const sw = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
console.log('scrollWidth', sw);
await ctx.close();
