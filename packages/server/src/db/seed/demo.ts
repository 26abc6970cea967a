/**
 * Demo data: one account per role (username = role name in lower case, password Demo@2026) and a few
 * fictional organisations. Idempotent: a record that already exists is left as it is.
 */
import { eq, sql } from 'drizzle-orm';
import { DEFAULT_PROPOSAL_TEMPLATE, shanghaiDate, type OrganisationCreate, type Role } from '@kechuang/domain';
import { createCall, transitionCall } from '../../modules/programmes/calls.js';
import { calls } from '../../modules/programmes/schema.js';
import type { Db } from '../client.js';
import { insertUser } from '../../modules/accounts/create-user.js';
import { hashPassword } from '../../modules/accounts/passwords.js';
import { users } from '../../modules/accounts/schema.js';
import { recordAudit, SYSTEM_ACTOR } from '../../modules/audit/record.js';
import { seedDemoApplications } from './demo-applications.js';
import { seedDemoExperts } from './demo-experts.js';
import { seedDemoMonitoring } from './demo-monitoring.js';
import { seedDemoReview } from './demo-review.js';
import { findOrganisationByCreditCode, insertOrganisation } from '../../modules/organisations/service.js';

export const DEMO_PASSWORD = 'Demo@2026';

/** Fictional organisations; the credit codes are made up but carry a valid GB 32100 check character. */
export const DEMO_ORGANISATIONS: OrganisationCreate[] = [
  { name: '宁波甬创智能装备有限公司', creditCode: '91330206MA2KC7HX53', type: 'enterprise', region: '浙江省宁波市北仑区', industry: 'C', address: '宁波市北仑区示范路1号', contactName: '陈工', contactPhone: '0574-55550101', contactEmail: 'contact@yongchuang.example' },
  { name: '宁波东海新材料科技有限公司', creditCode: '91330211MA2J8DLT1M', type: 'enterprise', region: '浙江省宁波市镇海区', industry: 'C', address: '宁波市镇海区示范路8号', contactName: '林经理', contactPhone: '0574-55550202', contactEmail: '' },
  { name: '甬江理工大学', creditCode: '12330212MB1A7720X3', type: 'university', region: '浙江省宁波市鄞州区', industry: 'P', address: '宁波市鄞州区学府路100号', contactName: '科研处', contactPhone: '0574-55550303', contactEmail: 'kyc@yjlg.example' },
  { name: '宁波海湾先进制造研究院', creditCode: '52330206MJ9F3R4N8A', type: 'institute', region: '浙江省宁波市北仑区', industry: 'M', address: '宁波市北仑区创新大道6号', contactName: '综合办', contactPhone: '0574-55550404', contactEmail: 'office@hwam.example' },
  { name: '宁波港城康复医院', creditCode: '52330203MJ8P6Q2A0W', type: 'hospital', region: '浙江省宁波市海曙区', industry: 'Q', address: '宁波市海曙区康宁路2号', contactName: '科教科', contactPhone: '0574-55550505', contactEmail: '' },
];

export const DEMO_USERS: { username: string; name: string; roles: Role[]; organisation?: string; recommenderRegions?: string[] }[] = [
  { username: 'applicant', name: '王申报', roles: ['applicant'], organisation: '91330206MA2KC7HX53' },
  { username: 'unitadmin', name: '李单管', roles: ['unitAdmin', 'applicant'], organisation: '91330206MA2KC7HX53' },
  // The city's recommending unit: it covers every demo applicant, all of them in 宁波市.
  { username: 'recommender', name: '钱推荐', roles: ['recommender'], recommenderRegions: ['浙江省宁波市'] },
  { username: 'expert', name: '赵专家', roles: ['expert'] },
  { username: 'officer', name: '周经办', roles: ['officer'] },
  { username: 'leader', name: '吴局长', roles: ['leader'] },
  { username: 'department', name: '郑处长', roles: ['department'] },
  { username: 'sysadmin', name: '系统管理员', roles: ['sysadmin'] },
  { username: 'secadmin', name: '安全管理员', roles: ['secadmin'] },
  { username: 'auditor', name: '审计管理员', roles: ['auditor'] },
  { username: 'observer', name: '孙监督', roles: ['observer'] },
];

/** A published Beilun call open this month, so the public page and the calculator have something real to show. */
async function seedDemoCall(db: Db, now: Date): Promise<boolean> {
  const title = `${shanghaiDate(now).slice(0, 4)}年度北仑区关键核心技术攻关项目申报指南（演示）`;
  const [exists] = await db.select({ id: calls.id }).from(calls).where(eq(calls.title, title));
  if (exists) return false;
  const [officer] = await db.select().from(users).where(eq(users.username, 'officer'));
  const actor = { id: officer?.id ?? null, name: 'officer', role: 'officer', ip: null };
  const monthStart = `${shanghaiDate(now).slice(0, 7)}-01T00:00:00+08:00`;
  const closes = new Date(new Date(monthStart).getTime() + 75 * 86_400_000);
  const call = await createCall(db, actor, ['officer'], {
    title,
    description: '围绕集成电路、高端装备、新材料、生命健康、人工智能等重点领域，征集关键核心技术攻关项目。',
    programmeCode: 'beilun-kct',
    versionId: null,
    categoryCodes: ['leading', 'chain', 'incubation'],
    fieldCodes: ['ic', 'equipment', 'materials', 'health', 'ai'],
    guidelineItems: [
      { code: 'BL-2026-01', title: '高精度车规级芯片先进封测关键技术', description: '面向车规级芯片的高可靠先进封装与测试工艺，突破散热与可靠性瓶颈。', fieldCode: 'ic' },
      { code: 'BL-2026-02', title: '大型一体化压铸高端模具设计与制造', description: '突破超大型一体化压铸模具的设计仿真、材料与热处理关键技术。', fieldCode: 'equipment' },
      { code: 'BL-2026-03', title: '高性能稀土永磁材料低重稀土化技术', description: '在保持矫顽力的前提下显著降低重稀土用量。', fieldCode: 'materials' },
    ],
    opensAt: monthStart,
    closesAt: `${shanghaiDate(closes)}T17:00:00+08:00`,
    selectionMode: 'competitive',
    formSections: DEFAULT_PROPOSAL_TEMPLATE,
    requiredAttachments: ['businessLicence', 'financialStatements'],
    eligibility: {},
  });
  await transitionCall(db, actor, ['officer'], call.id, 'publish', now);
  return true;
}

/**
 * `applications`: also the demo applications with their 查重 reports (demo-applications.ts). The server's
 * SEED_DEMO start asks for them; test databases leave them out (each test builds its own applications).
 * `experts`: the demo expert pool (demo-experts.ts), by default with the applications: a test database starts
 * with an empty pool, so each review test's experts are the ones it made.
 */
export async function seedDemo(db: Db, now = new Date(), opts: { applications?: boolean; experts?: boolean } = {}): Promise<{ organisations: number; users: number; calls: number; applications: number }> {
  let orgCount = 0;
  let userCount = 0;
  const actor = { ...SYSTEM_ACTOR, name: 'system.seed' };
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.transaction(async (tx) => {
    const orgIds = new Map<string, string>();
    for (const o of DEMO_ORGANISATIONS) {
      const existing = await findOrganisationByCreditCode(tx, o.creditCode);
      orgIds.set(o.creditCode, existing?.id ?? (await insertOrganisation(tx, actor, o)).id);
      if (!existing) orgCount++;
    }
    for (const u of DEMO_USERS) {
      const [found] = await tx.select({ id: users.id, recommenderRegions: users.recommenderRegions }).from(users).where(eq(sql`lower(${users.username})`, u.username));
      if (found) {
        // A demo recommender seeded before scopes existed would see nothing: give it the demo scope once.
        if (u.recommenderRegions && found.recommenderRegions.length === 0) {
          await tx.update(users).set({ recommenderRegions: u.recommenderRegions }).where(eq(users.id, found.id));
          await recordAudit(tx, actor, { action: 'user.update', entityType: 'user', entityId: found.id, changes: { recommenderRegions: { before: [], after: u.recommenderRegions } } });
        }
        continue;
      }
      const organisationId = u.organisation ? orgIds.get(u.organisation)! : null;
      await insertUser(tx, actor, { username: u.username, name: u.name, phone: '', email: '', roles: u.roles, organisationId, passwordHash, mustChangePassword: false, ...(u.recommenderRegions ? { recommenderRegions: u.recommenderRegions } : {}) });
      userCount++;
    }
  });
  if (opts.experts ?? opts.applications) await seedDemoExperts(db);
  const callCount = (await seedDemoCall(db, now)) ? 1 : 0;
  await seedDemoMonitoring(db, now);
  const apps = opts.applications ? await seedDemoApplications(db, now) : null;
  // Review to approval (演示): one batch approved, one being scored by the demo expert (demo-review.ts).
  if (opts.applications) await seedDemoReview(db, now);
  return { organisations: orgCount, users: userCount, calls: callCount, applications: apps ? Object.keys(apps.ids).length : 0 };
}
