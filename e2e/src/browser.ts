/**
 * Debian Chromium through playwright-core, with a fresh profile per test file and screenshots as artefacts.
 * Every page a spec looks at (each screenshot and each browser-error check) is also checked with axe-core for
 * WCAG 2.1 A/AA violations, once per distinct address; a violation fails the spec like a console error.
 */
import { randomInt } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { expect, inject } from 'vitest';
import { findChromium } from '../../scripts/chromium.mjs';

export const DEMO_PASSWORD = 'Demo@2026';

export interface Browser {
  context: BrowserContext;
  page: Page;
  errors: string[];
  close(): Promise<void>;
}

/** `baseURL`: a spec that runs a server of its own (to restart it) points the browser there. */
export async function openBrowser(options: { baseURL?: string } = {}): Promise<Browser> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error('Chromium not found: apt-get install -y chromium fonts-noto-cjk, or set CHROMIUM_PATH');
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'kc-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    baseURL: options.baseURL ?? inject('baseURL'),
    viewport: { width: 1440, height: 900 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    acceptDownloads: true,
    // A client address of its own (the e2e server trusts the proxy header): see global-setup.ts.
    extraHTTPHeaders: { 'x-forwarded-for': `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}` },
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const errors: string[] = [];
  a11y.set(page, { errors, checked: new Set() });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/Failed to load resource: the server responded with a status of 4\d\d/.test(m.text())) errors.push(`console: ${m.text()}`);
  });
  return {
    context,
    page,
    errors,
    close: async () => {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** axe-core's own build, read from node_modules: no network. */
const AXE_SOURCE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const a11y = new WeakMap<Page, { errors: string[]; checked: Set<string> }>();

/** One check per page kind: ids in the path (uuids, numbers) do not make a new page. */
function pageKey(url: string): string {
  const u = new URL(url);
  return u.pathname.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, ':id').replace(/\/\d+(?=\/|$)/g, '/:n');
}

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

/** Runs axe-core on the page as it is now; returns one line per violated rule. */
export async function axeViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(
    async (tags) =>
      // @ts-expect-error axe is injected above
      ((await window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] })) as { violations: AxeViolation[] }).violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })),
      })),
    WCAG_TAGS,
  );
  return violations.map(
    (v) => `axe ${pageKey(page.url())}: ${v.id} (${v.impact}) ${v.help} — ${v.nodes.length}× ${v.nodes.slice(0, 4).map((n) => `${n.target.join(' ')}${n.failureSummary ? ` [${n.failureSummary.split('\n').slice(1).join(' ').trim()}]` : ''}`).join('; ')}`,
  );
}

/**
 * Checks the page with axe once per distinct address (called by shot() and expectNoBrowserErrors, so every
 * spec checks the pages it shows); violations join the browser's errors and fail the spec.
 */
export async function checkAccessibility(page: Page): Promise<void> {
  const state = a11y.get(page);
  if (!state || page.isClosed() || page.url().startsWith('about:')) return;
  const key = pageKey(page.url());
  if (state.checked.has(key)) return;
  state.checked.add(key);
  await settle(page);
  state.errors.push(...(await axeViolations(page)));
}

/** CSS animations (modal zoom, message slide-in) finished; spinners (infinite) do not count. */
async function settle(page: Page): Promise<void> {
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity));
}

export async function screenshot(page: Page, name: string): Promise<string> {
  const file = path.join(inject('artifactsDir'), `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

export async function login(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/login');
  await page.getByPlaceholder(/用户名/).fill(username);
  await page.getByPlaceholder(/密码/).fill(password);
  await Promise.all([page.waitForResponse((r) => r.url().endsWith('/api/auth/login')), page.getByRole('button', { name: /^登\s*录$/ }).click()]);
}

export async function expectNoBrowserErrors(b: Browser): Promise<void> {
  await checkAccessibility(b.page);
  expect(b.errors, b.errors.join('\n')).toEqual([]);
}

/** The PageContainer's title (ProComponents renders it as a span, not a heading). */
export const pageTitle = (page: Page, title: string) => page.locator('.ant-page-header-heading-title').filter({ hasText: title });

/** A screenshot once CSS animations (modal zoom, message slide-in) have finished; spinners (infinite) do not count. */
export async function shot(page: Page, name: string): Promise<void> {
  await settle(page);
  await screenshot(page, name);
  await checkAccessibility(page);
}

/** Signs in through the form; a refusal (e.g. RATE_LIMITED) fails here, saying why. */
export async function signIn(page: Page, username: string, password?: string): Promise<void> {
  const [res] = await Promise.all([page.waitForResponse((r) => r.url().endsWith('/api/auth/login')), login(page, username, password)]);
  expect(res.status(), `sign-in as ${username}: ${await res.text()}`).toBe(200);
}

export const rows = (page: Page) => page.locator('.ant-table-tbody tr.ant-table-row');

export const menuItems = async (page: Page) =>
  (await page.locator('.ant-layout-sider .ant-menu-item, .ant-pro-sider .ant-menu-item').allInnerTexts()).map((s) => s.trim()).filter(Boolean);
