import { describe, expect, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import { SEED_PROGRAMMES } from './data/index.js';
import { computeFunding } from './funding.js';
import { DEFAULT_PROPOSAL_TEMPLATE } from './proposal-template.js';
import { callInputSchema, fundingQuoteRequestSchema, programmeInputSchema, ruleSetParametersSchema, toFundingQuoteInput, versionInputSchema } from './schemas.js';
import type { CategoryRule, FieldRule, RuleSetParameters } from './types.js';

const messages = (r: { success: boolean; error?: { issues: { message: string }[] } }) => r.error?.issues.map((i) => i.message) ?? [];

describe('ruleSetParametersSchema', () => {
  it('accepts every seeded version unchanged', () => {
    for (const p of SEED_PROGRAMMES) for (const v of p.versions) expect(ruleSetParametersSchema.parse(v.parameters)).toEqual(v.parameters);
  });

  it('parses to the domain types the server stores', () => {
    expectTypeOf<z.output<typeof ruleSetParametersSchema>>().toExtend<RuleSetParameters>();
    expectTypeOf<z.output<typeof ruleSetParametersSchema.shape.categories.element>>().toExtend<CategoryRule>();
    expectTypeOf<z.output<typeof ruleSetParametersSchema.shape.fields.element>>().toExtend<FieldRule>();
  });

  it('refuses fractional money, ratios above 100%, a floor above the cap and duplicate codes, in Chinese', () => {
    const p = structuredClone(SEED_PROGRAMMES[0]!.versions[0]!.parameters);
    p.annualBudgetYuan = 12.5;
    p.categories[0]!.subsidyRatio = { num: 11, den: 10 };
    p.categories[1]!.minYuan = 9_000_000;
    p.categories[2]!.code = 'leading';
    p.fields[0]!.subDirections.push('高精密芯片');
    expect(messages(ruleSetParametersSchema.safeParse(p))).toEqual(['年度财政预算须为整数元', '补助比例不能超过100%', '支持下限不能高于补助上限', '类别代码“leading”重复', '细分方向“高精密芯片”重复']);
  });
});

describe('programme and version input', () => {
  it('accepts a programme without description and refuses a bad code', () => {
    expect(programmeInputSchema.parse({ code: 'beilun-kct', name: '北仑区关键核心技术攻关项目', issuer: '北仑区科技局' })).toMatchObject({ code: 'beilun-kct' });
    expect(messages(programmeInputSchema.safeParse({ code: '北仑', name: 'x', issuer: '北仑区科技局' }))).toEqual(['计划代码只能含字母、数字、连字符和下划线', '计划名称至少2个字']);
  });

  it('BL-1 a version needs a real effective day', () => {
    const v = SEED_PROGRAMMES[0]!.versions[0]!;
    expect(versionInputSchema.parse({ version: v.version, documentNo: v.documentNo, effectiveFrom: v.effectiveFrom, parameters: v.parameters }).effectiveFrom).toBe('2024-03-27');
    expect(messages(versionInputSchema.safeParse({ version: '1', documentNo: 'x', effectiveFrom: '2024-02-30', parameters: v.parameters }))).toEqual(['日期格式须为 YYYY-MM-DD 且为有效日期']);
  });
});

describe('callInputSchema', () => {
  const call = {
    title: '2026年度北仑区关键核心技术攻关项目申报指南',
    programmeCode: 'beilun-kct',
    categoryCodes: ['leading', 'chain'],
    fieldCodes: ['ic', 'equipment'],
    guidelineItems: [{ code: 'G1', title: '高端模具关键技术', fieldCode: 'equipment' }],
    opensAt: '2026-03-02T09:00:00+08:00',
    closesAt: '2026-04-01T17:00:00+08:00',
    selectionMode: 'competitive',
  };

  it('fills the default NB-11 form, no attachments and open eligibility', () => {
    const parsed = callInputSchema.parse(call);
    expect(parsed.formSections).toEqual(DEFAULT_PROPOSAL_TEMPLATE);
    expect(parsed.formSections).not.toBe(DEFAULT_PROPOSAL_TEMPLATE);
    expect(parsed).toMatchObject({ requiredAttachments: [], eligibility: {} });
  });

  it('wants ISO times with an offset to the second', () => {
    expect(messages(callInputSchema.safeParse({ ...call, opensAt: '2026-03-02 09:00', closesAt: '2026-04-01T17:00:00.5+08:00' }))).toEqual([
      '时间格式须为带时区、精确到秒的 ISO 时间，如 2026-03-01T09:00:00+08:00',
      '时间格式须为带时区、精确到秒的 ISO 时间，如 2026-03-01T09:00:00+08:00',
    ]);
    expect(callInputSchema.safeParse({ ...call, opensAt: '2026-03-02T01:00:00Z' }).success).toBe(true);
    // What the API gives back (Date#toISOString) is a whole second too.
    expect(callInputSchema.safeParse({ ...call, opensAt: '2026-03-02T01:00:00.000Z' }).success).toBe(true);
    expect(callInputSchema.safeParse({ ...call, opensAt: '2026-02-30T01:00:00Z' }).success).toBe(false);
  });

  it('reports a window in the wrong order, a bounty outside 揭榜挂帅 and an item outside the call’s fields', () => {
    const r = callInputSchema.safeParse({
      ...call,
      closesAt: '2026-03-01T09:00:00+08:00',
      guidelineItems: [{ code: 'G1', title: '高端模具关键技术', fieldCode: 'ai', bountyYuan: 1_000_000 }],
    });
    expect(messages(r)).toEqual(['截止时间须晚于开始时间', '只有揭榜挂帅的指南条目可以设定揭榜金额', '指南条目的领域须是本指南开放的领域之一']);
    expect(callInputSchema.safeParse({ ...call, selectionMode: 'openChallenge', guidelineItems: [{ code: 'G1', title: '揭榜难题', bountyYuan: 1_000_000 }] }).success).toBe(true);
  });

  it('refuses unknown attachment kinds and duplicate item codes', () => {
    const r = callInputSchema.safeParse({ ...call, requiredAttachments: ['proposal', 'selfie'], guidelineItems: [{ code: 'G1', title: '条目一' }, { code: 'G1', title: '条目二' }] });
    expect(messages(r)).toEqual(['指南条目代码“G1”重复', '附件类型无效']);
  });
});

describe('fundingQuoteRequestSchema', () => {
  const req = { programme: 'beilun-kct', category: 'leading', totalInvestment: 10_000_000, requested: 5_000_000, date: '2026-11-23' };

  it('accepts a day or an ISO instant, defaults overlaps, and maps to the domain input', () => {
    const parsed = fundingQuoteRequestSchema.parse(req);
    expect(parsed.overlaps).toEqual([]);
    expect(fundingQuoteRequestSchema.safeParse({ ...req, date: '2026-11-23T10:00:00+08:00' }).success).toBe(true);
    const v = SEED_PROGRAMMES[0]!.versions[0]!;
    expect(computeFunding(v, parsed.category, toFundingQuoteInput(parsed)).subsidyYuan).toBe(3_000_000);
  });

  it('refuses non-integer and negative amounts and bad dates with clear Chinese errors', () => {
    const r = fundingQuoteRequestSchema.safeParse({ ...req, totalInvestment: 12.5, requested: -1, date: '23/11/2026', overlaps: [{ level: 'county', name: '', amount: 1.5 }], committed: 'x' });
    expect(messages(r)).toEqual([
      '研发总投入须为整数元',
      '申请补助须大于0',
      '日期须为 YYYY-MM-DD 或带时区的 ISO 时间',
      '请选择上级项目层级',
      '请填写上级项目名称',
      '上级项目支持金额须为整数元',
      '请填写年度已承诺金额（整数元）',
    ]);
  });

  it('refuses a total investment of 0 (no "eligible for 0万") and names the upper limit in 万元', () => {
    expect(messages(fundingQuoteRequestSchema.safeParse({ ...req, totalInvestment: 0, requested: 0 }))).toEqual(['研发总投入须大于0', '申请补助须大于0']);
    expect(messages(fundingQuoteRequestSchema.safeParse({ ...req, totalInvestment: 1_000_000_000_001 }))).toEqual(['研发总投入过大，不能超过100,000,000万元']);
    expect(fundingQuoteRequestSchema.safeParse({ ...req, totalInvestment: 1, requested: 1 }).success).toBe(true);
    expect(fundingQuoteRequestSchema.safeParse({ ...req, totalInvestment: 1_000_000_000_000 }).success).toBe(true);
  });
});
