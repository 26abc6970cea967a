/**
 * Issue 15 item 2: Excel's `_xHHHH_` escapes turn into NUL (`_x0000_`) and lone surrogates (`_xD800_`) when a
 * workbook is read, which the JSON input filter never sees. Each of the three imports answers such a cell with a
 * row error naming its line and column (never a 500, never a silent U+FFFD), and a re-read shows that the rows
 * already saved are as they were.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiDate } from '@kechuang/domain';
import { createTestApp, problem, type TestApp, type TestClient } from '../../../test/helpers.js';
import { currentReportingMonth } from './reporting.js';

let t: TestApp;
let officer: TestClient;
let dept: TestClient;
const month = currentReportingMonth(shanghaiDate(new Date()));
/** Text PostgreSQL cannot hold, or the replacement character a lone surrogate silently becomes on the way in. */
const damaged = (s: string) => /\u0000|\uFFFD|[\uD800-\uDFFF]/.test(s.replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g, ''));

beforeAll(async () => {
  t = await createTestApp();
  officer = t.client();
  dept = t.client();
  await Promise.all([officer.login('officer'), dept.login('department')]);
});
afterAll(() => t.close());

async function load(bytes: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}
const bytesOf = async (wb: ExcelJS.Workbook) => Buffer.from(await wb.xlsx.writeBuffer());

interface SheetEntry {
  indicator: { code: string };
  report: { state: string; value: string | null; note: string | null } | null;
}

describe('Excel cell escapes (issue 15 item 2)', () => {
  it('monthly reporting upload: _x0000_ and _xD800_ cells are row errors naming line and column; saved drafts stay', async () => {
    const reporting = async () => ((await dept.get(`/api/monitoring/reporting?period=${month}`)).json() as { indicators: SheetEntry[] }).indicators;
    const wb = await load((await dept.get(`/api/monitoring/reporting/template?period=${month}`)).rawPayload);
    const ws = wb.worksheets[0]!;
    const locked = new Set((await reporting()).filter((x) => x.report?.state === 'submitted').map((x) => x.indicator.code));
    const open = [];
    for (let r = 2; r <= ws.rowCount; r++) if (!locked.has(String(ws.getCell(r, 1).value))) open.push(r);
    expect(open.length).toBeGreaterThanOrEqual(2);
    const [nul, surrogate] = open as [number, number];
    // First a clean upload: these are the drafts that must survive the bad one.
    for (const r of [nul, surrogate]) {
      ws.getCell(r, 6).value = String(100 + r);
      ws.getCell(r, 7).value = '第一次导入';
    }
    const first = await dept.upload(`/api/monitoring/reporting/upload?period=${month}`, '填报.xlsx', await bytesOf(wb));
    expect(first.statusCode).toBe(200);
    const saved = await reporting();

    const code = (r: number) => String(ws.getCell(r, 1).value);
    const report = (list: SheetEntry[], r: number) => list.find((x) => x.indicator.code === code(r))!.report;
    const upload = async () => {
      const res = await dept.upload(`/api/monitoring/reporting/upload?period=${month}`, '填报.xlsx', await bytesOf(wb));
      expect(res.statusCode).toBe(200);
      return (res.json() as { errors: { line: number; field: string; message: string }[] }).errors;
    };

    // A lone surrogate alone: before the fix it was saved as U+FFFD without a word.
    ws.getCell(surrogate, 7).value = { richText: [{ text: '说明' }, { text: '_xD800_' }] };
    expect(await upload()).toContainEqual({ line: surrogate, field: '说明', message: expect.stringMatching(new RegExp(`^第${surrogate}行“说明”（G${surrogate}）含有无法保存的字符`)) });
    expect(report(await reporting(), surrogate)).toEqual(report(saved, surrogate));

    // NUL in the value column, beside the surrogate: before the fix the whole upload was a 500.
    ws.getCell(nul, 6).value = '12_x0000_3';
    expect(await upload()).toEqual(
      expect.arrayContaining([
        { line: nul, field: '本期值', message: expect.stringMatching(new RegExp(`^第${nul}行“本期值”（F${nul}）含有无法保存的字符`)) },
        { line: surrogate, field: '说明', message: expect.any(String) },
      ]),
    );
    const after = await reporting();
    expect(report(after, nul)).toEqual(report(saved, nul));
    expect(report(after, surrogate)).toEqual(report(saved, surrogate));
    expect(after.some((x) => damaged(JSON.stringify(x.report ?? {})))).toBe(false);

    // A damaged header refuses the whole file, naming the cell.
    ws.getCell(1, 7).value = '说明_x0000_';
    const header = await dept.upload(`/api/monitoring/reporting/upload?period=${month}`, '填报.xlsx', await bytesOf(wb));
    expect(header.statusCode).toBe(422);
    expect(problem(header)).toMatchObject({ code: 'WORKBOOK_UNSTORABLE_TEXT', errors: [{ field: 'G1' }] });
    expect(await reporting()).toEqual(after);
  });

  it('project import: an escaped project number or title is a row error; the valid row and earlier projects are kept', async () => {
    const list = async () => ((await officer.get('/api/monitoring/portfolio/projects?pageSize=200&year=2026')).json() as { total: number; items: { projectNo: string; title: string; leadName: string }[] }).items;
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('立项项目');
    ws.addRow(['立项年度', '项目编号', '项目名称', '牵头单位', '牵头单位类型', '参与单位类型']);
    ws.addRow(['2026', 'E2026-0001', '早先导入的项目', '甲企业', '企业', '高校']);
    expect((await officer.upload('/api/monitoring/portfolio/import', 'p.xlsx', await bytesOf(wb))).json()).toMatchObject({ saved: 1, errors: [] });
    const before = await list();

    // A lone surrogate alone: before the fix the title was saved with U+FFFD in its place, without a word.
    ws.getRow(2).values = ['2026', 'E2026-0002', '代理字符_xD800_项目', '丁企业', '企业', '企业'];
    const lone = await officer.upload('/api/monitoring/portfolio/import', 'p.xlsx', await bytesOf(wb));
    expect(lone.statusCode).toBe(200);
    expect(lone.json()).toEqual({ saved: 0, errors: [{ line: 2, field: '项目名称', message: expect.stringMatching(/^第2行“项目名称”（C2）含有无法保存的字符/) }] });
    expect(await list()).toEqual(before);

    // With NUL in another row and a valid row: before the fix the whole import was a 500.
    ws.getRow(2).values = ['2026', 'E2026-0003', '正常项目', '乙企业', '企业', '企业'];
    ws.addRow(['2026', 'E2026-_x0000_4', '空字符项目', '丙企业', '企业', '企业']);
    ws.addRow(['2026', 'E2026-0005', '代理字符_xDC00_项目', '丁企业', '企业', '企业']);
    const res = await officer.upload('/api/monitoring/portfolio/import', 'p.xlsx', await bytesOf(wb));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      saved: 1,
      errors: [
        { line: 3, field: '项目编号', message: expect.stringMatching(/^第3行“项目编号”（B3）含有无法保存的字符/) },
        { line: 4, field: '项目名称', message: expect.stringMatching(/^第4行“项目名称”（C4）含有无法保存的字符/) },
      ],
    });
    const after = await list();
    expect(after.map((p) => p.projectNo)).toEqual([...before.map((p) => p.projectNo), 'E2026-0003']);
    expect(after.some((p) => damaged(JSON.stringify(p)))).toBe(false);
  });

  it('town import: an escaped town code or name is a row error; those towns keep the values already saved', async () => {
    const demo = ((await officer.get('/api/monitoring/town-evaluations')).json() as { items: { id: string; title: string }[] }).items.find((x) => x.title.includes('演示'))!;
    const read = async () => (await officer.get(`/api/monitoring/town-evaluations/${demo.id}`)).json() as { towns: { code: string; name: string; values: Record<string, string | null> }[] };
    const before = await read();
    const wb = await load((await officer.get(`/api/monitoring/town-evaluations/${demo.id}/template`)).rawPayload);
    const ws = wb.worksheets[0]!;
    ws.getCell(2, 2).value = `${String(ws.getCell(2, 2).value)}_x0000_`;
    ws.getCell(3, 2).value = `${String(ws.getCell(3, 2).value)}_xD800_`;
    ws.getCell(4, 3).value = '12_x0000_';
    const res = await officer.upload(`/api/monitoring/town-evaluations/${demo.id}/import`, 't.xlsx', await bytesOf(wb));
    expect(res.statusCode).toBe(200);
    const body = res.json() as { saved: number; errors: { line: number; field: string; message: string }[] };
    expect(body.saved).toBe(before.towns.length - 3);
    const indicator = String(ws.getCell(1, 3).value);
    expect(body.errors.map((e) => [e.line, e.field, e.message.split('含有')[0]])).toEqual([
      [2, '镇街名称', '第2行“镇街名称”（B2）'],
      [3, '镇街名称', '第3行“镇街名称”（B3）'],
      [4, indicator, `第4行“${indicator}”（C4）`],
    ]);
    const after = await read();
    for (const line of [2, 3, 4]) {
      const code = String(ws.getCell(line, 1).value);
      expect(after.towns.find((x) => x.code === code)).toEqual(before.towns.find((x) => x.code === code));
    }
    expect(damaged(JSON.stringify(after))).toBe(false);
  });
});
