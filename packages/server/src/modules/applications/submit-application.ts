/**
 * Submission (提交, and 重新提交 after a return): every live check must pass at the instant the request
 * arrived, to the second in Asia/Shanghai; the content is frozen as a new version with its SHA-256 content hash
 * in one transaction with its audit event. The PDF receipt (about a second of CPU) is not rendered here: the
 * receipt job renders it after the commit, or GET …/receipt does if asked first (receipts.ts), so a submission
 * at the deadline costs a few inserts, not a second of the event loop.
 */
import { and, eq, isNull, sql } from 'drizzle-orm';
import { applicationIntegritySubjects, applicationNotifications, authoriseApplicationEvent, checkApplication, withStoredAttachments, type ApplicationContent, type ApplicationEvent, type ApplicationState } from '@kechuang/domain';
import type { Db } from '../../db/client.js';
import { compiledStatement } from '../../db/compiled.js';
import type { AuthContext } from '../../http/auth.js';
import { recordAudit, type Actor } from '../audit/record.js';
import { queueNotifications } from '../notifications/outbox.js';
import { assertNoIntegrityBlock } from '../projects/integrity-check.js';
import { visibleApplication } from './access.js';
import { storedAttachments } from './attachments.js';
import { loadCallContext, loadLead, workflowCall } from './call-context.js';
import { contentHash } from './content-hash.js';
import { archiveSubmittedVersion } from './duplicate-check.js';
import { applicationProblem } from './errors.js';
import { notificationPayload } from './transition-application.js';
import { applicationAttachments, applications, applicationVersions } from './schema.js';

/**
 * The frozen version, the files it freezes (the working set, as freezeAttachments marks them) and the working row
 * moved to the new state, in one statement compiled once (db/compiled.ts): one round trip instead of three, and the
 * content is sent once (the row takes it from the inserted version). A data-modifying WITH always runs to completion.
 */
const freezeVersion = compiledStatement('submit_freeze_version', (db) => {
  const p = sql.placeholder;
  const insert = db.insert(applicationVersions).values({ applicationId: p('id'), version: p('version'), content: p('content'), contentHash: p('hash'), frozen: true, savedBy: p('savedBy'), savedAt: p('now') }).returning({ content: applicationVersions.content });
  const freeze = db
    .update(applicationAttachments)
    .set({ frozenInVersion: p('version') as unknown as number })
    .where(and(eq(applicationAttachments.applicationId, p('id')), isNull(applicationAttachments.removedAt), isNull(applicationAttachments.frozenInVersion)));
  const n = (name: string) => p(name) as unknown as never;
  const advance = db
    .update(applications)
    .set({ state: n('state'), content: sql`(select content from saved)`, currentVersion: n('version'), submittedVersion: n('version'), submittedAt: n('now'), returnReasons: sql`null`, returnedBy: null, updatedAt: n('now') })
    .where(and(eq(applications.id, p('id')), eq(applications.currentVersion, p('baseVersion'))));
  return sql`with saved as (${insert.getSQL()}), frozen as (${freeze.getSQL()}) ${advance.getSQL()}`;
});

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
    // 科研失信: the organisation, the leader and every partner, by the one rule (projects' assertNoIntegrityBlock).
    await assertNoIntegrityBlock(tx, 'submit', applicationIntegritySubjects(row.content as ApplicationContent, lead.creditCode), now);

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

    await freezeVersion(tx, { id, version, content, hash, savedBy: auth.user.id, now, state: allowed.to, baseVersion: row.currentVersion });
    // 查重 (BL-9): the frozen text joins the archive and its check is queued with the submission; the job is sent after the commit.
    await archiveSubmittedVersion(tx, row, version, content, ctx.checkCall.formSections, now);
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
