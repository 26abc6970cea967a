import { describe, expect, it } from 'vitest';
import { residentIdCheckChar } from '../applications/resident-id.js';
import { checkExpertImportHeader, EXPERT_IMPORT_COLUMNS, parseExpertImportRow, splitListCell } from './expert-import.js';

const id = (seq: string) => `33020619750101${seq}` + residentIdCheckChar(`33020619750101${seq}`);
const taxonomy = [
  { code: 'equipment', name: '高端装备', programmes: ['北仑'] },
  { code: 'materials', name: '新材料', programmes: ['北仑'] },
];
const row = (over: Record<number, string> = {}) => {
  const cells = ['演示专家', id('001'), '研究员', '演示研究院', '', '浙江省宁波市北仑区', '高端装备、materials', '模具，热处理', '', '', ''];
  for (const [i, v] of Object.entries(over)) cells[Number(i)] = v;
  return cells;
};

describe('P315-4: expert import rows', () => {
  it('checks the header against the template', () => {
    expect(checkExpertImportHeader([...EXPERT_IMPORT_COLUMNS])).toBeNull();
    expect(checkExpertImportHeader(['姓名', '身份证'])).toBe('第1行B列应为“身份证号码”，实际为“身份证”。请使用“下载模板”得到的表格。');
  });

  it('splits list cells on the separators people type', () => {
    expect(splitListCell('模具、热处理，压铸; 铝合金\n')).toEqual(['模具', '热处理', '压铸', '铝合金']);
  });

  it('parses a good row, fields by name or code', () => {
    const r = parseExpertImportRow(2, row(), taxonomy);
    expect(r).toMatchObject({ profile: { name: '演示专家', fields: ['equipment', 'materials'], keywords: ['模具', '热处理'], organisationCreditCode: '' } });
  });

  it('reports each bad cell with its line, column letter and heading', () => {
    const r = parseExpertImportRow(7, row({ 1: '33020619750101001', 4: '123', 6: '航天' }), taxonomy);
    expect('errors' in r).toBe(true);
    if (!('errors' in r)) return;
    expect(r.errors.map((e) => [e.line, e.column, e.field])).toEqual([
      [7, 'B', '身份证号码'],
      [7, 'E', '统一社会信用代码'],
      [7, 'G', '评审领域'],
    ]);
    expect(r.errors[2]!.message).toBe('第7行G列“评审领域”：“航天”不是现行计划中的领域，可填：高端装备（equipment）、新材料（materials）');
  });

  it('an empty name and field cell are errors in their own columns', () => {
    const r = parseExpertImportRow(3, row({ 0: '', 6: '' }), taxonomy);
    if (!('errors' in r)) throw new Error('expected errors');
    expect(r.errors.map((e) => e.column)).toEqual(['A', 'G']);
  });
});
