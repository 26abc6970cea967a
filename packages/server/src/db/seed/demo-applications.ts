/**
 * Demo applications (SEED_DEMO): the demo call holds applications in every state of the chain from three 演示
 * organisations, and two planted 查重 cases (BL-9): one application that is a near-copy of an imported 演示
 * higher-level project, and one that copies a paragraph of another organisation's application. Everything goes
 * through the use cases (create, save, submit, endorse, return, accept, the check itself), so the states are real
 * and each step has its audit event. Idempotent: nothing is done once a 演示 organisation has an application.
 */
import { eq, like, sql } from 'drizzle-orm';
import { exampleBeilunContent, parseExternalRecordRow, shanghaiDate, type ApplicationContent, type OrganisationCreate, type Role } from '@kechuang/domain';
import type { AuthContext } from '../../http/auth.js';
import { insertUser } from '../../modules/accounts/create-user.js';
import { users } from '../../modules/accounts/schema.js';
import { listAttachments, uploadAttachment } from '../../modules/applications/attachments.js';
import { createApplication } from '../../modules/applications/create-application.js';
import { readFormalReview, recordFormalReview } from '../../modules/applications/formal-review.js';
import { runDuplicateCheck } from '../../modules/applications/duplicate-check.js';
import { storeExternalRecords } from '../../modules/applications/external-records.js';
import { applications } from '../../modules/applications/schema.js';
import { saveDraft } from '../../modules/applications/save-draft.js';
import { submitApplication } from '../../modules/applications/submit-application.js';
import { transitionApplication } from '../../modules/applications/transition-application.js';
import { SYSTEM_ACTOR, type Actor } from '../../modules/audit/record.js';
import { findOrganisationByCreditCode, insertOrganisation } from '../../modules/organisations/service.js';
import { calls } from '../../modules/programmes/schema.js';
import type { Db } from '../client.js';

/** 演示 organisations in 北仑 (the call's region); made-up credit codes with a valid check character. */
export const DEMO_APPLICANT_ORGANISATIONS: (OrganisationCreate & { username: string; person: string })[] = [
  { username: 'demo-a', person: '陈演示', name: '宁波演示精密模具有限公司', creditCode: '91330206MA2DEMA016', type: 'enterprise', region: '浙江省宁波市北仑区', industry: 'C', address: '宁波市北仑区演示路1号', contactName: '陈演示', contactPhone: '0574-55551001', contactEmail: '' },
  { username: 'demo-b', person: '林演示', name: '宁波演示智造科技有限公司', creditCode: '91330206MA2DEMB02Y', type: 'enterprise', region: '浙江省宁波市北仑区', industry: 'C', address: '宁波市北仑区演示路2号', contactName: '林演示', contactPhone: '0574-55551002', contactEmail: '' },
  { username: 'demo-c', person: '吴演示', name: '宁波演示新材料有限公司', creditCode: '91330206MA2DEMC03P', type: 'enterprise', region: '浙江省宁波市北仑区', industry: 'C', address: '宁波市北仑区演示路3号', contactName: '吴演示', contactPhone: '0574-55551003', contactEmail: '' },
];

// Demo prose: two-character technical words in a seeded order, so unrelated demo texts share next to no 3-grams
// (sentences built on one template would all look alike to 查重) and only the planted passages match.
const WORDS = ('模具压铸寿命精度仿真热处理涂层冷却水道模温控制钢材合金铝液充型凝固缩孔气孔裂纹变形尺寸检测在线视觉算法数据平台系统传感监测预警'
  + '工艺参数优化设计验证试制批量应用推广成本效率质量产能良率能耗排放绿色智能数字孪生工业软件装备国产替代进口整车车身底盘电池壳体'
  + '结构轻量强度韧性硬度疲劳磨损腐蚀表面镀层激光增材焊接切削加工装配调试标准规范专利论文人才团队协同高校院所企业市场需求用户客户'
  + '示范产线车间园区区域产业链条集群配套供应采购物流交付售后服务运维改造升级迭代创新突破攻关成果转化收益营收利润税收就业').match(/../g)!;
export function prose(seed: number, sentences: number): string {
  let x = (seed * 2654435761 + 97) >>> 0;
  const next = (n: number) => {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    return (x >>> 8) % n;
  };
  let s = '';
  for (let i = 0; i < sentences; i++) {
    for (let w = 0, n = 8 + next(6); w < n; w++) s += WORDS[next(WORDS.length)] + (w === 3 ? '，' : '');
    s += '。';
  }
  return s;
}

/** The higher-level project the near-copy takes its text from (imported as a 演示 external record). */
const HIGHER_SUMMARY = '本项目面向新能源汽车一体化压铸车身结构件的制造需求，研究超大型压铸模具的结构优化设计、随形冷却与模温精确控制、高强韧模具钢热处理及表面强化技术，建立模具服役损伤与寿命预测模型，研制六千吨级以上一体化压铸模具并在整车企业开展批量验证，使模具寿命达到十万模次以上，关键零件尺寸精度达到正负零点三毫米。';
const HIGHER_CONTENT = '主要研究内容包括：超大型薄壁结构件充型凝固过程的多物理场耦合仿真方法；模具随形冷却水道的拓扑优化设计与增材制造；模具钢真空高压气淬与深冷处理复合工艺；模具型腔表面物理气相沉积复合涂层；基于多源传感数据的模具健康状态监测与寿命预测系统。';
/** The paragraph organisation B copies from organisation A's application. */
const COPIED_PARAGRAPH = '公司已建成覆盖熔炼、压铸、热处理和检测的完整试验线，拥有四千吨级智能压铸单元两套、三坐标测量机和工业计算机断层扫描设备各一台，近三年承担省市级科技项目五项，授权发明专利十二件，主导制定团体标准两项，与甬江理工大学共建压铸模具联合实验室，具备开展本项目研究的人才、装备和工程化条件。';

function content(seed: number, title: string, sections: Record<string, string> = {}): ApplicationContent {
  const base = exampleBeilunContent();
  const own = Object.fromEntries(Object.keys(base.sections ?? {}).map((k, i) => [k, prose(seed * 31 + i, 3)]));
  return { ...base, basic: { ...base.basic!, title }, sections: { ...own, ...sections } };
}

export async function authOf(db: Db, username: string): Promise<{ auth: AuthContext; actor: Actor }> {
  const [user] = await db.select().from(users).where(eq(users.username, username));
  if (!user) throw new Error(`demo user ${username} is missing`);
  const roles = user.roles as Role[];
  return { auth: { sessionId: 'seed', user, roles, mustChangePassword: false }, actor: { id: user.id, name: user.username, role: roles[0] ?? null, ip: null } };
}

export interface DemoApplications {
  /** Application ids by their part in the demo. */
  ids: Record<'accepted' | 'pasteCopy' | 'nearCopy' | 'draft' | 'returned' | 'endorsed', string>;
}

/** The three 演示 applicant organisations and their logins (password as the demo applicant's); idempotent. */
export async function seedDemoApplicantOrganisations(db: Db): Promise<void> {
  const seedActor = { ...SYSTEM_ACTOR, name: 'system.seed' };
  const [{ passwordHash } = { passwordHash: '' }] = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.username, 'applicant'));
  await db.transaction(async (tx) => {
    for (const o of DEMO_APPLICANT_ORGANISATIONS) {
      const { username, person, ...org } = o;
      const organisationId = (await findOrganisationByCreditCode(tx, org.creditCode))?.id ?? (await insertOrganisation(tx, seedActor, org)).id;
      const [found] = await tx.select({ id: users.id }).from(users).where(eq(users.username, username));
      if (!found) await insertUser(tx, seedActor, { username, name: person, phone: '', email: '', roles: ['unitAdmin', 'applicant'], organisationId, passwordHash, mustChangePassword: false });
    }
  });
}

export async function seedDemoApplications(db: Db, now = new Date()): Promise<DemoApplications | null> {
  const title = `${shanghaiDate(now).slice(0, 4)}年度北仑区关键核心技术攻关项目申报指南（演示）`;
  const [call] = await db.select({ id: calls.id }).from(calls).where(eq(calls.title, title));
  if (!call) return null;
  const [{ n } = { n: 0 }] = await db.select({ n: sql<number>`count(*)::int` }).from(applications).where(like(sql`(select name from organisations o where o.id = ${applications.organisationId})`, '%演示%'));
  if (n > 0) return null;

  await seedDemoApplicantOrganisations(db);

  // The 演示 external records, stored as an officer's import would store them.
  const officer = await authOf(db, 'officer');
  const header = ['来源类型', '记录编号', '项目名称', '承担单位', '统一社会信用代码', '年度', '项目摘要', '研究内容', '创新点'];
  const year = Number(shanghaiDate(now).slice(0, 4));
  const rows = [
    ['上级项目', 'YS-SJ-2024-001', '超大型一体化压铸模具关键技术研究及产业化（演示）', '浙江演示汽车零部件研究院', '', String(year - 2), HIGHER_SUMMARY, HIGHER_CONTENT, prose(901, 2)],
    ['人才项目', 'YS-RC-2023-007', '高性能模具钢热处理青年人才项目（演示）', '甬江理工大学（演示）', '', String(year - 3), prose(902, 4), prose(903, 3), ''],
    ['往年项目', 'YS-WN-2022-015', '压铸件在线质量检测系统开发（演示）', '宁波演示检测技术有限公司', '', String(year - 4), prose(904, 4), prose(905, 3), ''],
  ];
  const records = rows.map((cells, i) => {
    const r = parseExternalRecordRow(header, i + 2, cells, year);
    if (!('record' in r)) throw new Error(`demo external record ${i + 2}: ${r.errors.map((e) => e.message).join('；')}`);
    return { line: i + 2, record: r.record };
  });
  await storeExternalRecords(db, officer.actor, records, [], now);

  const [a, b, c] = await Promise.all(['demo-a', 'demo-b', 'demo-c'].map((u) => authOf(db, u))) as [Awaited<ReturnType<typeof authOf>>, Awaited<ReturnType<typeof authOf>>, Awaited<ReturnType<typeof authOf>>];
  const draft = async (who: typeof a, body: ApplicationContent) => {
    const id = await createApplication(db, who.auth, who.actor, { callId: call.id, guidelineItemCode: 'BL-2026-02', categoryCode: 'chain' }, now);
    await saveDraft(db, who.auth, who.actor, id, { baseVersion: 1, content: body }, now);
    // The call's required materials, as the applicant uploads them (a one-page 演示 PDF per slot).
    const { slots } = await listAttachments(db, who.auth, id, now);
    for (const slot of slots.filter((s) => s.required)) {
      const bytes = Buffer.from(`%PDF-1.4\n% ${slot.label}（演示）\n%%EOF\n`, 'utf8');
      await uploadAttachment(db, who.auth, who.actor, id, slot.kind, async () => ({ filename: `${slot.label}（演示）.pdf`, bytes }), now);
    }
    return id;
  };
  const submit = async (who: typeof a, id: string) => {
    const s = await submitApplication(db, who.auth, who.actor, id, now);
    // Synchronously here (no queue runs while seeding): the report is there when the demo starts.
    await runDuplicateCheck(db, { applicationId: id, version: s.version }, undefined, now);
  };

  // A: the source of the copied paragraph, accepted after 形式审查.
  const accepted = await draft(a, content(1, '大型一体化压铸模具随形冷却与寿命提升关键技术（演示）', { 'foundation.conditions': `${prose(11, 1)}${COPIED_PARAGRAPH}${prose(12, 1)}` }));
  await submit(a, accepted);
  await transitionApplication(db, a.auth, a.actor, accepted, 'endorse', {}, now);
  const checklist = await readFormalReview(db, officer.auth, accepted, now);
  await recordFormalReview(db, officer.auth, officer.actor, accepted, checklist.items.map((i) => ({ key: i.key, pass: true, reason: '经核实符合要求（演示）' })), now);
  await transitionApplication(db, officer.auth, officer.actor, accepted, 'accept', { comment: '形式审查通过（演示）' }, now);
  // B: copies A's paragraph into its own 工作条件 section — flagged.
  const pasteCopy = await draft(b, content(2, '新能源汽车一体化压铸件智能制造关键技术（演示）', { 'foundation.conditions': `${prose(21, 1)}${COPIED_PARAGRAPH}` }));
  await submit(b, pasteCopy);
  // C: a near-copy of the imported higher-level project — flagged.
  const nearCopy = await draft(c, content(3, '超大型一体化压铸模具关键技术研究（演示）', { 'plan.goals': HIGHER_SUMMARY, 'plan.contentAndIndicators': HIGHER_CONTENT }));
  await submit(c, nearCopy);
  // A draft, a returned one with reasons beside two fields, and an endorsed one waiting for the officer.
  const draftOnly = await draft(a, content(4, '压铸模具表面复合涂层技术研究（演示，草稿）'));
  const returned = await draft(b, content(5, '真空压铸装备国产化关键技术（演示）'));
  await submit(b, returned);
  await transitionApplication(db, b.auth, b.actor, returned, 'return', { reasons: [{ field: 'sections.plan.goals', reason: '项目目标未量化，请补充可考核的技术指标（演示）' }, { field: 'budget', reason: '设备费占比偏高，请说明购置必要性（演示）' }] }, now);
  const endorsed = await draft(c, content(6, '高强韧模具钢热处理工艺优化（演示）'));
  await submit(c, endorsed);
  await transitionApplication(db, c.auth, c.actor, endorsed, 'endorse', {}, now);
  return { ids: { accepted, pasteCopy, nearCopy, draft: draftOnly, returned, endorsed } };
}
