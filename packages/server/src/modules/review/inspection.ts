/**
 * Site inspection (实地核查, BL-8): the round's checklist and which applications are inspected, one inspection
 * per application (failing one takes it out of the round), and finishing the step, which opens the funding plan.
 * Each write is one transaction with its audit event, under the round's row lock.
 */
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import {
  DEFAULT_INSPECTION_CHECKLIST,
  inspectionRecordProblems,
  inspectionSelection,
  normaliseChecklist,
  shanghaiDate,
  type InspectionChecklistInput,
  type InspectionChecklistItem,
  type InspectionItem,
  type InspectionOverview,
  type InspectionRecordInput,
  type InspectionResult,
  type InspectionSelectionInput,
  type ReviewRoundApplication,
} from '@kechuang/domain';
import type { Db, Tx } from '../../db/client.js';
import { userSummaries } from '../accounts/service.js';
import { recordAudit, type Actor } from '../audit/record.js';
import { reviewInspectionPhotos, reviewInspectionPlans, reviewInspections } from './decision-schema.js';
import { reviewProblem } from './errors.js';
import { advanceStage, findRound, requireStage, roundApplications } from './rounds.js';
import { reviewOutcomes } from './schema.js';

type PlanRow = typeof reviewInspectionPlans.$inferSelect;
type InspectionRow = typeof reviewInspections.$inferSelect;

async function planOf(tx: Tx, roundId: string): Promise<PlanRow | null> {
  const [row] = await tx.select().from(reviewInspectionPlans).where(eq(reviewInspectionPlans.roundId, roundId));
  return row ?? null;
}

function checklistOf(plan: PlanRow | null): InspectionChecklistItem[] {
  return (plan?.checklist as InspectionChecklistItem[] | null) ?? [...DEFAULT_INSPECTION_CHECKLIST];
}

/** The round's applications and which of them are to be inspected, as the domain selects them. */
async function selectionOf(tx: Tx, roundId: string, topN: number | null): Promise<{ all: ReviewRoundApplication[]; selected: ReviewRoundApplication[] }> {
  const all = (await roundApplications(tx, roundId)).items;
  return { all, selected: inspectionSelection(all, topN) };
}

const presentRecord = (r: InspectionRow, names: Map<string, string>) => ({
  id: r.id,
  inspectedOn: r.inspectedOn,
  inspectors: r.inspectors,
  items: (r.items as { key: string; passed: boolean; finding: string }[]).map(({ key, passed, finding }) => ({ key, passed, finding })),
  findings: r.findings,
  result: r.result as InspectionResult,
  basis: r.basis,
  recordedAt: r.recordedAt.toISOString(),
  recordedByName: (r.recordedBy && names.get(r.recordedBy)) ?? '',
});

export async function readInspection(db: Tx, roundId: string): Promise<InspectionOverview> {
  await findRound(db, roundId);
  const plan = await planOf(db, roundId);
  const topN = plan?.topN ?? null;
  const { all, selected } = await selectionOf(db, roundId, topN);
  const records = await db.select().from(reviewInspections).where(eq(reviewInspections.roundId, roundId));
  const photos = await db
    .select({ id: reviewInspectionPhotos.id, applicationId: reviewInspectionPhotos.applicationId, fileName: reviewInspectionPhotos.fileName, contentType: reviewInspectionPhotos.contentType, size: reviewInspectionPhotos.size, uploadedAt: reviewInspectionPhotos.uploadedAt })
    .from(reviewInspectionPhotos)
    .where(eq(reviewInspectionPhotos.roundId, roundId))
    .orderBy(reviewInspectionPhotos.uploadedAt);
  const names = new Map((await userSummaries(db, [...new Set(records.map((r) => r.recordedBy).filter((x): x is string => !!x))])).map((u) => [u.id, u.name]));
  const byApp = new Map(records.map((r) => [r.applicationId, r]));
  const items: InspectionItem[] = selected.map((a) => {
    const record = byApp.get(a.applicationId);
    return {
      applicationId: a.applicationId,
      applicationNo: a.applicationNo,
      title: a.title,
      organisationName: a.organisationName,
      categoryCode: a.categoryCode,
      rank: a.rank,
      scoreCenti: a.scoreCenti,
      status: a.status,
      record: record ? presentRecord(record, names) : null,
      photos: photos.filter((p) => p.applicationId === a.applicationId).map(({ applicationId: _, uploadedAt, ...p }) => ({ ...p, uploadedAt: uploadedAt.toISOString() })),
    };
  });
  return {
    checklist: checklistOf(plan),
    checklistIsDefault: !plan?.checklist,
    topN,
    selectionReason: plan?.selectionReason ?? '',
    items,
    excluded: inspectionSelection(all, null).length - selected.length,
    missing: items.filter((i) => !i.record).length,
    finishedAt: plan?.finishedAt?.toISOString() ?? null,
  };
}

async function upsertPlan(tx: Tx, roundId: string, set: Partial<Pick<PlanRow, 'checklist' | 'topN' | 'selectionReason' | 'finishedAt'>>): Promise<void> {
  await tx
    .insert(reviewInspectionPlans)
    .values({ roundId, ...set, updatedAt: new Date() })
    .onConflictDoUpdate({ target: reviewInspectionPlans.roundId, set: { ...set, updatedAt: new Date() } });
}

/** The checklist may be prepared while experts still score, and edited until the step finishes. */
export async function saveChecklist(db: Db, actor: Actor, roundId: string, input: InspectionChecklistInput): Promise<InspectionOverview> {
  const { items, errors } = normaliseChecklist(input);
  if (errors.length) throw reviewProblem('REVIEW_INSPECTION_INVALID', errors.map((e) => e.message).join('；'), errors);
  return db.transaction(async (tx) => {
    const round = await findRound(tx, roundId, { forUpdate: true });
    requireStage(round, ['assigning', 'scoring', 'inspection']);
    const before = checklistOf(await planOf(tx, roundId));
    await upsertPlan(tx, roundId, { checklist: items });
    await recordAudit(tx, actor, { action: 'review.inspection.checklist', entityType: 'reviewRound', entityId: roundId, changes: { checklist: { before, after: items } } });
    return readInspection(tx, roundId);
  });
}

/** Narrows the inspection to the first N in rank order (with a reason), or back to every application in review. */
export async function saveSelection(db: Db, actor: Actor, roundId: string, input: InspectionSelectionInput): Promise<InspectionOverview> {
  if (input.topN !== null && !input.reason) throw reviewProblem('REVIEW_INSPECTION_INVALID', '只核查前若干名须说明理由。', [{ field: 'reason', message: '请说明只核查前若干名的理由' }]);
  return db.transaction(async (tx) => {
    const round = await findRound(tx, roundId, { forUpdate: true });
    requireStage(round, 'inspection');
    const plan = await planOf(tx, roundId);
    const { selected } = await selectionOf(tx, roundId, input.topN);
    const kept = new Set(selected.map((s) => s.applicationId));
    const inspected = await tx.select({ applicationId: reviewInspections.applicationId }).from(reviewInspections).where(eq(reviewInspections.roundId, roundId));
    // A recorded inspection is part of the step's record: the range may not be cut below it.
    if (inspected.some((r) => !kept.has(r.applicationId))) throw reviewProblem('REVIEW_INSPECTION_INVALID', '已完成实地核查的申报书不能移出核查范围。', [{ field: 'topN', message: '范围须包含已核查的申报书' }]);
    await upsertPlan(tx, roundId, { topN: input.topN, selectionReason: input.reason });
    await recordAudit(tx, actor, { action: 'review.inspection.selection', entityType: 'reviewRound', entityId: roundId, changes: { topN: { before: plan?.topN ?? null, after: input.topN } }, detail: { reason: input.reason, selected: selected.length } });
    return readInspection(tx, roundId);
  });
}

/** Checks the round is inspecting and the application is on its list (inside the caller's transaction, round locked). */
export async function requireSelected(tx: Tx, roundId: string, applicationId: string): Promise<ReviewRoundApplication> {
  const round = await findRound(tx, roundId, { forUpdate: true });
  requireStage(round, 'inspection');
  const plan = await planOf(tx, roundId);
  const { all, selected } = await selectionOf(tx, roundId, plan?.topN ?? null);
  if (!all.some((a) => a.applicationId === applicationId)) throw reviewProblem('REVIEW_APPLICATION_NOT_IN_ROUND');
  const app = selected.find((a) => a.applicationId === applicationId);
  if (!app) throw reviewProblem('REVIEW_INSPECTION_NOT_SELECTED');
  return app;
}

/**
 * Records (or corrects, until the step finishes) one application's inspection. A failed inspection sets the
 * outcome rejected; a pass keeps it (or puts it back) in review.
 */
export async function recordInspection(db: Db, actor: Actor, roundId: string, applicationId: string, input: InspectionRecordInput, now = new Date()): Promise<InspectionOverview> {
  return db.transaction(async (tx) => {
    const app = await requireSelected(tx, roundId, applicationId);
    const checklist = checklistOf(await planOf(tx, roundId));
    const errors = inspectionRecordProblems(checklist, input, shanghaiDate(now));
    if (errors.length) throw reviewProblem('REVIEW_INSPECTION_INVALID', errors.map((e) => e.message).join('；'), errors);
    const labels = new Map(checklist.map((c) => [c.key, c.label]));
    const values = {
      inspectedOn: input.inspectedOn,
      inspectors: input.inspectors,
      items: input.items.map((i) => ({ key: i.key, label: labels.get(i.key)!, passed: i.passed, finding: i.finding })),
      findings: input.findings,
      result: input.result,
      basis: input.basis,
      recordedBy: actor.id,
      recordedAt: now,
    };
    const [existing] = await tx.select({ id: reviewInspections.id }).from(reviewInspections).where(and(eq(reviewInspections.roundId, roundId), eq(reviewInspections.applicationId, applicationId)));
    const id = existing?.id ?? randomUUID();
    if (existing) await tx.update(reviewInspections).set(values).where(eq(reviewInspections.id, id));
    else await tx.insert(reviewInspections).values({ id, roundId, applicationId, ...values });
    const status = input.result === 'failed' ? 'rejected' : 'inReview';
    await tx.update(reviewOutcomes).set({ inspection: input.result, status, updatedAt: now }).where(and(eq(reviewOutcomes.roundId, roundId), eq(reviewOutcomes.applicationId, applicationId)));
    await recordAudit(tx, actor, {
      action: 'review.inspection.record',
      entityType: 'reviewInspection',
      entityId: id,
      changes: { inspection: { before: app.inspection, after: input.result }, status: { before: app.status, after: status } },
      detail: { roundId, applicationId, applicationNo: app.applicationNo, inspectedOn: input.inspectedOn, failedItems: input.items.filter((i) => !i.passed).map((i) => i.key), basis: input.basis || null },
    });
    return readInspection(tx, roundId);
  });
}

/** Closes the step once every selected application has a result, and moves the round to the funding plan. */
export async function finishInspection(db: Db, actor: Actor, roundId: string, now = new Date()): Promise<InspectionOverview> {
  return db.transaction(async (tx) => {
    const round = await findRound(tx, roundId, { forUpdate: true });
    requireStage(round, 'inspection');
    const overview = await readInspection(tx, roundId);
    if (overview.items.length === 0) throw reviewProblem('REVIEW_INSPECTION_INCOMPLETE', '核查范围内没有申报书。');
    const missing = overview.items.filter((i) => !i.record);
    if (missing.length) throw reviewProblem('REVIEW_INSPECTION_INCOMPLETE', `还有 ${missing.length} 份申报书没有核查结论：${missing.slice(0, 5).map((m) => m.applicationNo).join('、')}${missing.length > 5 ? ' 等' : ''}。`);
    await upsertPlan(tx, roundId, { finishedAt: now });
    const passed = overview.items.filter((i) => i.record!.result === 'passed').length;
    const summary = { inspected: overview.items.length, passed, failed: overview.items.length - passed, excluded: overview.excluded, topN: overview.topN };
    await recordAudit(tx, actor, { action: 'review.inspection.finish', entityType: 'reviewRound', entityId: roundId, detail: summary });
    await advanceStage(tx, actor, round, 'planning', { step: 'inspection', ...summary });
    return readInspection(tx, roundId);
  });
}

