/**
 * Issue 15 item 1: compressed workbooks that expand enormously ("zip bombs"). Eight at once, then eight whose
 * central directory lies about the sizes, are uploaded over real HTTP to the three Excel imports while /api/health is
 * polled: every bomb is refused with a Chinese problem, health answers throughout, and the server stays up.
 */
import ExcelJS from 'exceljs';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiDate } from '@kechuang/domain';
import { createTestApp, DEMO_PASSWORD, type TestApp } from '../../test/helpers.js';
import { repeatedPart, SHEET_HEAD, SHEET_TAIL, writeZip, xlsxShell, type ZipPart } from '../../test/zip.js';
import { currentReportingMonth } from '../modules/monitoring/reporting.js';

const MB = 1024 * 1024;
const month = currentReportingMonth(shanghaiDate(new Date()));
let t: TestApp;
let base: string;
let bombSheet: ZipPart;

/** A browser-like HTTP client: cookies, the CSRF token, multipart uploads. */
class HttpClient {
  private cookies = new Map<string, string>();
  private token = '';

  private absorb(res: Response) {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair!.indexOf('=');
      this.cookies.set(pair!.slice(0, i), pair!.slice(i + 1));
    }
  }

  private headers(): Record<string, string> {
    return { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'x-csrf-token': this.token };
  }

  async login(username: string) {
    const csrf = await fetch(`${base}/api/auth/csrf`);
    this.absorb(csrf);
    this.token = ((await csrf.json()) as { token: string }).token;
    const res = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { ...this.headers(), 'content-type': 'application/json' }, body: JSON.stringify({ username, password: DEMO_PASSWORD }) });
    expect(res.status).toBe(200);
    this.absorb(res);
    // Sign-in rotates the CSRF token (issue 15 item 4): ask for the new one, as the web client does.
    const fresh = await fetch(`${base}/api/auth/csrf`, { headers: this.headers() });
    this.absorb(fresh);
    this.token = ((await fresh.json()) as { token: string }).token;
    return this;
  }

  async get(path: string) {
    return fetch(`${base}${path}`, { headers: this.headers() });
  }

  async upload(path: string, bytes: Buffer) {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(bytes)]), 'bomb.xlsx');
    const res = await fetch(`${base}${path}`, { method: 'POST', headers: this.headers(), body: form });
    return { status: res.status, type: res.headers.get('content-type') ?? '', body: (await res.json()) as { code?: string; title?: string; detail?: string; saved?: number } };
  }
}

let dept: HttpClient;
let officer: HttpClient;
let townId: string;

beforeAll(async () => {
  t = await createTestApp();
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  [dept, officer] = await Promise.all([new HttpClient().login('department'), new HttpClient().login('officer')]);
  const towns = (await (await officer.get('/api/monitoring/town-evaluations')).json()) as { items: { id: string }[] };
  townId = towns.items[0]!.id;
  // One 500 MB cell: the whole sheet part deflates to about 0.5 MB.
  bombSheet = await repeatedPart('xl/worksheets/sheet1.xml', `${SHEET_HEAD}<row r="1"><c r="A1" t="inlineStr"><is><t>`, 'A', 500 * MB, `</t></is></c></row>${SHEET_TAIL}`);
}, 120_000);
afterAll(() => t.close());

/** Runs `work` while polling /api/health every 20 ms and sampling this process's memory; returns what was seen. */
async function underWatch<T>(work: () => Promise<T>) {
  let stop = false;
  const latencies: number[] = [];
  const statuses: number[] = [];
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 10);
  const poll = (async () => {
    while (!stop) {
      const started = performance.now();
      const res = await fetch(`${base}/api/health`);
      await res.arrayBuffer();
      latencies.push(performance.now() - started);
      statuses.push(res.status);
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  try {
    const result = await work();
    return { result, latencies, statuses, peakRss };
  } finally {
    stop = true;
    await poll;
    clearInterval(sampler);
  }
}

const targets = () => [
  (b: Buffer) => dept.upload(`/api/monitoring/reporting/upload?period=${month}`, b),
  (b: Buffer) => officer.upload('/api/monitoring/portfolio/import', b),
  (b: Buffer) => officer.upload(`/api/monitoring/town-evaluations/${townId}/import`, b),
];

describe('Excel uploads that expand enormously (issue 15 item 1)', () => {
  it('eight parallel bombs, honest and lying central directories, are refused in Chinese while health answers under 1 s', async () => {
    const honest = writeZip([...xlsxShell(), bombSheet]);
    // The same data, but every header says the sheet inflates to 4 KB.
    const lying = writeZip([...xlsxShell(), { ...bombSheet, declaredSize: 4096 }]);
    expect(honest.length).toBeLessThan(0.7 * MB);
    expect(bombSheet.size).toBeGreaterThan(500 * MB);
    // One of each first, on its own: the burst below then measures a warm server, as production is.
    expect((await targets()[0]!(honest)).status).toBe(413);
    expect((await targets()[0]!(lying)).status).toBe(422);
    const before = process.memoryUsage().rss;
    const send = (file: Buffer) => Promise.all(Array.from({ length: 8 }, (_, i) => targets()[i % 3]!(file)));
    const watched = await underWatch(async () => ({ honest: await send(honest), lying: await send(lying) }));

    for (const res of watched.result.honest) {
      expect(res.status).toBe(413);
      expect(res.type).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({ code: 'WORKBOOK_TOO_LARGE', title: 'Excel 文件解压后过大' });
      expect(res.body.detail).toMatch(/解压后有 \d+ MB，超过 32 MB 的上限/);
    }
    for (const res of watched.result.lying) {
      expect(res.status).toBe(422);
      expect(res.body).toMatchObject({ code: 'WORKBOOK_SUSPICIOUS', title: 'Excel 文件结构异常' });
      expect(res.body.detail).toContain('实际解压后比声明的大');
    }
    expect(watched.statuses.length).toBeGreaterThan(0);
    expect(watched.statuses.every((s) => s === 200)).toBe(true);
    const worst = Math.max(...watched.latencies);
    expect(worst).toBeLessThan(1000);
    const growthMb = Math.round((watched.peakRss - before) / MB);
    console.info(`bomb test: ${watched.latencies.length} health polls (ms: ${watched.latencies.map((l) => l.toFixed(0)).join(" ")}), worst ${worst.toFixed(0)} ms; RSS before ${Math.round(before / MB)} MB, peak ${Math.round(watched.peakRss / MB)} MB (+${growthMb} MB)`);
    expect(growthMb).toBeLessThan(256);

    // Still serving: a real filled-in template is read and saved as before.
    const template = Buffer.from(await (await dept.get(`/api/monitoring/reporting/template?period=${month}`)).arrayBuffer());
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(template as unknown as ArrayBuffer);
    wb.worksheets[0]!.getCell(2, 7).value = '炸弹之后仍可上传';
    const ok = await dept.upload(`/api/monitoring/reporting/upload?period=${month}`, Buffer.from(await wb.xlsx.writeBuffer()));
    expect(ok.status).toBe(200);
  });
});
