import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { completionRate, expectedValue, progressStatus, targetLevel, verdict } from '../maths.js';
import { taskStatus } from '../tasks.js';
import { RESPONSIBLE_UNITS, responsibleUnit, SEED_PLANS, seedPlan } from './index.js';

const plan = (code: string) => seedPlan(code)!;

describe('seeded plans', () => {
  it('are yz-13 (completed 2016–2020), yz-14 (2021–2025) and nb-315 (2023–2027)', () => {
    expect(SEED_PLANS.map((p) => [p.code, p.status, p.periodStart, p.periodEnd])).toEqual([
      ['yz-13', 'completed', 2016, 2020],
      ['yz-14', 'active', 2021, 2025],
      ['nb-315', 'active', 2023, 2027],
    ]);
    expect(plan('nb-315').issuer).toBe('宁波市人民政府办公厅');
    expect(plan('nb-315').name).toBe('宁波市“315”科技创新体系工程建设实施方案(2023—2027年)');
    expect(plan('yz-14').name).toBe('“十四五”鄞州科技创新发展规划');
  });

  it('are deep-frozen', () => {
    expect(Object.isFrozen(SEED_PLANS)).toBe(true);
    expect(Object.isFrozen(SEED_PLANS[0]!.indicators[0]!.base)).toBe(true);
    expect(Object.isFrozen(RESPONSIBLE_UNITS[0])).toBe(true);
    expect(() => {
      (SEED_PLANS[0]!.indicators[0]!.target as { value: string | null }).value = '99';
    }).toThrow(TypeError);
  });

  it('have unique codes, categories that exist, and decimal figures', () => {
    for (const p of SEED_PLANS) {
      const codes = [...p.indicators.map((i) => i.code), ...p.tasks.map((t) => t.code)];
      expect(new Set(codes).size).toBe(codes.length);
      for (const i of p.indicators) {
        if (i.category !== null) expect(p.categories).toContain(i.category);
        for (const v of [i.base.value, i.target.value, i.actual?.value ?? null]) if (v !== null) expect(v).toMatch(/^-?\d+(\.\d{1,6})?$/);
        expect(i.responsibleUnits.length).toBeGreaterThan(0);
        for (const u of i.responsibleUnits) expect(responsibleUnit(u), u).toBeDefined();
      }
    }
  });

  it('copy no personal contact details from the seeds', () => {
    const text = JSON.stringify([SEED_PLANS, RESPONSIBLE_UNITS]);
    expect(text).not.toMatch(/1[3-9]\d{9}|@|0571|0574|敦和|联系方式|电话|传真|邮箱|手机/);
  });
});

describe('“十三五”鄞州主要科技指标 (seed 001 图表1)', () => {
  const p = plan('yz-13');

  it('YZ-1 the seven rows exactly: 2016 base, 2020 target, 2020 actual', () => {
    expect(p.indicators.map((i) => [i.seq, i.name, i.unit, i.base.year, i.base.value, i.target.year, i.target.value, i.actual?.year, i.actual?.value])).toEqual([
      [1, '全社会R&D经费支出占GDP比重', '%', 2016, '2.33', 2020, '2.9', 2020, '2.9'],
      [2, '每万人拥有有效发明专利授权数', '件/万人', 2016, '32.8', 2020, '40', 2020, '45'],
      [3, '每年新认定高新技术企业', '家', 2016, null, 2020, null, 2020, null],
      [4, '创新型初创企业', '家', 2016, '1305', 2020, '2000', 2020, '2685'],
      [5, '高新技术产业增加值占规模以上工业增加值', '%', 2016, '52.4', 2020, '58', 2020, '65.7'],
      [6, '技术交易额', '亿元', 2016, '5.1', 2020, '7.5', 2020, '25.6'],
      [7, '全链条孵化载体数量', '', 2016, '14', 2020, '50', 2020, '48'],
    ]);
    expect(p.indicators.every((i) => i.ruleIds.includes('YZ-1'))).toBe(true);
  });

  it('YZ-1 verdicts as in the source: rows 1, 2, 4, 5, 6 met, 7 not met (48 against 50), row 3 cannot be judged', () => {
    expect(p.indicators.map((i) => verdict(i, i.actual?.value))).toEqual(['met', 'met', 'unknown', 'met', 'met', 'met', 'notMet']);
    const tech = p.indicators[5]!;
    expect([tech.target.value, tech.actual?.value, verdict(tech, tech.actual?.value)]).toEqual(['7.5', '25.6', 'met']);
    const incubators = p.indicators[6]!;
    expect([incubators.target.value, incubators.actual?.value, verdict(incubators, incubators.actual?.value)]).toEqual(['50', '48', 'notMet']);
    expect(completionRate(incubators, incubators.actual?.value)).toBe('96.00');
  });

  it('YZ-1 row 3 keeps the source’s two figures, 30 and 146, in its note and says why it cannot be judged', () => {
    const row3 = p.indicators[2]!;
    expect(row3.note).toContain('30');
    expect(row3.note).toContain('146');
    expect(row3.note).toContain('无法判断');
    expect(verdict(row3, row3.actual?.value)).toBe('unknown');
  });
});

describe('“十四五”鄞州科技创新发展规划指标体系 (seed 001 图表2)', () => {
  const p = plan('yz-14');

  it('YZ-2 sixteen indicators in four categories with the exact 2020 values, 2025 targets and core flags', () => {
    expect(p.categories).toEqual(['创新发展牵引力明显攀升', '创新企业竞争力显著提高', '创新平台支撑力稳步增强', '创新生态承载力大幅提升']);
    expect(p.indicators.map((i) => [i.seq, i.category, i.name, i.unit, i.base.value, i.target.value, i.core])).toEqual([
      [1, '创新发展牵引力明显攀升', '入选国家级、省级“培养工程”人才', '人', '14', '25', true],
      [2, '创新发展牵引力明显攀升', '公民具备科学素质的比例', '%', null, '20', false],
      [3, '创新发展牵引力明显攀升', '高新技术产业投资占工业投资比重', '%', '64.99', '70', false],
      [4, '创新发展牵引力明显攀升', '高新技术产业增加值占规模以上工业增加值比重', '%', '65.7', '70', true],
      [5, '创新发展牵引力明显攀升', '全社会R&D经费占GDP比重', '%', '2.9', '3.6', true],
      [6, '创新企业竞争力显著提高', '高新技术企业数', '家', '506', '1000', true],
      [7, '创新企业竞争力显著提高', '科技型中小企业数', '家', '2685', '4000', true],
      [8, '创新企业竞争力显著提高', '规模以上工业企业R&D经费支出占营业收入比重', '%', '2.7', '3.0', true],
      [9, '创新企业竞争力显著提高', 'PCT国际专利申请量', '件', '97', '100', true],
      [10, '创新企业竞争力显著提高', '有效发明专利拥有量', '件', '5066', '6000', false],
      [11, '创新平台支撑力稳步增强', '产业技术研究院', '家', '4', '5', false],
      [12, '创新平台支撑力稳步增强', '创新服务综合体', '家', '7', '10', false],
      [13, '创新平台支撑力稳步增强', '国家级双创平台', '家', '12', '15', false],
      [14, '创新平台支撑力稳步增强', '全链条孵化载体数量', '个', '48', '60', false],
      [15, '创新生态承载力大幅提升', '技术交易额', '亿元', '25.58', '40', false],
      [16, '创新生态承载力大幅提升', '规上科技服务业企业主营业务收入', '亿元', '42.3', '90', false],
    ]);
    expect(p.indicators.filter((i) => i.core)).toHaveLength(7);
    expect(p.indicators.every((i) => i.base.year === 2020 && i.target.year === 2025 && i.direction === 'higher' && i.actual === null)).toBe(true);
  });

  it('YZ-2 the district S&T bureau leads each indicator, as the plan names none', () => {
    expect(p.indicators.every((i) => i.responsibleUnits.length === 1 && i.responsibleUnits[0] === 'yz-kjj' && i.note.includes('规划未指定责任单位'))).toBe(true);
  });

  it('YZ-2 progress is shown against the straight-line path from base to target', () => {
    const hightech = p.indicators[5]!;
    expect(expectedValue(hightech, '2020-12-31')).toBe('506');
    expect(expectedValue(hightech, '2025-12-31')).toBe('1000');
    expect(progressStatus(hightech, '800', '2023-12-31', 5).status).toBe('onTrack');
    // 公民具备科学素质的比例 has no 2020 value: no path, no status.
    expect(progressStatus(p.indicators[1]!, '18', '2023-12-31', 5)).toEqual({ status: 'unknown', expected: null, gapPercent: null });
  });
});

describe('宁波市“315”科技创新体系工程建设实施方案 (seed 004)', () => {
  const p = plan('nb-315');
  const byName = (name: string) => p.indicators.find((i) => i.name === name)!;

  it('P315-1 every quantitative 2027 target of 一(二), plus 科技型中小企业 and “科创甬江2035”', () => {
    expect(p.indicators.map((i) => [i.category, i.name, i.unit, i.target.value, i.targetKind, i.frequency])).toEqual([
      ['总体目标', '全社会研究与试验发展经费支出占地区生产总值的比重', '%', '3.75', 'level', 'annual'],
      ['总体目标', '每万人口高价值发明专利拥有量', '件/万人', '20', 'level', 'annual'],
      ['总体目标', '每万名就业人员中研发人员', '人年/万人', '200', 'level', 'annual'],
      ['创新策源能力显著增强', '区域创新极', '个', '10', 'level', 'monthly'],
      ['创新策源能力显著增强', '科教创共同体', '个', '10', 'level', 'monthly'],
      ['创新策源能力显著增强', '国家级实验室、创新中心', '个', '3', 'level', 'monthly'],
      ['科技企业实现量质并举', '高新技术企业数量', '家', '13000', 'level', 'monthly'],
      ['科技企业实现量质并举', '省级科技领军企业', '家', '30', 'level', 'monthly'],
      ['科技企业实现量质并举', '科技小巨人企业', '家', '100', 'level', 'monthly'],
      ['科技企业实现量质并举', '规上工业企业研发费用支出占营业收入比重', '%', '3.4', 'level', 'annual'],
      ['科技企业实现量质并举', '企业研发总部', '家', '100', 'level', 'monthly'],
      ['科技企业实现量质并举', '科技型中小企业', '家', '40000', 'level', 'monthly'],
      ['硬核创新成果加速供给', '科技攻关项目', '项', '500', 'level', 'monthly'],
      ['硬核创新成果加速供给', '高新技术产业增加值占规上工业增加值的比重', '%', '66', 'level', 'annual'],
      ['硬核创新成果加速供给', '“科创甬江2035”重点研发计划布局研发项目', '项', '100', 'level', 'monthly'],
      ['开放创新生态高效优化', '新增全球顶尖人才', '人', '25', 'level', 'monthly'],
      ['开放创新生态高效优化', '新入选国家和省级领军人才', '人', '500', 'level', 'monthly'],
      ['开放创新生态高效优化', '全员劳动生产率', '万元/人', '28', 'level', 'annual'],
      ['开放创新生态高效优化', '技术交易额', '亿元', '30', 'growth', 'monthly'],
      ['开放创新生态高效优化', '科创基金集群规模', '亿元', '1000', 'level', 'monthly'],
    ]);
    expect(p.categories).toEqual(['总体目标', '创新策源能力显著增强', '科技企业实现量质并举', '硬核创新成果加速供给', '开放创新生态高效优化']);
    expect(p.indicators.every((i) => i.base.year === 2022 && i.base.value === null && i.target.year === 2027 && i.ruleIds.includes('P315-1'))).toBe(true);
  });

  it('P315-1 the lead comes from the task carrying the same target, else 市科技局, and the note says which', () => {
    expect(byName('新增全球顶尖人才').responsibleUnits).toEqual(['nb-zzb', 'nb-jxj', 'nb-kjj', 'nb-rsj']);
    expect(byName('新入选国家和省级领军人才').responsibleUnits[0]).toBe('nb-zzb');
    expect(byName('科技小巨人企业').responsibleUnits).toEqual(['nb-kjj', 'nb-jxj', 'nb-fgw']);
    expect(byName('区域创新极').responsibleUnits).toEqual(['nb-kjj', 'nb-jxj', 'nb-fgw', 'nb-swj']);
    expect(byName('全员劳动生产率').responsibleUnits).toEqual(['nb-kjj']);
    for (const i of p.indicators) expect(i.note).toMatch(/牵头单位取自重点任务|默认由市科技局牵头/);
  });

  it('P315-1 technology transactions: a growth target of 30% a year, judged as a compound average from the base', () => {
    const tx = { ...byName('技术交易额'), base: { year: 2022, value: '100' } };
    expect(targetLevel(tx)).toBe('371.293');
    expect(expectedValue(tx, '2024-12-31')).toBe('169');
    expect(verdict(tx, '371.293')).toBe('met');
    expect(verdict(tx, '371.29')).toBe('notMet');
    // Without the bureau's base value there is no path yet.
    expect(progressStatus(byName('技术交易额'), '130', '2023-12-31', 5).status).toBe('unknown');
  });

  it('P315-2 every task of section 二, six sections, with its responsible units; the lead is first and every code resolves', () => {
    expect(p.tasks.map((t) => t.seq)).toEqual(['一.1', '一.2', '一.3', '二.1', '二.2', '二.3', '二.4', '三.1', '三.2', '三.3', '四.1', '四.2', '四.3', '五.1', '五.2', '五.3', '六.1', '六.2', '六.3']);
    expect(new Set(p.tasks.map((t) => t.section)).size).toBe(6);
    const names = (codes: readonly string[]) => codes.map((c) => responsibleUnit(c)?.name);
    const lead = Object.fromEntries(p.tasks.map((t) => [t.seq, names(t.responsibleUnits)[0]]));
    expect(lead).toEqual({
      '一.1': '市科技局',
      '一.2': '市甬江科创区建设领导小组办公室',
      '一.3': '市科技局',
      '二.1': '市科技局',
      '二.2': '市科技局',
      '二.3': '市科技局',
      '二.4': '市教育局',
      '三.1': '市科技局',
      '三.2': '市科技局',
      '三.3': '市经信局',
      '四.1': '市科技局',
      '四.2': '市科技局',
      '四.3': '市市场监管局',
      '五.1': '市委组织部〔市委人才办〕',
      '五.2': '市教育局',
      '五.3': '市科技局',
      '六.1': '市科技局',
      '六.2': '市科技局',
      '六.3': '市科协',
    });
    expect(names(p.tasks[0]!.responsibleUnits)).toEqual(['市科技局', '市发改委', '市经信局', '有关区〔县、市〕政府']);
    expect(names(p.tasks[5]!.responsibleUnits)).toEqual(['市科技局', '市委组织部〔市委人才办〕', '市发改委', '市经信局', '市卫生健康委', '有关区〔县、市〕政府']);
    for (const t of p.tasks) {
      expect(t.responsibleUnits.every((c) => responsibleUnit(c) !== undefined)).toBe(true);
      expect(new Set(t.responsibleUnits).size).toBe(t.responsibleUnits.length);
      expect(t.due).toBe('2027-12-31');
      expect(t.ruleIds).toContain('P315-2');
    }
  });

  it('P315-2 milestones are the tasks’ “到2027年” targets, due 2027-12-31', () => {
    const ms = Object.fromEntries(p.tasks.filter((t) => t.milestones.length > 0).map((t) => [t.seq, t.milestones.map((m) => m.title)]));
    expect(ms).toEqual({
      '一.2': ['甬江科创区R&D经费支出占GDP的比重超过8%', '集聚培育高新技术企业超过2000家'],
      '二.1': ['建成国际一流新材料研究中心8个', '高水平研发人员达到1500名', '突破关键“卡脖子”材料10种以上'],
      '二.2': ['累计布局市级技术创新中心30家', '建成市级以上企业研发机构超过5000家'],
      '二.3': ['累计建成省级新型研发机构30家以上'],
      '二.4': ['打造“登峰学科”10个', '“优势特色学科”60个左右', '一流专业100个左右'],
      '三.1': ['科技领军企业达到30家', '科技小巨人企业达到100家', '力争科技型中小企业突破4万家'],
      '三.3': ['建成国家级产业集群5个以上', '数字经济核心产业营业收入达到1.2万亿元', '生产性服务业增加值达到6500亿元', '总部企业突破1000家'],
      '四.3': ['新增知识产权服务机构10家以上'],
      '五.1': ['新增全球顶尖人才25人', '推动新入选国家和省级领军人才500人以上'],
      '五.2': ['新增高技能人才20万名'],
      '六.3': ['建成各类科普基地220家以上', '科普教育基地年参观人数达到1200万次以上'],
    });
    expect(p.tasks.flatMap((t) => t.milestones).every((m) => m.due === '2027-12-31')).toBe(true);
    const t = p.tasks[1]!;
    expect(taskStatus({ due: t.due, milestones: t.milestones.map((m) => ({ ...m, doneOn: null })), latestPercent: 30, completedOn: null }, '2026-11-23')).toBe('inProgress');
  });

  it('P315-7 the task that sets up the town evaluation cites it', () => {
    expect(p.tasks.find((t) => t.seq === '一.3')!.ruleIds).toContain('P315-7');
  });
});

describe('responsible units', () => {
  it('P315-2 every unit named in seed 004, in order of first appearance, plus 鄞州区科技局; stable unique codes', () => {
    expect(RESPONSIBLE_UNITS.map((u) => u.name)).toEqual([
      '市科技局', '市发改委', '市经信局', '有关区〔县、市〕政府', '市甬江科创区建设领导小组办公室', '市商务局', '甬江实验室', '市委组织部〔市委人才办〕',
      '市卫生健康委', '市教育局', '市财政局', '市服务业局', '市数字经济局', '市投资促进署', '市人力社保局', '市国资委', '市市场监管局', '市公安局',
      '市司法局', '市总工会', '市委改革办', '市科协', '市文广旅游局', '鄞州区科技局',
    ]);
    expect(new Set(RESPONSIBLE_UNITS.map((u) => u.code)).size).toBe(RESPONSIBLE_UNITS.length);
    expect(responsibleUnit('nb-kjj')?.name).toBe('市科技局');
    expect(responsibleUnit('nb-qxs-gov')?.kind).toBe('government');
  });

  // Cross-check against the seed text itself where the shared/ folder sits beside the repository.
  const seedDir = fileURLToPath(new URL('../../../../../../shared/seeds/', import.meta.url));
  const seed = existsSync(seedDir) ? readdirSync(seedDir).find((f) => f.startsWith('004_')) : undefined;
  it.skipIf(seed === undefined)('P315-2 unit lists match the seed’s 责任单位 text, in order', () => {
    const text = readFileSync(seedDir + seed!, 'utf8');
    const lists = [...text.matchAll(/\(责任单位:(.*?)(?:。列第一位的为牵头单位,下同)?\)/g)].map((m) => m[1]!.match(/[^、,〔]+(?:〔[^〕]*〕[^、,〔]*)?/g)!);
    expect(lists).toHaveLength(19);
    expect(plan('nb-315').tasks.map((t) => t.responsibleUnits.map((c) => responsibleUnit(c)!.name))).toEqual(lists);
    for (const t of plan('nb-315').tasks) expect(text).toContain(`${t.title}。${t.content}`);
  });
});
