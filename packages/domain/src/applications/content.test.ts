import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PROPOSAL_TEMPLATE } from '../programmes/proposal-template.js';
import { budgetTotals } from './checks.js';
import { applicationDraftSchema, applicationSubmissionSchema, BUDGET_SOURCES, charCount, textSectionsSchema } from './content.js';
import { exampleBeilunContent } from './fixtures.js';

describe('application content schemas', () => {
  it('a draft takes any partial content, including a half-typed ID number and credit code', () => {
    const r = applicationDraftSchema.safeParse({ basic: { title: '半', keywords: [''] }, indicators: [{ name: '' }], team: { leader: { idNumber: '3302' } }, partners: [{ creditCode: '9133' }] });
    expect(r.success).toBe(true);
  });

  it('a draft still refuses wrong types and oversized lists, in Chinese', () => {
    const r = applicationDraftSchema.safeParse({ budget: { lines: [{ fiscalCityYuan: 1.5 }] }, indicators: Array.from({ length: 101 }, () => ({})) });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.message)).toEqual(expect.arrayContaining(['市级财政经费须为整数元', '考核指标不超过100项']));
  });

  it('the complete example passes the submission schema', () => {
    expect(applicationSubmissionSchema.safeParse(exampleBeilunContent()).error?.issues ?? []).toEqual([]);
  });

  it('the submission schema asks for each missing field by name', () => {
    const r = applicationSubmissionSchema.safeParse({ basic: { title: '示例项目' } });
    const byPath = Object.fromEntries(r.error!.issues.map((i) => [i.path.join('.'), i.message]));
    expect(byPath).toMatchObject({ 'basic.categoryCode': '请填写类别', 'team.leader.name': '请填写负责人姓名', indicators: '至少填写1项考核指标', 'basic.taskType': '请选择任务类型' });
  });

  it('dates must be ordered and subjects unique', () => {
    const c = exampleBeilunContent();
    c.basic!.endDate = c.basic!.startDate;
    c.budget!.lines!.push({ ...c.budget!.lines![0]! });
    const paths = applicationSubmissionSchema.safeParse(c).error!.issues.map((i) => `${i.path.join('.')} ${i.message}`);
    expect(paths).toEqual(expect.arrayContaining(['basic.endDate 结束日期须晚于开始日期', 'budget.lines.2.subject 预算科目“设备费”重复']));
  });

  it('NB-11 text sections from the template: required items must be filled at submission, limits count characters not UTF-16 units', () => {
    const strict = textSectionsSchema(DEFAULT_PROPOSAL_TEMPLATE, true);
    const draft = textSectionsSchema(DEFAULT_PROPOSAL_TEMPLATE, false);
    expect(draft.safeParse({}).success).toBe(true);
    expect(strict.safeParse({}).error!.issues).toHaveLength(DEFAULT_PROPOSAL_TEMPLATE.flatMap((s) => s.items).length);
    const limited = textSectionsSchema([{ key: 's', title: '节', items: [{ key: 'a', title: '简介', kind: 'text', required: true, maxChars: 3 }] }], true);
    expect(limited.safeParse({ a: '𠀀𠀀𠀀' }).success).toBe(true); // three characters outside the BMP
    expect(limited.safeParse({ a: '一二三四' }).error!.issues[0]!.message).toBe('“简介”不超过3个字');
    expect(charCount('𠀀a中')).toBe(3);
  });

  it('budget totals: fiscal + self-raised + other = total, for any lines (property)', () => {
    const amount = fc.integer({ min: 0, max: 1_000_000_000 });
    fc.assert(
      fc.property(fc.array(fc.record({ fiscalCityYuan: amount, fiscalDistrictYuan: amount, selfRaisedYuan: amount, otherYuan: amount }), { maxLength: 10 }), (lines) => {
        const t = budgetTotals(lines);
        expect(t.totalYuan).toBe(t.fiscalYuan + t.selfRaisedYuan + t.otherYuan);
        expect(t.fiscalYuan).toBe(t.fiscalCityYuan + t.fiscalDistrictYuan);
        for (const s of BUDGET_SOURCES) expect(t[s]).toBe(lines.reduce((sum, l) => sum + l[s], 0));
      }),
    );
  });
});
