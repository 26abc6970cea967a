import { describe, expect, it } from 'vitest';
import { DEFAULT_PROPOSAL_TEMPLATE, EXAMPLE_RESIDENT_ID, exampleBeilunContent, maskResidentId } from '@kechuang/domain';
import { canonicalJson, contentHash } from './content-hash.js';
import { renderReceipt, type ReceiptInput } from './receipt.js';

/** Text of each page, through pdf.js (what a reader's viewer shows and copies). */
async function pageTexts(pdf: Buffer): Promise<string[]> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: new Uint8Array(pdf), useSystemFonts: false, disableFontFace: true, isEvalSupported: false }).promise;
  const out: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    const tc = await page.getTextContent();
    out.push(tc.items.map((it) => ('str' in it ? it.str : '')).join(''));
  }
  await doc.destroy();
  return out;
}

function input(over: Partial<ReceiptInput> = {}): ReceiptInput {
  const content = exampleBeilunContent();
  // Long answers so the receipt runs over several pages.
  content.sections = Object.fromEntries(Object.keys(content.sections!).map((k) => [k, `${k}：${'面向一体化压铸的高端模具设计、仿真与制造关键技术研究。'.repeat(40)}`]));
  return {
    applicationNo: 'SB-2026-000123',
    version: 3,
    contentHash: contentHash(content),
    submittedAt: new Date('2026-07-01T10:00:00+08:00'),
    generatedAt: new Date('2026-07-01T10:00:01+08:00'),
    call: { title: '2026年度北仑区关键核心技术攻关项目申报指南（演示）', programmeName: '北仑区关键核心技术攻关项目' },
    organisation: { name: '宁波甬创智能装备有限公司', creditCode: '91330206MA2KC7HX53' },
    guidelineItem: { code: 'BL-2026-02', title: '大型一体化压铸高端模具设计与制造' },
    categoryName: '强链类',
    fieldName: '高端装备',
    formSections: DEFAULT_PROPOSAL_TEMPLATE,
    content,
    ...over,
  };
}

describe('content hash', () => {
  it('is the SHA-256 of the canonical JSON: key order does not matter, any change does', () => {
    expect(canonicalJson({ b: 1, a: [2, { d: '中', c: null }] })).toBe('{"a":[2,{"c":null,"d":"中"}],"b":1}');
    expect(contentHash({ b: 1, a: 2 })).toBe(contentHash({ a: 2, b: 1 }));
    expect(contentHash({ a: 2 })).not.toBe(contentHash({ a: 3 }));
    expect(contentHash({})).toBe('44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a');
  });
});

describe('PDF receipt (申报书)', () => {
  it('prints the application number, generation time, page numbers and the content hash on every page, in Chinese', async () => {
    const r = input();
    const pdf = await renderReceipt(r);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const pages = await pageTexts(pdf);
    expect(pages.length).toBeGreaterThan(1);
    pages.forEach((text, i) => {
      const flat = text.replace(/\s+/g, '');
      expect(flat).toContain(r.contentHash);
      expect(flat).toContain('申报编号SB-2026-000123');
      expect(flat).toContain('生成时间2026-07-0110:00:01（北京时间）');
      expect(flat).toContain(`第${i + 1}页/共${pages.length}页`);
    });
    const all = pages.join('').replace(/\s+/g, '');
    expect(all).toContain('大型一体化压铸高端模具设计与制造关键技术');
    expect(all).toContain('宁波甬创智能装备有限公司');
  }, 60_000);

  it('masks the leader’s ID number: the full number appears nowhere in the PDF', async () => {
    const pages = (await pageTexts(await renderReceipt(input()))).join('');
    expect(pages).toContain(maskResidentId(EXAMPLE_RESIDENT_ID));
    expect(pages).not.toContain(EXAMPLE_RESIDENT_ID);
  }, 60_000);

  it('is deterministic: the same input gives the same bytes; another generation time gives other bytes', async () => {
    const a = await renderReceipt(input());
    const b = await renderReceipt(input());
    expect(a.equals(b)).toBe(true);
    const c = await renderReceipt(input({ generatedAt: new Date('2026-07-01T10:00:02+08:00') }));
    expect(c.equals(a)).toBe(false);
  }, 60_000);
});
