/**
 * Submission (提交, and 重新提交 after a return): every live check must pass at the instant the request
 * arrived, to the second in Asia/Shanghai; the content is frozen as a new version with its SHA-256 content hash
 * in one transaction with its audit event. The PDF receipt (about a second of CPU) is not rendered here: the
 * receipt job renders it after the commit, or GET …/receipt does if asked first (receipts.ts), so a submission
 * at the deadline costs a few inserts, not a second of the event loop.
 */
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
import { notificationPayload } from './transition-application.js';
import { applications, applicationVersions } from './schema.js';

/** A refusal by role is 403; a refusal by state or time is 409. */
function refuse(r: { ok: false; reason: string }) {
  return r.reason.startsWith('只有') ? applicationProblem('ACTION_FORBIDDEN', r.reason) : applicationProblem('TRANSITION_REFUSED', r.reason);
}

export async function submitApplication(db: Db, auth: AuthContext, actor: Actor, id: string, now = new Date()) {
  // One transaction from the locked read on: without a render in it, the lock is held for a few queries only,
  // and a save that races the submission waits for it instead of being checked twice.
  return db.transaction(async (tx) => {
    const row = await visibleApplication(tx, auth, id, { forUpdate: true });
    const event: ApplicationEvent = row.state === 'returned' ? 'resubmit' : 'submit';
    // One after the other: a transaction is one connection, which runs one query at a time anyway.
    const ctx = await loadCallContext(tx, row.callId, now);
    const lead = await loadLead(tx, row);
    const allowed = authoriseApplicationEvent(row.state as ApplicationState, event, auth.roles, { now, call: workflowCall(ctx.call) });
    if (!allowed.ok) throw refuse(allowed);
    if (row.organisationId !== auth.user.organisationId) throw applicationProblem('ACTION_FORBIDDEN', '只有本单位可以提交本单位的申报书');

    // The uploaded files, not what the draft's content claims, are what the checks weigh and the version freezes;
    // an upload locks this row too, so the set cannot change under the lock.
    const content = withStoredAttachments(row.content as ApplicationContent, await storedAttachments(tx, id));
    const checks = checkApplication(content, ctx.checkCall, ctx.ruleSet, now, lead);
    // A returned application may be resubmitted after the close (the return invited it); the rest must pass.
    const problems = checks.problems.filter((p) => !(event === 'resubmit' && p.rule === 'DEADLINE'));
    if (problems.length) {
      throw applicationProblem('APPLICATION_INCOMPLETE', `还有${problems.length}处问题需要处理：${problems.slice(0, 3).map((p) => p.message).join('；')}${problems.length > 3 ? '…' : ''}`, problems.map((p) => ({ field: p.field ?? '', message: p.message })), { problems });
    }

    const version = row.currentVersion + 1;
    const hash = contentHash(content);

    await tx.insert(applicationVersions).values({ applicationId: id, version, content, contentHash: hash, frozen: true, savedBy: auth.user.id, savedAt: now });
    await freezeAttachments(tx, id, version);
    // 查重 (BL-9): the frozen text joins the archive and its check is queued with the submission; the job is sent after the commit.
    await archiveSubmittedVersion(tx, row, version, content, ctx.checkCall.formSections, now);
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
