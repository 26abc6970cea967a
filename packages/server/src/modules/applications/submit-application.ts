/**
 * Submission (提交, and 重新提交 after a return): every live check must pass at the instant the request
 * arrived, to the second in Asia/Shanghai; the content is frozen as a new version with its SHA-256 content hash
 * and a PDF receipt is stored beside it. The PDF is rendered before the transaction (about a second of CPU),
 * so the row lock is held only for the inserts; a save in between makes the submission answer 409.
 */
import { createHash, randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { applicationNotifications, authoriseApplicationEvent, checkApplication, withStoredAttachments, type ApplicationContent, type ApplicationEvent, type ApplicationState } from '@kechuang/domain';
import type { Db } from '../../db/client.js';
import type { AuthContext } from '../../http/auth.js';
import { recordAudit, type Actor } from '../audit/record.js';
import { queueNotifications } from '../notifications/outbox.js';
import { visibleApplication } from './access.js';
import { freezeAttachments, storedAttachments } from './attachments.js';
import { loadCallContext, loadLead, workflowCall } from './call-context.js';
import { contentHash } from './content-hash.js';
import { archiveSubmittedVersion } from './duplicate-check.js';
import { applicationProblem } from './errors.js';
import { renderReceipt } from './receipt.js';
import { notificationPayload } from './transition-application.js';
import { applicationReceipts, applications, applicationVersions } from './schema.js';

/** A refusal by role is 403; a refusal by state or time is 409. */
function refuse(r: { ok: false; reason: string }) {
  return r.reason.startsWith('只有') ? applicationProblem('ACTION_FORBIDDEN', r.reason) : applicationProblem('TRANSITION_REFUSED', r.reason);
}

export async function submitApplication(db: Db, auth: AuthContext, actor: Actor, id: string, now = new Date()) {
  const row = await visibleApplication(db, auth, id);
  const event: ApplicationEvent = row.state === 'returned' ? 'resubmit' : 'submit';
  const [ctx, lead] = await Promise.all([loadCallContext(db, row.callId, now), loadLead(db, row)]);
  const allowed = authoriseApplicationEvent(row.state as ApplicationState, event, auth.roles, { now, call: workflowCall(ctx.call) });
  if (!allowed.ok) throw refuse(allowed);
  if (row.organisationId !== auth.user.organisationId) throw applicationProblem('ACTION_FORBIDDEN', '只有本单位可以提交本单位的申报书');

  // The uploaded files, not what the draft's content claims, are what the checks weigh and the version freezes.
  const files = await storedAttachments(db, id);
  const content = withStoredAttachments(row.content as ApplicationContent, files);
  const checks = checkApplication(content, ctx.checkCall, ctx.ruleSet, now, lead);
  // A returned application may be resubmitted after the close (the return invited it); the rest must pass.
  const problems = checks.problems.filter((p) => !(event === 'resubmit' && p.rule === 'DEADLINE'));
  if (problems.length) {
    throw applicationProblem('APPLICATION_INCOMPLETE', `还有${problems.length}处问题需要处理：${problems.slice(0, 3).map((p) => p.message).join('；')}${problems.length > 3 ? '…' : ''}`, problems.map((p) => ({ field: p.field ?? '', message: p.message })), { problems });
  }

  const version = row.currentVersion + 1;
  const hash = contentHash(content);
  const item = ctx.items.find((i) => i.id === row.guidelineItemId);
  const params = ctx.ruleSet.parameters;
  const pdf = await renderReceipt({
    applicationNo: row.applicationNo,
    version,
    contentHash: hash,
    submittedAt: now,
    generatedAt: now,
    call: { title: ctx.call.title, programmeName: ctx.programme.name },
    organisation: { name: lead.name, creditCode: lead.creditCode },
    guidelineItem: item ? { code: item.code, title: item.title } : null,
    categoryName: params.categories.find((c) => c.code === row.categoryCode)?.name ?? row.categoryCode,
    fieldName: params.fields.find((f) => f.code === content.basic?.fieldCode)?.name ?? content.basic?.fieldCode ?? '',
    formSections: ctx.checkCall.formSections,
    content,
  });

  return db.transaction(async (tx) => {
    const locked = await visibleApplication(tx, auth, id, { forUpdate: true });
    if (locked.currentVersion !== row.currentVersion || locked.state !== row.state) {
      throw applicationProblem('VERSION_CONFLICT', '提交期间申报书已被修改或状态已变化，请刷新后重新提交', undefined, { currentVersion: locked.currentVersion, baseVersion: row.currentVersion });
    }
    const lockedFiles = await storedAttachments(tx, id);
    if (lockedFiles.map((f) => f.id).join() !== files.map((f) => f.id).join()) {
      throw applicationProblem('VERSION_CONFLICT', '提交期间附件有变化，请刷新后重新提交', undefined, { currentVersion: locked.currentVersion, baseVersion: row.currentVersion });
    }
    await tx.insert(applicationVersions).values({ applicationId: id, version, content, contentHash: hash, frozen: true, savedBy: auth.user.id, savedAt: now });
    await freezeAttachments(tx, id, version);
    // 查重 (BL-9): the frozen text joins the archive and its check is queued with the submission; the job is sent after the commit.
    await archiveSubmittedVersion(tx, locked, version, content, ctx.checkCall.formSections, now);
    await tx.insert(applicationReceipts).values({ id: randomUUID(), applicationId: id, version, contentHash: hash, pdf, pdfSha256: createHash('sha256').update(pdf).digest('hex'), generatedAt: now });
    await tx
      .update(applications)
      .set({ state: allowed.to, content, currentVersion: version, submittedVersion: version, submittedAt: now, returnReasons: null, returnedBy: null, updatedAt: now })
      .where(and(eq(applications.id, id), eq(applications.currentVersion, row.currentVersion)));
    await queueNotifications(tx, applicationNotifications({ event, from: row.state, organisationId: row.organisationId, requiresRecommendation: ctx.call.requiresRecommendation, payload: notificationPayload({ ...row, content }) }), now);
    await recordAudit(tx, actor, {
      action: `application.${event}`,
      entityType: 'application',
      entityId: id,
      changes: { state: { before: row.state, after: allowed.to } },
      detail: { version, contentHash: hash, ruleSet: `${ctx.ruleSet.programmeCode}@${ctx.ruleSet.version}` },
    });
    return { state: allowed.to, version, contentHash: hash, submittedAt: now.toISOString() };
  });
}
