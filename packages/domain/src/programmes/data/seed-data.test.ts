import { describe, expect, it } from 'vitest';
import { ruleSetInForce } from '../rule-set.js';
import { SEED_PROGRAMMES } from './index.js';

const WAN = 10_000;
const programme = (code: string) => SEED_PROGRAMMES.find((p) => p.code === code)!;
const only = (code: string) => {
  const p = programme(code);
  expect(p.versions).toHaveLength(1);
  return p.versions[0]!.parameters;
};

describe('seeded programmes', () => {
  it('are beilun-kct, nb-2025 and yj-2035, each version labelled with its programme', () => {
    expect(SEED_PROGRAMMES.map((p) => p.code)).toEqual(['beilun-kct', 'nb-2025', 'yj-2035']);
    for (const p of SEED_PROGRAMMES) for (const v of p.versions) expect(v.programmeCode).toBe(p.code);
  });

  it('copy no personal contact details from the seeds', () => {
    const text = JSON.stringify(SEED_PROGRAMMES);
    expect(text).not.toMatch(/1[3-9]\d{9}|@|联系人|电话|张老师|张晓伟|毛磊/);
  });
});

describe('北仑区关键核心技术攻关项目 (seed 000)', () => {
  const p = only('beilun-kct');

  it('BL-1 the 2024 revision 仑科〔2024〕2号 is in force from 2024-03-27', () => {
    const v = programme('beilun-kct').versions[0]!;
    expect(v).toMatchObject({ version: '2024修订', documentNo: '仑科〔2024〕2号', effectiveFrom: '2024-03-27' });
    expect(ruleSetInForce(programme('beilun-kct'), '2024-03-27')).toBe(v);
  });

  it('BL-2 three categories with the document’s tiers, led by enterprises', () => {
    expect(p.categories.map((c) => [c.code, c.name, c.leadTiers, c.leadOrganisationTypes])).toEqual([
      ['leading', '领军类', ['leadingEnterprise'], ['enterprise']],
      ['chain', '强链类', ['chainEnterprise'], ['enterprise']],
      ['incubation', '育成类', ['talentStartup'], ['enterprise']],
    ]);
  });

  it('BL-5 BL-6 ratio 3/10 and caps 500万 / 300万 / 100万', () => {
    expect(p.categories.map((c) => [c.subsidyRatio, c.capYuan])).toEqual([
      [{ num: 3, den: 10 }, 500 * WAN],
      [{ num: 3, den: 10 }, 300 * WAN],
      [{ num: 3, den: 10 }, 100 * WAN],
    ]);
  });

  it('BL-4 BL-7 annual budget 4,000万, overlap funded once at the higher amount', () => {
    expect(p.annualBudgetYuan).toBe(4000 * WAN);
    expect(p.overlapPolicy).toBe('topUp');
  });

  it('BL-3 six key fields with every sub-direction the document lists', () => {
    expect(Object.fromEntries(p.fields.map((f) => [f.name, f.subDirections]))).toEqual({
      集成电路: ['集成电路核心元器件', '高精密芯片', '电子级精细化学品', '先进封测技术'],
      高端装备: ['高端模具', '高端数控机床', '高端车用部件', '高性能电机及驱动系统', '高端通信设备', '激光制造装备', '高精度测量设备', '智能成型装备', '新型工程装备', '工业机器人'],
      新材料: ['高分子材料', '新能源车用材料', '电池材料', '金属材料', '稀土磁性材料', '晶体材料', '化工材料', '纺织材料', '功能膜材料'],
      生命健康: ['生物合成', '细胞治疗', '基因诊断', '药物开发', '医疗器械', '大健康', '重大疾病诊治与临床医学诊疗技术'],
      人工智能: ['智能驾驶及人机交互', '工业互联网', '软件信息', '数字孪生', '大数据', '智能场景', '大模型开发', '物联网', '虚拟现实'],
      其他新兴领域: [],
    });
  });
});

describe('宁波市“科技创新2025”重大专项 (seed 002)', () => {
  const p = only('nb-2025');

  it('NB-1 thirteen special projects, in the document’s order', () => {
    expect(p.fields.map((f) => f.name)).toEqual([
      '高端精细化工',
      '关键基础零部件',
      '新型磁性材料与器件',
      '高性能金属材料',
      '海洋新材料',
      '先进碳材料',
      '高档数控机床与机器人',
      '智能芯片及基础软件',
      '智能信息设施及产品',
      '清洁能源与装备',
      '高性能诊疗设备',
      '新能源汽车',
      '第三代半导体',
    ]);
  });

  it('NB-3 four task types, each with NB-10 500万–1,000万 and 1:2 matching and NB-2 60 months', () => {
    expect(p.categories.map((c) => c.name)).toEqual(['重大关键共性技术攻关', '重大战略产品开发', '重大科技成果转化', '重大科技示范工程建设']);
    for (const c of p.categories) expect(c).toMatchObject({ minYuan: 500 * WAN, capYuan: 1000 * WAN, minMatchingMultiple: 2, maxDurationMonths: 60, subsidyRatio: null });
  });

  it('NB-5 industrialisation orientation: product, transfer and demonstration tasks; common technology may be academic-led', () => {
    expect(p.categories.filter((c) => c.industrialisationOriented).map((c) => c.code)).toEqual(['strategic-product', 'achievement-transfer', 'demonstration']);
  });

  it('NB-4 both chain axes; NB-6 out-of-city allowed; NB-9 2亿 a year', () => {
    expect(p.chainAxes).toEqual({ industryChain: ['原材料', '器件', '产品'], innovationChain: ['前瞻研究', '技术开发', '成果转化', '应用示范'] });
    expect(p.outOfCityAllowed).toBe(true);
    expect(p.homeRegion).toBe('浙江省宁波市');
    expect(p.annualBudgetYuan).toBe(20_000 * WAN);
  });
});

describe('科创甬江2035 (seed 003)', () => {
  const p = only('yj-2035');

  it('YJ-1 selection by 揭榜挂帅, 以赛代评 and competitive review; classes up to 5,000万', () => {
    expect(programme('yj-2035').versions[0]).toMatchObject({ documentNo: '甬科函〔2025〕51号', effectiveFrom: '2025-06-13' });
    expect(p.selectionModes).toEqual(['openChallenge', 'competitionReview', 'competitive']);
    for (const c of p.categories) expect(c.capYuan).toBeLessThanOrEqual(5000 * WAN);
    expect(Math.max(...p.categories.map((c) => c.capYuan ?? 0))).toBe(5000 * WAN);
  });

  it('YJ-3 national single champion 200万 reward; city-level or above up to 100万', () => {
    expect(p.tierRewards).toEqual([
      { tier: 'singleChampionNational', amountYuan: 200 * WAN, kind: 'reward', rule: 'YJ-3' },
      { tier: 'singleChampionCity', amountYuan: 100 * WAN, kind: 'subsidyCap', rule: 'YJ-3' },
      { tier: 'singleChampionNational', amountYuan: 100 * WAN, kind: 'subsidyCap', rule: 'YJ-3' },
    ]);
  });

  it('invents no annual budget the reply does not state', () => {
    expect(p).toMatchObject({ annualBudgetYuan: 0, annualBudgetStated: false });
  });
});
