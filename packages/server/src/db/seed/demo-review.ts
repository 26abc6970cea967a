/**
 * Demo review (SEED_DEMO, 演示): two closed Beilun calls whose accepted applications go to review — one taken all
 * the way to approval (立项), one whose scoring is open for the demo expert. The calls and applications are made
 * through the use cases at backdated times (the call opened and closed in the past), so every state is real and
 * audited; the review steps then run through each step's own demo function. Idempotent by the calls' titles.
 */
import { eq } from 'drizzle-orm';
import { exampleBeilunContent, residentIdCheckChar, shanghaiDate, DEFAULT_PROPOSAL_TEMPLATE, type ApplicationContent } from '@kechuang/domain';
import { listAttachments, uploadAttachment } from '../../modules/applications/attachments.js';
import { createApplication } from '../../modules/applications/create-application.js';
import { runDuplicateCheck } from '../../modules/applications/duplicate-check.js';
import { readFormalReview, recordFormalReview } from '../../modules/applications/formal-review.js';
import { saveDraft } from '../../modules/applications/save-draft.js';
import { submitApplication } from '../../modules/applications/submit-application.js';
import { transitionApplication } from '../../modules/applications/transition-application.js';
import { createCall, transitionCall } from '../../modules/programmes/calls.js';
import { calls } from '../../modules/programmes/schema.js';
import { openRound } from '../../modules/review/rounds.js';
import type { Db } from '../client.js';
import { seedDemoProjects } from './demo-projects.js';
import { authOf, prose, seedDemoApplicantOrganisations } from './demo-applications.js';
import { demoDraw } from './demo-review-draw.js';
import { demoInspection, demoMeetings } from './demo-review-meetings.js';
import { demoApprove, demoFundingPlan } from './demo-review-plan.js';
import { demoRubric, demoScores } from './demo-review-scoring.js';
import { demoNotice } from './demo-review-notice.js';
import { demoAssignOptimal } from './demo-review-assign.js';

const DAY = 86_400_000;
const WAN = 10_000;

/** Project titles of the demo review (equipment field, 高端模具 and 压铸 themes, so the demo experts match). */
const TITLES = [
  '一体化压铸模具随形冷却水道增材制造技术（演示）',
  '超大型压铸模具结构仿真与轻量化设计（演示）',
  '压铸模具钢真空高压气淬工艺研究（演示）',
  '模具型腔物理气相沉积复合涂层技术（演示）',
  '压铸件缩孔缺陷在线视觉检测系统（演示）',
  '模具服役寿命预测与健康监测平台（演示）',
  '高真空压铸装备关键部件国产化（演示）',
  '铝合金车身结构件免热处理压铸工艺（演示）',
  '压铸岛智能调度与工艺参数优化（演示）',
  '大型模具激光熔覆修复技术（演示）',
  '压铸模具热疲劳裂纹抑制技术（演示）',
  '一体化压铸件尺寸精度补偿方法（演示）',
  '模温机群智能协同控制系统（演示）',
  '压铸模具数字孪生设计平台（演示）',
  '超高强模具钢国产化制备技术（演示）',
];

/** A valid resident ID per demo leader (born 1978), distinct by n. */
function leaderId(n: number): string {
  const first17 = `33020619780101${String(n).padStart(3, '0')}`;
  return first17 + residentIdCheckChar(first17)!;
}

function reviewContent(n: number, title: string, districtWan: number, startYear: number, extraKeywords: readonly string[]): ApplicationContent {
  const base = exampleBeilunContent();
  const sections = Object.fromEntries(Object.keys(base.sections ?? {}).map((k, i) => [k, prose(500 + n * 31 + i, 3)]));
  return {
    ...base,
    basic: { ...base.basic!, title, startDate: `${startYear}-07-01`, endDate: `${startYear + 2}-06-30`, keywords: [...(base.basic!.keywords ?? []), ...extraKeywords] },
    team: { ...base.team!, leader: { ...base.team!.leader!, name: `演示负责人${n}`, birthYear: 1978, idNumber: leaderId(n) } },
    budget: {
      lines: [
        { subject: 'equipment', fiscalCityYuan: 0, fiscalDistrictYuan: Math.round(districtWan * 0.6) * WAN, selfRaisedYuan: districtWan * 2 * WAN, otherYuan: 0 },
        { subject: 'materials', fiscalCityYuan: 0, fiscalDistrictYuan: (districtWan - Math.round(districtWan * 0.6)) * WAN, selfRaisedYuan: districtWan * WAN, otherYuan: 0 },
      ],
      overlaps: [],
    },
    yearlyPlan: [
      { year: startYear, goals: '完成设计仿真与方案验证（演示）', milestones: [{ date: `${startYear}-12-31`, description: '方案通过评审（演示）' }] },
      { year: startYear + 1, goals: '完成样件试制与测试（演示）', milestones: [{ date: `${startYear + 1}-12-31`, description: '样件通过第三方检测（演示）' }] },
    ],
    sections,
  };
}

export interface DemoReviewCall {
  callId: string;
  applicationIds: string[];
}

/**
 * A Beilun call that opened `opensDaysAgo` and closed `closesDaysAgo` days before `now` (never before this
 * year's first hour in Asia/Shanghai, so it draws on this year's budget), with `count` applications from the three
 * 演示 organisations and the demo applicant, each submitted, endorsed, 查重-checked, formally reviewed and accepted.
 */
export async function seedClosedDemoCall(db: Db, now: Date, title: string, count: number, requestWan: (i: number) => number, opensDaysAgo: number, closesDaysAgo: number, leaderBase: number, extraKeywords: readonly string[] = []): Promise<DemoReviewCall | null> {
  const [exists] = await db.select({ id: calls.id }).from(calls).where(eq(calls.title, title));
  if (exists) return null;
  await seedDemoApplicantOrganisations(db);
  const yearStart = new Date(`${shanghaiDate(now).slice(0, 4)}-01-01T01:00:00+08:00`);
  const closesAt = new Date(Math.max(now.getTime() - closesDaysAgo * DAY, yearStart.getTime()));
  const opensAt = new Date(closesAt.getTime() - (opensDaysAgo - closesDaysAgo) * DAY);
  const officer = await authOf(db, 'officer');
  const call = await createCall(db, officer.actor, ['officer'], {
    title,
    description: '围绕高端装备领域的模具与压铸关键技术征集攻关项目（演示）。',
    programmeCode: 'beilun-kct',
    versionId: null,
    categoryCodes: ['leading', 'chain', 'incubation'],
    fieldCodes: ['equipment'],
    guidelineItems: [{ code: 'BL-2026-02', title: '大型一体化压铸高端模具设计与制造', description: '突破超大型一体化压铸模具的设计仿真、材料与热处理关键技术。', fieldCode: 'equipment' }],
    opensAt: opensAt.toISOString(),
    closesAt: closesAt.toISOString(),
    selectionMode: 'competitive',
    formSections: DEFAULT_PROPOSAL_TEMPLATE,
    requiredAttachments: ['businessLicence', 'financialStatements'],
    eligibility: {},
  });
  await transitionCall(db, officer.actor, ['officer'], call.id, 'publish', opensAt);
  const orgs = [
    { applicant: 'demo-a', endorser: 'demo-a' },
    { applicant: 'demo-b', endorser: 'demo-b' },
    { applicant: 'demo-c', endorser: 'demo-c' },
    { applicant: 'applicant', endorser: 'unitadmin' },
  ];
  const startYear = Number(shanghaiDate(now).slice(0, 4));
  const applicationIds: string[] = [];
  for (let i = 0; i < count; i++) {
    const org = orgs[i % orgs.length]!;
    const who = await authOf(db, org.applicant);
    const endorser = await authOf(db, org.endorser);
    const at = new Date(opensAt.getTime() + (i + 1) * 3_600_000);
    const id = await createApplication(db, who.auth, who.actor, { callId: call.id, guidelineItemCode: 'BL-2026-02', categoryCode: 'chain' }, at);
    await saveDraft(db, who.auth, who.actor, id, { baseVersion: 1, content: reviewContent(leaderBase + i, TITLES[i % TITLES.length]!, requestWan(i), startYear, extraKeywords) }, at);
    const { slots } = await listAttachments(db, who.auth, id, at);
    for (const slot of slots.filter((s) => s.required)) {
      const bytes = Buffer.from(`%PDF-1.4\n% ${slot.label}（演示）\n%%EOF\n`, 'utf8');
      await uploadAttachment(db, who.auth, who.actor, id, slot.kind, async () => ({ filename: `${slot.label}（演示）.pdf`, bytes }), at);
    }
    const s = await submitApplication(db, who.auth, who.actor, id, at);
    await runDuplicateCheck(db, { applicationId: id, version: s.version }, undefined, at);
    await transitionApplication(db, endorser.auth, endorser.actor, id, 'endorse', {}, at);
    const checklist = await readFormalReview(db, officer.auth, id, at);
    await recordFormalReview(db, officer.auth, officer.actor, id, checklist.items.map((it) => ({ key: it.key, pass: true, reason: '经核实符合要求（演示）' })), at);
    await transitionApplication(db, officer.auth, officer.actor, id, 'accept', { comment: '形式审查通过（演示）' }, at);
    applicationIds.push(id);
  }
  await transitionCall(db, officer.actor, ['officer'], call.id, 'close', closesAt);
  return { callId: call.id, applicationIds };
}

/** The two demo review calls and their rounds (opened; the steps are run by seedDemoReview's caller). */
export async function seedDemoReviewCalls(db: Db, now = new Date()): Promise<{ approved: { roundId: string } | null; scoring: { roundId: string } | null }> {
  const year = shanghaiDate(now).slice(0, 4);
  const officer = await authOf(db, 'officer');
  // 15 requests of 240–300万 (the chain category's cap, BL-6) total 4,260万: more than the 4,000万 budget (BL-4), so the plan must choose.
  const a = await seedClosedDemoCall(db, now, `${year}年度北仑区关键核心技术攻关项目（演示·已立项批次）`, 15, (i) => [300, 290, 280, 300, 260, 300, 270, 300, 250, 300, 280, 300, 240, 300, 290][i]!, 80, 50, 600);
  // 随形冷却 is a keyword only the demo expert (赵专家) lists, so the optimal assignment gives them this batch to score.
  const b = await seedClosedDemoCall(db, now, `${year}年度北仑区关键核心技术攻关项目（演示·专家评审中）`, 5, (i) => 200 + 20 * i, 30, 3, 700, ['随形冷却']);
  const approved = a ? { roundId: (await openRound(db, officer.actor, a.callId)).id } : null;
  const scoring = b ? { roundId: (await openRound(db, officer.actor, b.callId)).id } : null;
  return { approved, scoring };
}

/**
 * The review demo (演示), each step through its own demo function at a backdated time so the story reads in order:
 * the approved batch was drawn 40 days ago, scored, inspected, planned, decided by both meetings, put on public
 * notice (period over, one objection resolved) and approved today; the second batch was assigned by the optimal
 * mode and is being scored now, the demo expert among its reviewers. Idempotent: it runs only on a fresh seed.
 */
export async function seedDemoReview(db: Db, now = new Date()): Promise<{ approved: string | null; scoring: string | null }> {
  const { approved, scoring } = await seedDemoReviewCalls(db, now);
  const at = (days: number) => new Date(now.getTime() - days * DAY);
  if (approved) {
    const r = approved.roundId;
    await demoRubric(db, r, at(40));
    await demoDraw(db, r, at(40));
    await demoScores(db, r, { close: true }, at(38));
    await demoInspection(db, r, at(33));
    await demoFundingPlan(db, r);
    await demoMeetings(db, r, at(25));
    await demoNotice(db, r, at(20));
    await demoApprove(db, r);
    await seedDemoProjects(db, r, now);
  }
  if (scoring) {
    await demoRubric(db, scoring.roundId, now);
    await demoAssignOptimal(db, scoring.roundId);
  }
  return { approved: approved?.roundId ?? null, scoring: scoring?.roundId ?? null };
}
