/**
 * The shared workbook reader's guards, each on its own: the central-directory limits, a directory that lies, the
 * worker's memory and time budget, the bound on parses at once, and the text hygiene every cell goes through.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { part, repeatedPart, SHEET_HEAD, SHEET_TAIL, writeZip, xlsxShell, type ZipPart } from '../../test/zip.js';
import { registerErrorHandler } from './error-handler.js';
import { readFirstSheet } from './workbook.js';
import { parseInWorker } from './workbook-pool.js';
import { WORKBOOK_LIMITS, type WorkbookLimits } from './workbook-limits.js';

const MB = 1024 * 1024;
const read = (file: Buffer, limits: WorkbookLimits = WORKBOOK_LIMITS) => readFirstSheet(file, { maxRows: 20_000, tooManyRows: '行数过多', limits });
const sheetOf = (xml: string) => writeZip([...xlsxShell(), part('xl/worksheets/sheet1.xml', SHEET_HEAD + xml + SHEET_TAIL)]);
/** A directory entry whose data is never inflated because the directory alone refuses it. */
const declared = (name: string, declaredSize: number, compressed = 1024): ZipPart => ({ name, deflated: randomBytes(compressed), crc32: 0, size: declaredSize, declaredSize });

async function workbook(rows: (string | number | ExcelJS.CellValue)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('表');
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('the archive is checked before anything parses it', () => {
  it('refuses more parts than a workbook has', async () => {
    const parts = Array.from({ length: WORKBOOK_LIMITS.maxEntries + 1 }, (_, i) => part(`xl/media/p${i}.xml`, '<a/>'));
    await expect(read(writeZip([...xlsxShell(), ...parts]))).rejects.toMatchObject({ code: 'WORKBOOK_SUSPICIOUS', status: 422, detail: expect.stringContaining('个部件（上限 500 个）') });
  });

  it('refuses one part declared larger than the per-part limit, and parts adding up past the total', async () => {
    await expect(read(writeZip([...xlsxShell(), declared('xl/worksheets/sheet1.xml', 40 * MB, 400 * 1024)]))).rejects.toMatchObject({ code: 'WORKBOOK_TOO_LARGE', status: 413, detail: expect.stringContaining('超过 32 MB 的上限') });
    const three = [1, 2, 3].map((i) => declared(`xl/worksheets/sheet${i}.xml`, 30 * MB, 300 * 1024));
    await expect(read(writeZip([...xlsxShell(), ...three]))).rejects.toMatchObject({ code: 'WORKBOOK_TOO_LARGE', detail: expect.stringContaining('超过 64 MB 的上限') });
  });

  it('refuses a compression ratio only a bomb has, but not a small part that compresses well', async () => {
    const dense = await repeatedPart('xl/worksheets/sheet1.xml', SHEET_HEAD, ' ', 4 * MB, SHEET_TAIL);
    await expect(read(writeZip([...xlsxShell(), dense]))).rejects.toMatchObject({ code: 'WORKBOOK_SUSPICIOUS', detail: expect.stringContaining('压缩比异常') });
    // 200 KB of blanks (ratio far above 200) is below the floor where the ratio counts: it is read.
    const small = await repeatedPart('xl/worksheets/sheet1.xml', `${SHEET_HEAD}<row r="1"><c r="A1" t="inlineStr"><is><t>表头</t></is></c></row>`, ' ', 200 * 1024, SHEET_TAIL);
    await expect(read(writeZip([...xlsxShell(), small]))).resolves.toMatchObject({ header: ['表头'] });
  });

  it('refuses duplicate parts, parts outside the archive and absurdly deep paths', async () => {
    const sheet = part('xl/worksheets/sheet1.xml', SHEET_HEAD + SHEET_TAIL);
    await expect(read(writeZip([...xlsxShell(), sheet, { ...sheet, name: 'XL/worksheets/Sheet1.xml' }]))).rejects.toMatchObject({ code: 'WORKBOOK_SUSPICIOUS', detail: expect.stringContaining('重复的部件') });
    await expect(read(writeZip([...xlsxShell(), sheet, part('../../etc/cron.d/x', 'x')]))).rejects.toMatchObject({ code: 'WORKBOOK_SUSPICIOUS', detail: expect.stringContaining('路径不合法') });
    await expect(read(writeZip([...xlsxShell(), sheet, part('/etc/passwd', 'x')]))).rejects.toMatchObject({ code: 'WORKBOOK_SUSPICIOUS' });
    await expect(read(writeZip([...xlsxShell(), sheet, part('a/b/c/d/e/f/g/h/i.xml', 'x')]))).rejects.toMatchObject({ code: 'WORKBOOK_SUSPICIOUS', detail: expect.stringContaining('层级过深') });
  });

  it('stops inflating a part at the size its directory entry declared', async () => {
    const real = await repeatedPart('xl/worksheets/sheet1.xml', SHEET_HEAD, ' ', 300 * MB, SHEET_TAIL);
    const started = Date.now();
    await expect(read(writeZip([...xlsxShell(), { ...real, declaredSize: 1000 }]))).rejects.toMatchObject({ code: 'WORKBOOK_SUSPICIOUS', detail: expect.stringContaining('实际解压后比声明的大') });
    // Inflating all 300 MB takes seconds; stopping at the declared kilobyte takes milliseconds.
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('answers a file that is no zip at all as unreadable', async () => {
    await expect(read(Buffer.from('not a zip'))).rejects.toMatchObject({ code: 'WORKBOOK_UNREADABLE', status: 400 });
  });
});

describe('the parse runs in a worker within a budget', { timeout: 60_000 }, () => {
  const rows = Array.from({ length: 5000 }, (_, i) => ['2025', `T-${i}`, `第${i}号项目的一个较长名称`, `企业${i}`, '企业', '企业、高校']);

  it('a parse that needs more heap than allowed ends the worker, not the server', async () => {
    const file = await workbook([['立项年度'], ...rows]);
    // A budget well below this file's needs but not far below what V8 itself needs to run: at a few MB the heap
    // limit can be hit inside V8's own start-up allocations, which aborts the whole test process (seen once in CI).
    await expect(read(file, { ...WORKBOOK_LIMITS, workerHeapMb: 24, workerYoungGenerationMb: 4 })).rejects.toMatchObject({ code: 'WORKBOOK_TOO_COMPLEX', status: 422, detail: expect.not.stringContaining('秒内') });
    // The same file within the real budget is read.
    expect((await read(file)).rows).toHaveLength(5000);
  });

  it('a bomb that got past the archive check would end only its worker: the heap budget holds', async () => {
    const real = await repeatedPart('xl/worksheets/sheet1.xml', `${SHEET_HEAD}<row r="1"><c r="A1" t="inlineStr"><is><t>`, 'A', 500 * MB, `</t></is></c></row>${SHEET_TAIL}`);
    const file = writeZip([...xlsxShell(), { ...real, declaredSize: 4096 }]);
    let peak = process.memoryUsage().rss;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
    // Straight to the worker, as if the directory check had been fooled.
    const outcome = await parseInWorker({ file: new Uint8Array(file), maxRows: 100 }, WORKBOOK_LIMITS).finally(() => clearInterval(sampler));
    expect(outcome).toEqual({ kind: 'outOfMemory' });
    console.info(`bomb past the archive check: worker ran out of heap; peak RSS of this process ${Math.round(peak / MB)} MB`);
  });

  it('a parse that takes longer than allowed is ended and refused', async () => {
    const file = await workbook([['立项年度'], ...rows]);
    await expect(read(file, { ...WORKBOOK_LIMITS, parseTimeoutMs: 50 })).rejects.toMatchObject({ code: 'WORKBOOK_TOO_COMPLEX', detail: expect.stringContaining('秒内') });
  });

  it('parses beyond the running and queued slots are told to come back later', async () => {
    const file = await workbook([['a'], ['b']]);
    const limits = { ...WORKBOOK_LIMITS, concurrentParses: 1, queuedParses: 1 };
    const outcomes = await Promise.allSettled([read(file, limits), read(file, limits), read(file, limits)]);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(2);
    const busy = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected')!.reason;
    expect(busy).toMatchObject({ code: 'UPLOADS_BUSY', status: 503, extra: { retryAfter: WORKBOOK_LIMITS.retryAfterSeconds } });
    expect(busy.detail).toContain('秒后重新上传');
    // Slots are given back: the next parse runs.
    await expect(read(file, limits)).resolves.toBeDefined();
    // Over HTTP the refusal carries Retry-After.
    const app = Fastify();
    registerErrorHandler(app);
    app.get('/busy', async () => {
      throw busy;
    });
    const res = await app.inject({ method: 'GET', url: '/busy' });
    expect(res.statusCode).toBe(503);
    expect(res.headers['retry-after']).toBe(String(WORKBOOK_LIMITS.retryAfterSeconds));
    expect(res.json()).toMatchObject({ code: 'UPLOADS_BUSY', title: '服务器正忙', retryAfter: WORKBOOK_LIMITS.retryAfterSeconds });
    await app.close();
  });
});

describe('every cell goes through the JSON input hygiene (issue 15 item 2)', () => {
  it('a header cell with _x0000_ refuses the file, naming the cell', async () => {
    await expect(read(await workbook([['编码', '名称_x0000_'], ['a', 'b']]))).rejects.toMatchObject({ code: 'WORKBOOK_UNSTORABLE_TEXT', status: 422, errors: [{ field: 'B1' }] });
  });

  it('rows with NUL or a lone surrogate come back as row errors naming line and column; the other rows are read', async () => {
    const sheet = await read(await workbook([['编码', '名称', '说明'], ['a', '正常', '😀 成对的代理字符可以保存'], ['b', '坏_x0000_', ''], ['c', '', { richText: [{ text: '富文本' }, { text: '_xD800_' }] }], ['d', '替换字符 \uFFFD 可以保存', '']]));
    expect(sheet.rows.map((r) => r.line)).toEqual([2, 5]);
    expect(sheet.refused).toEqual([
      { line: 3, field: '名称', message: expect.stringMatching(/^第3行“名称”（B3）含有无法保存的字符/) },
      { line: 4, field: '说明', message: expect.stringMatching(/^第4行“说明”（C4）/) },
    ]);
  });

  it('inline rich-text strings (which ExcelJS decodes too) are checked; formula results and error values read as plain values', async () => {
    const sheet = await read(
      sheetOf(
        '<row r="1"><c r="A1" t="inlineStr"><is><t>编码</t></is></c></row>' +
          '<row r="2"><c r="A2" t="inlineStr"><is><t>x</t></is></c><c r="D2" t="inlineStr"><is><r><t>a_x0000_b</t></r></is></c></row>' +
          '<row r="3"><c r="A3" t="str"><f>"y"</f><v>y</v></c><c r="C3" t="e"><v>#N/A</v></c><c r="D3"><f>1+1</f><v>2</v></c></row>',
      ),
    );
    expect(sheet.refused).toEqual([{ line: 2, field: 'D列', message: expect.stringMatching(/^第2行“D列”（D2）含有无法保存的字符/) }]);
    expect(sheet.rows).toEqual([{ line: 3, cells: ['y', '', '#N/A', 2] }]);
  });
});

describe('one way in', () => {
  it('no server code but the worker loads a workbook, so every later import goes through the checks above', () => {
    const src = path.resolve(import.meta.dirname, '..');
    const offenders = fs
      .readdirSync(src, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.endsWith('workbook-worker.ts'))
      .filter((f) => /\.xlsx\.(load|read)\b|\.csv\.read\b|new\s+ExcelJS\.stream\.xlsx\.WorkbookReader/.test(fs.readFileSync(path.join(src, f), 'utf8')));
    expect(offenders).toEqual([]);
  });
});
