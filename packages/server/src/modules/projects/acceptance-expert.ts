/**
 * The expert's side of acceptance (验收评审): only the panels one was drawn onto, never a project one is now
 * conflicted on (the rules of review/conflicts.ts are re-checked on every read and write, so a conflict declared
 * after the draw hides the project), indicator by indicator against the task book in force, saved then submitted.
 */
import { and, asc, eq, inArray } from 'drizzle-orm';
import { conflictReasons, shanghaiDayOf, type AcceptanceMaterialKind, type ExpertAcceptanceReview, type IndicatorVerdict } from '@kechuang/domain';
import type { Db, Tx } from '../../db/client.js';
import type { AuthContext } from '../../http/auth.js';
import { recordAudit, type Actor } from '../audit/record.js';
import { organisationProfiles } from '../organisations/service.js';
import { expertIdOf } from '../review/expert-assignments.js';
import { poolExpertsByIds } from '../review/experts/pool.js';
import { acceptanceProblem } from './acceptance-errors.js';
import { acceptancePanelMembers, acceptanceReviews } from './acceptance-schema.js';
import { applicationOf, conflictProject, indicatorsOf, materialsOf } from './acceptance-store.js';
import { findProject } from './lifecycle.js';

type ReviewRow = typeof acceptanceReviews.$inferSelect;
type MemberRow = typeof acceptancePanelMembers.$inferSelect;

async function conflicted(db: Tx, expertId: string, projectId: string): Promise<boolean> {
  const [e] = await poolExpertsByIds(db, [expertId]);
  if (!e) return true;
  return conflictReasons(await conflictProject(db, await findProject(db, projectId)), e.conflict).length > 0;
}

async function ownReview(db: Tx, auth: AuthContext, id: string, opts: { forUpdate?: boolean } = {}): Promise<{ review: ReviewRow; member: MemberRow }> {
  const expertId = await expertIdOf(db, auth);
  if (!expertId) throw acceptanceProblem('ACCEPTANCE_REVIEW_NOT_FOUND');
  const q = db.select().from(acceptanceReviews).where(eq(acceptanceReviews.id, id));
  const [review] = opts.forUpdate ? await q.for('update') : await q;
  if (!review) throw acceptanceProblem('ACCEPTANCE_REVIEW_NOT_FOUND');
  const [member] = await db.select().from(acceptancePanelMembers).where(and(eq(acceptancePanelMembers.id, review.memberId), eq(acceptancePanelMembers.expertId, expertId)));
  if (!member || (await conflicted(db, expertId, review.projectId))) throw acceptanceProblem('ACCEPTANCE_REVIEW_NOT_FOUND');
  return { review, member };
}

export async function myAcceptanceReviews(db: Db, auth: AuthContext) {
  const expertId = await expertIdOf(db, auth);
  if (!expertId) return { items: [] };
  const members = await db.select().from(acceptancePanelMembers).where(eq(acceptancePanelMembers.expertId, expertId));
  if (members.length === 0) return { items: [] };
  const reviews = await db.select().from(acceptanceReviews).where(inArray(acceptanceReviews.memberId, members.map((m) => m.id))).orderBy(asc(acceptanceReviews.updatedAt));
  const items = [];
  for (const r of reviews) {
    if (await conflicted(db, expertId, r.projectId)) continue;
    items.push(await present(db, r));
  }
  return { items };
}

async function present(db: Tx, r: ReviewRow) {
  const project = await findProject(db, r.projectId);
  const [org] = await organisationProfiles(db, [project.organisationId]);
  return { id: r.id, projectId: project.id, projectNo: project.projectNo, title: project.title, organisationName: org?.name ?? '', hearingNo: r.hearingNo, status: r.status as 'draft' | 'submitted', submittedAt: r.submittedAt?.toISOString() ?? null };
}

/** Whether the review can still be written: a draft of the current hearing while the project is being accepted. */
async function editable(db: Tx, r: ReviewRow): Promise<boolean> {
  if (r.status !== 'draft') return false;
  const project = await findProject(db, r.projectId);
  const app = await applicationOf(db, r.projectId);
  return project.state === 'accepting' && app?.hearingNo === r.hearingNo;
}

export async function readMyAcceptanceReview(db: Db, auth: AuthContext, id: string): Promise<ExpertAcceptanceReview> {
  const { review } = await ownReview(db, auth, id);
  const verdicts = new Map((review.verdicts as IndicatorVerdict[]).map((v) => [v.index, v]));
  const app = await applicationOf(db, review.projectId);
  return {
    ...(await present(db, review)),
    opinion: review.opinion,
    summary: app?.summary ?? '',
    indicators: (await indicatorsOf(db, review.projectId)).map((i) => {
      const v = verdicts.get(i.index);
      return { index: i.index, kind: i.kind, name: i.name, unit: i.unit, currentValue: i.currentValue, targetValue: i.targetValue, core: i.core, verdict: v ? { met: v.met, achievedValue: v.achievedValue, evidence: v.evidence } : null };
    }),
    materials: (await materialsOf(db, review.projectId)).map((m) => ({ id: m.id, kind: m.kind as AcceptanceMaterialKind, fileName: m.fileName, size: m.size, contentType: m.contentType, sha256: m.sha256, uploadedAt: m.uploadedAt.toISOString(), cycle: m.cycle })),
    editable: await editable(db, review),
  };
}

export async function saveMyAcceptanceReview(db: Db, auth: AuthContext, actor: Actor, id: string, input: { verdicts: IndicatorVerdict[]; opinion: string }, now = new Date()): Promise<ExpertAcceptanceReview> {
  await db.transaction(async (tx) => {
    const { review } = await ownReview(tx, auth, id, { forUpdate: true });
    if (!(await editable(tx, review))) throw acceptanceProblem('ACCEPTANCE_REVIEW_CLOSED', review.status === 'submitted' ? '核查意见已提交，不能修改。' : '本次评议已结束。');
    const count = (await indicatorsOf(tx, review.projectId)).length;
    const errors = input.verdicts.flatMap((v, i) => (v.index >= count ? [{ field: `verdicts.${i}.index`, message: `任务书只有 ${count} 项考核指标` }] : []));
    const seen = new Set<number>();
    input.verdicts.forEach((v, i) => {
      if (seen.has(v.index)) errors.push({ field: `verdicts.${i}.index`, message: '同一指标只能有一条意见' });
      seen.add(v.index);
    });
    if (errors.length) throw acceptanceProblem('ACCEPTANCE_INVALID', '核查意见有误。', errors);
    const verdicts = [...input.verdicts].sort((a, b) => a.index - b.index);
    await tx.update(acceptanceReviews).set({ verdicts, opinion: input.opinion, updatedAt: now }).where(eq(acceptanceReviews.id, id));
    await recordAudit(tx, actor, { action: 'project.acceptance.review.save', entityType: 'acceptanceReview', entityId: id, detail: { projectId: review.projectId, hearingNo: review.hearingNo, verdicts: verdicts.length } });
  });
  return readMyAcceptanceReview(db, auth, id);
}

export async function submitMyAcceptanceReview(db: Db, auth: AuthContext, actor: Actor, id: string, now = new Date()): Promise<ExpertAcceptanceReview> {
  await db.transaction(async (tx) => {
    const { review, member } = await ownReview(tx, auth, id, { forUpdate: true });
    if (!(await editable(tx, review))) throw acceptanceProblem('ACCEPTANCE_REVIEW_CLOSED', review.status === 'submitted' ? '核查意见已提交。' : '本次评议已结束。');
    const indicators = await indicatorsOf(tx, review.projectId);
    const have = new Set((review.verdicts as IndicatorVerdict[]).map((v) => v.index));
    const missing = indicators.filter((i) => !have.has(i.index));
    if (missing.length) throw acceptanceProblem('ACCEPTANCE_INVALID', `尚有 ${missing.length} 项指标未核查：${missing.map((i) => i.name).join('、')}。`, missing.map((i) => ({ field: `verdicts.${i.index}`, message: `请核查「${i.name}」` })));
    if (review.opinion.trim().length < 2) throw acceptanceProblem('ACCEPTANCE_INVALID', '请填写专家意见。', [{ field: 'opinion', message: '请填写专家意见' }]);
    await tx.update(acceptanceReviews).set({ status: 'submitted', submittedAt: now, updatedAt: now }).where(eq(acceptanceReviews.id, id));
    await recordAudit(tx, actor, { action: 'project.acceptance.review.submit', entityType: 'acceptanceReview', entityId: id, changes: { status: { before: 'draft', after: 'submitted' } }, detail: { projectId: review.projectId, hearingNo: review.hearingNo, expert: member.expertName, day: shanghaiDayOf(now) } });
  });
  return readMyAcceptanceReview(db, auth, id);
}
