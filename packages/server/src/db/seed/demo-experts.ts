/**
 * The demo expert pool (专家库, SEED_DEMO): about forty 演示 experts across the Beilun programme's fields, most in
 * 高端装备 (equipment) with the keywords the demo applications use, so assignment has real affinity to work with;
 * the demo `expert` login linked to an active profile; a few pending, one suspended; two with declared conflicts
 * and one working at a demo applicant organisation, so 回避 shows. Names, organisations and ID numbers are made up
 * (valid check characters); no contact details. Idempotent: an expert whose ID number is in the pool is left as is.
 */
import { randomUUID } from 'node:crypto';
import { eq, inArray } from 'drizzle-orm';
import { changedFields, creditCodeCheckChar, residentIdCheckChar, type DeclaredConflict, type ExpertStatus } from '@kechuang/domain';
import { insertUser } from '../../modules/accounts/create-user.js';
import { userByUsername } from '../../modules/accounts/service.js';
import { users } from '../../modules/accounts/schema.js';
import { recordAudit, SYSTEM_ACTOR } from '../../modules/audit/record.js';
import { auditedProfile } from '../../modules/review/experts/expert-rows.js';
import { experts } from '../../modules/review/schema.js';
import type { Db } from '../client.js';

const idNumber = (n: number): string => {
  const year = 1962 + (n % 24);
  const first17 = `330206${year}${String((n % 12) + 1).padStart(2, '0')}${String((n % 27) + 1).padStart(2, '0')}${String((500 + n) % 1000).padStart(3, '0')}`;
  return first17 + residentIdCheckChar(first17)!;
};
const creditCode = (first17: string): string => first17 + creditCodeCheckChar(first17)!;

interface DemoOrg {
  name: string;
  creditCode: string | null;
  region: string;
}
const ORGS: DemoOrg[] = [
  { name: '甬江理工大学', creditCode: '12330212MB1A7720X3', region: '浙江省宁波市鄞州区' },
  { name: '宁波海湾先进制造研究院', creditCode: '52330206MJ9F3R4N8A', region: '浙江省宁波市北仑区' },
  { name: '宁波演示大学', creditCode: creditCode('12330200MB0DEM101'), region: '浙江省宁波市江北区' },
  { name: '浙江演示工业大学', creditCode: creditCode('12330000MB0DEM202'), region: '浙江省杭州市西湖区' },
  { name: '演示模具技术研究院', creditCode: creditCode('52330200MJ0DEM303'), region: '浙江省宁波市镇海区' },
  { name: '上海演示材料研究所', creditCode: creditCode('12310000MB0DEM404'), region: '上海市闵行区' },
  { name: '苏州演示智能装备研究院', creditCode: creditCode('52320500MJ0DEM505'), region: '江苏省苏州市工业园区' },
  { name: '宁波演示第一医院', creditCode: creditCode('12330200MB0DEM606'), region: '浙江省宁波市海曙区' },
];
/** The demo applicant 宁波演示精密模具有限公司 (demo-applications.ts): an expert working there is conflicted on its applications. */
const APPLICANT_ORG: DemoOrg = { name: '宁波演示精密模具有限公司', creditCode: '91330206MA2DEMA016', region: '浙江省宁波市北仑区' };

const SURNAMES = '钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏陶姜谢邹喻柏窦章苏潘葛'.split('');
const TITLES = ['教授', '研究员', '教授级高级工程师', '高级工程师', '副教授', '副研究员'];

/** Field → keyword pool; equipment's first three are the demo applications' own keywords. */
const KEYWORDS: Record<string, string[]> = {
  equipment: ['一体化压铸', '模具', '热处理', '铝合金', '数字孪生', '精密加工', '工业机器人', '数控机床', '增材制造', '表面处理', '仿真设计', '注塑成型'],
  materials: ['稀土永磁', '高温合金', '复合材料', '涂层', '热处理', '粉末冶金', '高分子材料'],
  ic: ['先进封装', '车规级芯片', '可靠性测试', '功率器件', '电子化学品'],
  ai: ['机器视觉', '工业软件', '大模型', '缺陷检测', '数字孪生'],
  health: ['医疗器械', '康复设备', '体外诊断', '生物材料'],
  emerging: ['氢能', '储能', '海洋装备'],
};
const PLAN: { field: string; count: number }[] = [
  { field: 'equipment', count: 18 },
  { field: 'materials', count: 6 },
  { field: 'ic', count: 5 },
  { field: 'ai', count: 5 },
  { field: 'health', count: 4 },
  { field: 'emerging', count: 2 },
];

export interface DemoExpert {
  n: number;
  name: string;
  title: string;
  org: DemoOrg;
  fields: string[];
  keywords: string[];
  consortia: string[];
  status: ExpertStatus;
  statusReason: string | null;
  available: boolean;
  declaredConflicts: DeclaredConflict[];
  username?: string;
}

/** The demo pool, deterministic (the same forty every time). */
export function demoExperts(): DemoExpert[] {
  const out: DemoExpert[] = [];
  let n = 0;
  for (const { field, count } of PLAN) {
    const pool = KEYWORDS[field]!;
    for (let i = 0; i < count; i++, n++) {
      const keywords = field === 'equipment' && i < 10 ? ['一体化压铸', '模具', '热处理', pool[3 + (i % 9)]!].slice(0, 3 + (i % 2)) : [pool[i % pool.length]!, pool[(i + 2) % pool.length]!, pool[(i + 3) % pool.length]!];
      out.push({
        n,
        name: `${SURNAMES[n % SURNAMES.length]}演示`,
        title: TITLES[n % TITLES.length]!,
        org: ORGS[n % ORGS.length]!,
        fields: field === 'equipment' && i % 4 === 3 ? ['equipment', 'materials'] : [field],
        keywords: [...new Set(keywords)],
        consortia: field === 'equipment' && i % 5 === 0 ? ['宁波汽车零部件创新联合体（演示）'] : [],
        status: 'active',
        statusReason: null,
        available: n % 13 !== 7,
        declaredConflicts: [],
      });
    }
  }
  // The demo `expert` login: an active 高端装备 expert matching the demo applications.
  // Not at 宁波海湾先进制造研究院: that institute is the partner of every demo application, so its experts are 回避.
  out[0] = { ...out[0]!, name: '赵专家', title: '教授级高级工程师', org: ORGS[4]!, keywords: ['一体化压铸', '模具', '热处理', '铝合金', '随形冷却'], available: true, username: 'expert' };
  // 回避 shows: one works at a demo applicant; two declared conflicts (an organisation, a person).
  out[5] = { ...out[5]!, org: APPLICANT_ORG, title: '高级工程师' };
  out[6] = { ...out[6]!, declaredConflicts: [{ kind: 'organisation', creditCode: '91330206MA2DEMB02Y', name: '宁波演示智造科技有限公司', reason: '近三年曾为该公司技术顾问' }] };
  out[7] = { ...out[7]!, declaredConflicts: [{ kind: 'person', idNumber: idNumber(900), name: '吴演示', reason: '师生关系' }] };
  // Every other demo expert signs in as demo-expert-NN (the demo password), so the demo scores go through the use case.
  for (const [i, e] of out.entries()) if (!e.username) out[i] = { ...e, username: `demo-expert-${String(i + 1).padStart(2, '0')}` };
  // Three waiting for an officer's check, one suspended.
  for (const i of [37, 38, 39]) out[i] = { ...out[i]!, status: 'pending' };
  out[12] = { ...out[12]!, status: 'suspended', statusReason: '近两年多次无故缺席评审（演示）' };
  return out;
}

export async function seedDemoExperts(db: Db): Promise<number> {
  const list = demoExperts();
  const actor = { ...SYSTEM_ACTOR, name: 'system.seed' };
  let created = 0;
  // The demo password, as the other demo accounts hold it (hashed once at seeding).
  const [demoExpert] = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.username, 'expert'));
  if (!demoExpert) throw new Error('the demo expert account is seeded before the demo expert pool');
  const passwordHash = demoExpert.passwordHash;
  await db.transaction(async (tx) => {
    const ids = list.map((e) => idNumber(e.n));
    const existing = new Set((await tx.select({ idNumber: experts.idNumber }).from(experts).where(inArray(experts.idNumber, ids))).map((r) => r.idNumber));
    for (const e of list) {
      const id = idNumber(e.n);
      if (existing.has(id)) continue;
      let user: { id: string } | null = e.username ? await userByUsername(tx, e.username) : null;
      if (!user && e.username && e.username !== 'expert') {
        user = await insertUser(tx, actor, { username: e.username, name: e.name, phone: '', email: '', roles: ['expert'], organisationId: null, passwordHash, mustChangePassword: false });
      }
      // A login already linked to another expert (someone re-linked it) is left alone.
      const linked = user ? (await tx.select({ id: experts.id }).from(experts).where(eq(experts.userId, user.id)))[0] : undefined;
      const now = new Date();
      const [row] = await tx
        .insert(experts)
        .values({
          id: randomUUID(),
          userId: user && !linked ? user.id : null,
          name: e.name,
          idNumber: id,
          title: e.title,
          organisationName: e.org.name,
          organisationCreditCode: e.org.creditCode,
          region: e.org.region,
          fields: e.fields,
          keywords: e.keywords,
          consortia: e.consortia,
          declaredConflicts: e.declaredConflicts,
          status: e.status,
          statusReason: e.statusReason,
          available: e.available,
          createdAt: now,
          updatedAt: now,
        })
        .returning();
      await recordAudit(tx, actor, { action: 'review.expert.create', entityType: 'expert', entityId: row!.id, changes: changedFields(null, { ...auditedProfile(row!), status: e.status }), detail: { demo: true } });
      created++;
    }
  });
  return created;
}
