import { describe, expect, it } from 'vitest';
import { checkExternalHeader, externalRecordTitle, parseExternalRecordRow } from './external-records.js';
import { duplicateTemplateOptions, sameTemplateOptions } from './duplicate-template.js';
import { createNormaliser, normalisedString } from '../dedupe/index.js';
import { DEFAULT_PROPOSAL_TEMPLATE } from '../programmes/proposal-template.js';

const header = ['来源类型', '记录编号', '项目名称', '承担单位', '统一社会信用代码', '年度', '项目摘要', '研究内容'];

describe('external records for 查重 (BL-9)', () => {
  it('BL-9: a valid row becomes a record whose text sections keep their titles and ranges', () => {
    const r = parseExternalRecordRow(header, 2, ['上级项目', ' SJ-1 ', '名称', '单位', '91330211ma2j8dlt1m', '2023', '摘要文字', '内容文字'], 2026);
    expect('record' in r).toBe(true);
    if (!('record' in r)) return;
    expect(r.record).toMatchObject({ sourceType: 'higherLevel', recordNo: 'SJ-1', creditCode: '91330211MA2J8DLT1M', year: 2023 });
    for (const s of r.record.sections) expect(r.record.text.slice(s.start, s.end)).toBe(s.title === '项目摘要' ? '摘要文字' : '内容文字');
    expect(externalRecordTitle(r.record)).toBe('上级项目：名称（单位，2023年，编号 SJ-1）');
  });

  it('BL-9: every bad cell is reported with its line, column letter and heading, in Chinese', () => {
    const r = parseExternalRecordRow(header, 7, ['科研项目', '', '', '单位', '123', '2030', '', ''], 2026);
    expect('errors' in r && r.errors.map((e) => `${e.line}${e.column}`)).toEqual(['7A', '7B', '7C', '7E', '7F']);
    if ('errors' in r) expect(r.errors[0]!.message).toMatch(/^第7行A列“来源类型”：“科研项目”不是可导入的来源类型/);
  });

  it('BL-9: a row with no text at all is refused, and a sheet that is not the template is refused whole', () => {
    const r = parseExternalRecordRow(header, 3, ['往年项目', 'W-1', '名称', '单位', '', '2020', '', ''], 2026);
    expect('errors' in r && r.errors[0]!.column).toBe('G');
    expect(checkExternalHeader(['类型'])).toContain('第1行A列应为“来源类型”');
    expect(checkExternalHeader(header.slice(0, 6))).toContain('没有正文列');
    expect(checkExternalHeader(header)).toBeNull();
  });
});

describe('the calls’ template text for 查重 (BL-9)', () => {
  it('BL-9: titles become headings, prompts and guideline sentences become phrases, sorted and deduplicated', () => {
    const call = { formSections: [{ key: 's', title: '研究内容', items: [{ key: 's.a', title: '技术路线', kind: 'richText' as const, required: true, hint: '请说明拟采用的技术路线。并附图' }] }], guidelineItems: [{ title: '压铸模具', description: '突破压铸模具设计仿真关键技术。开发寿命预测系统' }] };
    const o = duplicateTemplateOptions([call, call]);
    expect(o.headings).toEqual(expect.arrayContaining(['研究内容', '技术路线', '压铸模具', DEFAULT_PROPOSAL_TEMPLATE[0]!.title]));
    expect(o.templatePhrases).toEqual(expect.arrayContaining(['请说明拟采用的技术路线。并附图', '请说明拟采用的技术路线', '突破压铸模具设计仿真关键技术']));
    // Short sentences (「并附图」) are not phrases: removing them everywhere would delete applicants' own words.
    expect(o.templatePhrases).not.toContain('并附图');
    expect(new Set(o.templatePhrases).size).toBe(o.templatePhrases.length);
    expect([...o.templatePhrases].sort()).toEqual(o.templatePhrases);
    expect(sameTemplateOptions(o, duplicateTemplateOptions([call]))).toBe(true);
    expect(sameTemplateOptions(o, duplicateTemplateOptions([]))).toBe(false);
    // What the normaliser then removes from an applicant's text.
    expect(normalisedString(createNormaliser(o)('突破压铸模具设计仿真关键技术。本单位的方案'))).toBe('本单位的方案');
  });
});
