/**
 * 形式审查 (formal review) of the submitted version: the facts the call's checklist computes from (attachments of
 * the frozen version, the leader's other open applications in the programme by resident ID, partners, the
 * 查重 result), the officer's recorded results (one row per item and version, so a resubmission starts afresh),
 * and the gate acceptance passes through.
 */
import { and, eq, inArray, ne, sql } from 'drizzle-orm';
import {
  authoriseApplicationEvent,
  evaluateFormalReview,
  formalReviewBlockers,
  formalReviewEntryProblems,
  formalReviewSettingsOf,
  type ApplicationContent,
  type ApplicationState,
  type AttachmentKind,
  type FormalReviewEntry,
  type FormalReviewFacts,
  type FormalReviewRecorded,
  type FormalReviewResult,
} from '@kechuang/domain';
import type { Db, Tx } from '../../db/client.js';
import type { AuthContext } from '../../http/auth.js';
import { recordAudit, type Actor } from '../audit/record.js';
import { callsOfProgramme } from '../programmes/call-queries.js';
import { visibleApplication, type ApplicationRow } from './access.js';
import { loadCallContext, workflowCall, type CallContext } from './call-context.js';
import { applicationProblem } from './errors.js';
import { applications, applicationVersions, duplicateChecks, formalReviewResults } from './schema.js';

/**
 * The attachment kinds a version carries. Read from the version's content (its attachment slots); when the
 * attachments store offers `attachmentKindsOf(db, applicationId)`, this is the one place to switch to it.
 */
function attachmentKindsOfContent(content: ApplicationContent): AttachmentKind[] {
  return [...new Set((content.attachments ?? []).map((a) => a.slot))];
}

async function submittedContent(tx: Tx, row: ApplicationRow): Promise<ApplicationContent> {
  const [v] = await tx.select({ content: applicationVersions.content }).from(applicationVersions).where(and(eq(applicationVersions.applicationId, row.id), eq(applicationVersions.version, row.submittedVersion!)));
  return (v?.content ?? row.content) as ApplicationContent;
}

/** The leader's other applications in the programme that are under way (anything past draft), by ID number. */
async function otherOpenByLeader(tx: Tx, row: ApplicationRow, programmeId: string, idNumber: string | undefined) {
  const id = idNumber?.trim().toUpperCase();
  if (!id) return [];
  return tx
    .select({ applicationNo: applications.applicationNo, state: applications.state })
    .from(applications)
    .where(and(
      ne(applications.id, row.id),
      ne(applications.state, 'draft'),
      inArray(applications.callId, callsOfProgramme(programmeId)),
      sql`upper(trim(${applications.content} -> 'team' -> 'leader' ->> 'idNumber')) = ${id}`,
    ))
    .orderBy(applications.applicationNo);
}

async function factsOf(tx: Tx, row: ApplicationRow, ctx: CallContext): Promise<FormalReviewFacts> {
  const content = await submittedContent(tx, row);
  const leader = content.team?.leader;
  const [check] = await tx.select({ status: duplicateChecks.status, report: duplicateChecks.report }).from(duplicateChecks).where(and(eq(duplicateChecks.applicationId, row.id), eq(duplicateChecks.version, row.submittedVersion!)));
  const report = check?.report as { flagged?: boolean; copyRatio?: number } | null | undefined;
  return {
    requiredAttachments: ctx.checkCall.requiredAttachments,
    attachmentKinds: attachmentKindsOfContent(content),
    leaderTitle: leader?.title ?? null,
    otherOpenByLeader: await otherOpenByLeader(tx, row, ctx.call.programmeId, leader?.idNumber),
    declaredActiveProjects: leader?.activeProjects ?? null,
    partnersCount: content.partners?.length ?? 0,
    duplicateCheck: check ? { status: check.status, flagged: report?.flagged ?? null, copyRatio: report?.copyRatio ?? null } : null,
  };
}

async function recordedFor(tx: Tx, row: ApplicationRow): Promise<Record<string, FormalReviewRecorded>> {
  const rows = await tx.select().from(formalReviewResults).where(and(eq(formalReviewResults.applicationId, row.id), eq(formalReviewResults.version, row.submittedVersion!)));
  return Object.fromEntries(rows.map((r) => [r.itemKey, { pass: r.pass, reason: r.reason, by: r.recordedByName, at: r.recordedAt.toISOString() }]));
}

/** The checklist of the row's submitted version, with what it was computed from. */
export async function formalReviewOf(tx: Tx, row: ApplicationRow, now: Date): Promise<{ result: FormalReviewResult; facts: FormalReviewFacts; ctx: CallContext }> {
  if (row.submittedVersion === null) throw applicationProblem('FORMAL_REVIEW_NOT_OPEN', '该申报书尚未提交，没有形式审查');
  const ctx = await loadCallContext(tx, row.callId, now);
  const facts = await factsOf(tx, row, ctx);
  const result = evaluateFormalReview(formalReviewSettingsOf(ctx.call.formalReview), facts, await recordedFor(tx, row));
  return { result, facts, ctx };
}

export async function readFormalReview(db: Db, auth: AuthContext, id: string, now = new Date()): Promise<FormalReviewResult> {
  return db.transaction(async (tx) => {
    const row = await visibleApplication(tx, auth, id);
    return (await formalReviewOf(tx, row, now)).result;
  });
}

/**
 * The officer records results (all items or some), in the state where it could accept: endorsed, or recommended
 * where the call asks for recommendation. One transaction with its audit event.
 */
export async function recordFormalReview(db: Db, auth: AuthContext, actor: Actor, id: string, entries: FormalReviewEntry[], now = new Date()): Promise<FormalReviewResult> {
  return db.transaction(async (tx) => {
    const row = await visibleApplication(tx, auth, id, { forUpdate: true });
    const { result, facts, ctx } = await formalReviewOf(tx, row, now);
    const r = authoriseApplicationEvent(row.state as ApplicationState, 'accept', auth.roles, { now, call: workflowCall(ctx.call) });
    if (!r.ok) throw r.reason.startsWith('只有') ? applicationProblem('ACTION_FORBIDDEN', r.reason) : applicationProblem('FORMAL_REVIEW_NOT_OPEN', r.reason);
    const problems = formalReviewEntryProblems(result, facts, entries);
    if (problems.length) throw applicationProblem('FORMAL_REVIEW_INVALID', problems.map((p) => p.message).join('；'), problems);
    const values = entries.map((e) => ({
      applicationId: row.id,
      version: row.submittedVersion!,
      itemKey: e.key,
      pass: e.pass,
      reason: e.reason?.trim() || null,
      recordedBy: actor.id,
      recordedByName: auth.user.name,
      recordedAt: now,
    }));
    await tx
      .insert(formalReviewResults)
      .values(values)
      .onConflictDoUpdate({
        target: [formalReviewResults.applicationId, formalReviewResults.version, formalReviewResults.itemKey],
        set: { pass: sql`excluded.pass`, reason: sql`excluded.reason`, recordedBy: sql`excluded.recorded_by`, recordedByName: sql`excluded.recorded_by_name`, recordedAt: sql`excluded.recorded_at` },
      });
    const before = Object.fromEntries(entries.map((e) => [e.key, result.items.find((i) => i.key === e.key)?.recorded ?? null]));
    await recordAudit(tx, actor, {
      action: 'application.formalReview',
      entityType: 'application',
      entityId: row.id,
      changes: Object.fromEntries(entries.map((e) => [e.key, { before: before[e.key] ? { pass: before[e.key]!.pass, reason: before[e.key]!.reason } : null, after: { pass: e.pass, reason: e.reason?.trim() || null } }])),
      detail: { version: row.submittedVersion },
    });
    return (await formalReviewOf(tx, row, now)).result;
  });
}

/** Acceptance's gate: every item of the call's checklist recorded pass for the submitted version. */
export async function assertFormalReviewPassed(tx: Tx, row: ApplicationRow, now: Date): Promise<void> {
  const { result } = await formalReviewOf(tx, row, now);
  if (result.passed) return;
  const blockers = formalReviewBlockers(result);
  const failed = result.items.some((i) => i.recorded && !i.recorded.pass);
  throw applicationProblem(
    'FORMAL_REVIEW_INCOMPLETE',
    failed ? `形式审查有不通过的项目，请退回修改并在退回理由中说明：${blockers.map((b) => b.message).join('；')}` : `尚有${blockers.length}项形式审查结果未记录：${blockers.map((b) => b.message).join('；')}`,
    blockers,
  );
}
