/**
 * Acceptance demo (验收, 演示): the `accepted` project applies early with its reason and materials, the bureau
 * commits and draws a panel from the demo expert pool, every panel expert verifies the indicators through the
 * use cases, and the outcome is 通过; the `failed` project goes the same way, its indicators mostly 未达到, and
 * the outcome is 不通过 with recovery of what was paid (possibly nothing) ordered by the outcome use case. A
 * project not yet `executing` (the task-book step has not signed it) is left alone. Actions are dated a tenth
 * of a second apart from `base`: the approval instant, or a little before the real clock if seeding took longer.
 */
import { eq } from 'drizzle-orm';
import { ACCEPTANCE_MATERIAL_KINDS, ACCEPTANCE_MATERIALS, hasPermission, type Role } from '@kechuang/domain';
import { users } from '../../modules/accounts/schema.js';
import { applyAcceptance, uploadAcceptanceMaterial } from '../../modules/projects/acceptance-apply.js';
import { myAcceptanceReviews, readMyAcceptanceReview, saveMyAcceptanceReview, submitMyAcceptanceReview } from '../../modules/projects/acceptance-expert.js';
import { decideAcceptance } from '../../modules/projects/acceptance-outcome.js';
import { commitPanel, drawPanel } from '../../modules/projects/acceptance-panel.js';
import { readAcceptance } from '../../modules/projects/acceptance-read.js';
import { acceptancePanelMembers } from '../../modules/projects/acceptance-schema.js';
import { findProject } from '../../modules/projects/lifecycle.js';
import type { Db } from '../client.js';
import { authOf } from './demo-applications.js';
import type { DemoProjects } from './demo-projects.js';

type Who = Awaited<ReturnType<typeof authOf>>;

/** A one-page 演示 PDF (as demo-applications uploads its materials). */
const pdf = (label: string): Buffer => Buffer.from(`%PDF-1.4\n% ${label}（演示）\n%%EOF\n`, 'utf8');

async function undertakerOf(db: Db, organisationId: string): Promise<Who> {
  const rows = await db.select({ username: users.username, roles: users.roles }).from(users).where(eq(users.organisationId, organisationId));
  const row = rows.find((u) => (u.roles as Role[]).includes('applicant')) ?? rows.find((u) => hasPermission(u.roles as Role[], 'project.undertake'));
  if (!row) throw new Error(`demo acceptance: no undertaker account in organisation ${organisationId}`);
  return authOf(db, row.username);
}

/** Materials, the early application, the panel committed and drawn, each drawn expert's verification submitted. */
async function heard(db: Db, projectId: string, officer: Who, at: (s: number) => Date, text: { summary: string; earlyReason: string; source: string; value: string; opinion: string }, met: (index: number, expert: number) => boolean): Promise<void> {
  const project = await findProject(db, projectId);
  const unit = await undertakerOf(db, project.organisationId);
  for (const kind of ACCEPTANCE_MATERIAL_KINDS.filter((k) => ACCEPTANCE_MATERIALS[k].required)) {
    const label = ACCEPTANCE_MATERIALS[kind].label;
    await uploadAcceptanceMaterial(db, unit.auth, unit.actor, projectId, kind, async () => ({ filename: `${label}（演示）.pdf`, bytes: pdf(label) }), at(0));
  }
  await applyAcceptance(db, unit.auth, unit.actor, projectId, { summary: text.summary, earlyReason: text.earlyReason }, at(1));
  await commitPanel(db, officer.actor, projectId, { sources: [{ description: text.source, publicAt: at(3).toISOString() }] }, { now: at(2) });
  await drawPanel(db, officer.actor, projectId, { values: [text.value], observerInput: '2718（演示：纪检监督员现场输入）' }, { now: at(4) });
  // Every demo pool expert signs in (demo-expert-NN or the demo `expert`), so each verification goes through the use case.
  const logins = await db.select({ username: users.username }).from(acceptancePanelMembers).innerJoin(users, eq(users.id, acceptancePanelMembers.expertUserId)).where(eq(acceptancePanelMembers.projectId, projectId));
  for (const [n, { username }] of logins.entries()) {
    const expert = await authOf(db, username);
    for (const task of (await myAcceptanceReviews(db, expert.auth)).items.filter((i) => i.projectId === projectId && i.status === 'draft')) {
      const r = await readMyAcceptanceReview(db, expert.auth, task.id);
      const verdicts = r.indicators.map((i) => {
        const ok = met(i.index, n);
        return { index: i.index, met: ok, achievedValue: ok ? `${i.targetValue}` : '未达到', evidence: ok ? '技术报告及第三方检测报告（演示）' : '技术报告未提供达到目标值的证明（演示）' };
      });
      await saveMyAcceptanceReview(db, expert.auth, expert.actor, task.id, { verdicts, opinion: text.opinion }, at(5 + n));
      await submitMyAcceptanceReview(db, expert.auth, expert.actor, task.id, at(5 + n));
    }
  }
}

export async function demoAcceptance(db: Db, demo: DemoProjects): Promise<void> {
  const officer = await authOf(db, 'officer');
  // From the real clock, never earlier: the steps before (first instalments, the mid-term termination) ran at real
  // time, and an acceptance decision dated before a payment would put a payment after the project closed.
  const base = Math.max(demo.now.getTime(), Date.now());
  const at = (step: number) => new Date(base + step * 100);

  const accepted = demo.byRole.accepted;
  if ((await findProject(db, accepted)).state === 'executing') {
    await heard(db, accepted, officer, at, {
      summary: '项目任务书约定的研究内容已全部完成，考核指标均已达到，申请验收（演示）。',
      earlyReason: '核心工艺提前定型，样机已通过第三方检测，全部考核指标提前完成（演示）。',
      source: '中国福利彩票“3D”开奖号码（演示）',
      value: '731',
      opinion: '逐项核查技术报告和检测报告，各项指标均已达到任务书目标值（演示）。',
    }, () => true);
    await decideAcceptance(db, officer.actor, accepted, { decision: 'pass', basis: '专家组逐项核查，全部考核指标完成，同意通过验收（演示）。' }, { now: at(20) });
  }

  const failed = demo.byRole.failed;
  if ((await findProject(db, failed)).state === 'executing') {
    // Mostly 未达到: only the last indicator is found met, and only by some experts.
    const count = (await readAcceptance(db, officer.auth, failed)).indicators.length;
    await heard(db, failed, officer, at, {
      summary: '项目已完成主要研究内容，申请验收（演示）。',
      earlyReason: '承担单位经营调整，项目团队解散，申请提前验收（演示）。',
      source: '上海证券交易所综合指数收盘点位（演示）',
      value: '3187.62',
      opinion: '多项核心指标未达到任务书目标值，佐证材料不足（演示）。',
    }, (index, expert) => index === count - 1 && count > 1 && expert % 2 === 0);
    const v = await readAcceptance(db, officer.auth, failed);
    await decideAcceptance(db, officer.actor, failed, {
      decision: 'fail',
      ...(v.suggested !== 'fail' ? { overrideReason: '项目团队已解散，不具备整改条件，不再给予整改机会（演示）。' } : {}),
      owedYuan: v.ledger.netPaidYuan,
      basis: '专家组认定核心指标大多未完成，验收不通过，责令退回已拨付资金（演示）。',
    }, { now: at(21) });
  }
}
