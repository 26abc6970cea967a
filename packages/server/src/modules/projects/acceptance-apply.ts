/**
 * The undertaker's side of acceptance (验收): upload materials (typed by content before they are kept), apply
 * within the window — early with a reason, late flagged — and resubmit after the one rectification (整改).
 * Each is one transaction under the project's row lock, with its audit event and timeline entry.
 */
import { createHash, randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import {
  ACCEPTANCE_MATERIAL_KINDS,
  ACCEPTANCE_MATERIALS,
  ACCEPTANCE_TIMING_LABELS,
  ATTACHMENT_FILE_KINDS,
  ATTACHMENT_MAX_BYTES,
  acceptanceTiming,
  acceptanceWindow,
  applicationProblems,
  checkFileType,
  missingMaterials,
  shanghaiDayOf,
  type AcceptanceMaterialKind,
} from '@kechuang/domain';
import type { Db } from '../../db/client.js';
import type { AuthContext } from '../../http/auth.js';
import type { UploadedFile } from '../../http/upload.js';
import { recordAudit, type Actor } from '../audit/record.js';
import { acceptanceProblem } from './acceptance-errors.js';
import { acceptanceApplications, acceptanceMaterials } from './acceptance-schema.js';
import { openHearing } from './acceptance-panel.js';
import { applicationOf, materialsOf, requireApplication, requireUndertaker } from './acceptance-store.js';
import { readableProject, recordProjectEvent, requireProjectState, transitionProject } from './lifecycle.js';
import { projectSettings } from './settings.js';

const isKind = (k: string): k is AcceptanceMaterialKind => (ACCEPTANCE_MATERIAL_KINDS as readonly string[]).includes(k);

/**
 * One material file. Rights, state and kind are checked before the body is read (`file` reads it with the size
 * limit); the type is judged by the file's first bytes (PDF/JPG/PNG), never its name.
 */
export async function uploadAcceptanceMaterial(db: Db, auth: AuthContext, actor: Actor, projectId: string, kind: string, file: (maxBytes: number) => Promise<UploadedFile>, now = new Date()) {
  if (!isKind(kind)) throw acceptanceProblem('ACCEPTANCE_INVALID', `材料类型「${kind}」不存在。`, [{ field: 'kind', message: `可选：${ACCEPTANCE_MATERIAL_KINDS.map((k) => ACCEPTANCE_MATERIALS[k].label).join('、')}` }]);
  const pre = await readableProject(db, auth, projectId);
  requireUndertaker(auth, pre);
  requireProjectState(pre, ['executing', 'acceptanceRectifying'], '上传验收材料（须在执行中申请验收前，或验收整改期间）');
  const f = await file(ATTACHMENT_MAX_BYTES);
  const verdict = checkFileType(f.filename, f.bytes, ATTACHMENT_FILE_KINDS);
  if (!verdict.ok) throw acceptanceProblem('ACCEPTANCE_MATERIAL_TYPE', verdict.message);
  return db.transaction(async (tx) => {
    const project = await readableProject(tx, auth, projectId, { forUpdate: true });
    requireProjectState(project, ['executing', 'acceptanceRectifying'], '上传验收材料');
    const cycle = project.state === 'acceptanceRectifying' ? 1 : 0;
    const id = randomUUID();
    const sha256 = createHash('sha256').update(f.bytes).digest('hex');
    const fileName = f.filename.slice(0, 200);
    await tx.insert(acceptanceMaterials).values({ id, projectId, kind, cycle, fileName, size: f.bytes.length, contentType: verdict.mime, sha256, content: f.bytes, uploadedAt: now, uploadedBy: actor.id });
    await recordAudit(tx, actor, { action: 'project.acceptance.material', entityType: 'project', entityId: projectId, detail: { materialId: id, kind, fileName, size: f.bytes.length, sha256, cycle } });
    return { id, kind, cycle, fileName, size: f.bytes.length, contentType: verdict.mime, sha256, uploadedAt: now.toISOString() };
  });
}

/** 申请验收: the materials complete, the timing against the effective end date, an early one with its reason. */
export async function applyAcceptance(db: Db, auth: AuthContext, actor: Actor, projectId: string, input: { summary: string; earlyReason?: string | undefined }, now = new Date()) {
  return db.transaction(async (tx) => {
    const project = await readableProject(tx, auth, projectId, { forUpdate: true });
    requireUndertaker(auth, project);
    requireProjectState(project, ['executing'], '申请验收（须在执行中）');
    if (await applicationOf(tx, projectId)) throw acceptanceProblem('ACCEPTANCE_STATE', '该项目已申请过验收。');
    const end = project.effectiveEndDate ?? project.endDate;
    if (!end) throw acceptanceProblem('ACCEPTANCE_STATE', '项目没有结束日期，无法确定验收申请期限。');
    const settings = await projectSettings(tx, project);
    const window = acceptanceWindow(end, settings);
    const today = shanghaiDayOf(now);
    const timing = acceptanceTiming(today, window);
    const errors = applicationProblems(timing, input);
    if (errors.length) throw acceptanceProblem('ACCEPTANCE_INVALID', `项目执行期至 ${end}，今天（${today}）申请属于提前申请验收，须说明提前完成的理由。`, errors);
    const missing = missingMaterials((await materialsOf(tx, projectId)).filter((m) => m.cycle === 0).map((m) => m.kind as AcceptanceMaterialKind));
    if (missing.length) {
      throw acceptanceProblem('ACCEPTANCE_MATERIALS_MISSING', `尚缺验收材料：${missing.map((k) => ACCEPTANCE_MATERIALS[k].label).join('、')}。`, missing.map((k) => ({ field: `materials.${k}`, message: `请上传${ACCEPTANCE_MATERIALS[k].label}` })));
    }
    const id = randomUUID();
    const earlyReason = timing === 'early' ? input.earlyReason!.trim() : null;
    await tx.insert(acceptanceApplications).values({ id, projectId, appliedAt: now, appliedBy: actor.id, timing, earlyReason, summary: input.summary.trim() });
    const when = timing === 'early' ? `提前申请验收（执行期至 ${end}；理由：${earlyReason}）` : timing === 'late' ? `逾期申请验收（申请期限至 ${window.closesOn}）` : `按期申请验收（申请期限 ${window.opensOn} 至 ${window.closesOn}）`;
    await transitionProject(tx, actor, project, 'applyAcceptance', { summary: `承担单位${when}`, detail: { applicationId: id, timing }, at: now });
    await recordAudit(tx, actor, { action: 'project.acceptance.apply', entityType: 'acceptanceApplication', entityId: id, detail: { projectId, timing, timingLabel: ACCEPTANCE_TIMING_LABELS[timing], earlyReason, window } });
    return { id };
  });
}

/** 整改后重新提交: within the rectification deadline; the same panel hears again (next hearing). */
export async function resubmitAcceptance(db: Db, auth: AuthContext, actor: Actor, projectId: string, input: { report: string }, now = new Date()) {
  return db.transaction(async (tx) => {
    const project = await readableProject(tx, auth, projectId, { forUpdate: true });
    requireUndertaker(auth, project);
    requireProjectState(project, ['acceptanceRectifying'], '整改后重新提交验收（须在验收整改期间）');
    const app = await requireApplication(tx, projectId, { forUpdate: true });
    const today = shanghaiDayOf(now);
    if (app.rectifyDueDate && today > app.rectifyDueDate) throw acceptanceProblem('ACCEPTANCE_RECTIFY_OVERDUE', `整改期限至 ${app.rectifyDueDate}，已过期，不能重新提交。`);
    const hearingNo = app.hearingNo + 1;
    await tx.update(acceptanceApplications).set({ hearingNo, rectificationReport: input.report.trim(), resubmittedAt: now, outcome: null }).where(eq(acceptanceApplications.id, app.id));
    await openHearing(tx, app.id, hearingNo, now);
    await transitionProject(tx, actor, project, 'resubmitAcceptance', { summary: `承担单位完成整改并重新提交验收（第${hearingNo}次评议）`, detail: { applicationId: app.id, hearingNo }, at: now });
    await recordAudit(tx, actor, { action: 'project.acceptance.resubmit', entityType: 'acceptanceApplication', entityId: app.id, detail: { projectId, hearingNo, report: input.report.trim() } });
    await recordProjectEvent(tx, actor, projectId, { kind: 'acceptance.resubmitted', summary: `整改情况：${input.report.trim().slice(0, 80)}`, at: now });
    return { id: app.id };
  });
}
