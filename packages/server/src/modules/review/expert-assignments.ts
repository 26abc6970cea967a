/**
 * The expert's workspace (review.score): their own active assignments only, the declaration before opening an
 * application (回避 or not), and reading the submitted application. Every lookup is by (assignment, signed-in
 * expert): another expert's assignment, a declined one or an unknown id are the same blinded 404.
 */
import { and, desc, eq, inArray } from 'drizzle-orm';
import { formatShanghai, type AssignmentDetail, type MyAssignment, type ScoreSheet, type SheetStatus } from '@kechuang/domain';
import type { Db, Tx } from '../../db/client.js';
import type { AuthContext } from '../../http/auth.js';
import { recordAudit, type Actor } from '../audit/record.js';
import { applicationsByIds, submittedApplicationForReview, submittedAttachmentFile } from '../applications/service.js';
import { callSummaries } from '../programmes/call-queries.js';
import { reviewProblem } from './errors.js';
import { findRound, requireStage, type RoundRow } from './rounds.js';
import { experts, reviewAssignments, reviewRounds } from './schema.js';
import { rubricOf } from './scoring-rubric.js';
import { reviewSheets } from './scoring-schema.js';

export type AssignmentRow = typeof reviewAssignments.$inferSelect;
type SheetRow = typeof reviewSheets.$inferSelect;

/** Stages in which an expert sees the assignment: from scoring on (never while assignment is still being made). */
const VISIBLE_STAGES = ['scoring', 'inspection', 'planning', 'partyMeeting', 'executiveMeeting', 'notice', 'approved'];

export async function expertIdOf(db: Tx, auth: AuthContext): Promise<string | null> {
  const [row] = await db.select({ id: experts.id }).from(experts).where(eq(experts.userId, auth.user.id));
  return row?.id ?? null;
}

/** The caller's own active assignment, or the blinded 404. */
export async function ownAssignment(db: Tx, auth: AuthContext, id: string, opts: { forUpdate?: boolean } = {}): Promise<{ assignment: AssignmentRow; round: RoundRow }> {
  const expertId = await expertIdOf(db, auth);
  if (!expertId) throw reviewProblem('REVIEW_ASSIGNMENT_NOT_FOUND');
  const q = db.select().from(reviewAssignments).where(and(eq(reviewAssignments.id, id), eq(reviewAssignments.expertId, expertId), eq(reviewAssignments.status, 'active')));
  const [assignment] = opts.forUpdate ? await q.for('update') : await q;
  if (!assignment) throw reviewProblem('REVIEW_ASSIGNMENT_NOT_FOUND');
  const round = await findRound(db, assignment.roundId);
  if (!VISIBLE_STAGES.includes(round.stage)) throw reviewProblem('REVIEW_ASSIGNMENT_NOT_FOUND');
  return { assignment, round };
}

export function closesAtOf(round: RoundRow): Date | null {
  const r = rubricOf(round);
  return r ? new Date(r.closesAt) : null;
}

export function scoringClosed(round: RoundRow, what: string) {
  const closesAt = closesAtOf(round);
  if (round.stage !== 'scoring') return reviewProblem('REVIEW_SCORING_CLOSED', `本轮评分已结束，${what}。`);
  return reviewProblem('REVIEW_SCORING_CLOSED', closesAt ? `评分已于${formatShanghai(closesAt)}截止，${what}。` : `评分细则尚未设置，${what}。`);
}

/** Whether scoring is still open for sheets of this round now. */
export function scoringOpen(round: RoundRow, now: Date): boolean {
  const closesAt = closesAtOf(round);
  return round.stage === 'scoring' && closesAt !== null && now.getTime() < closesAt.getTime();
}

export function presentSheet(s: SheetRow): ScoreSheet {
  return {
    entries: s.entries as ScoreSheet['entries'],
    opinion: s.opinion,
    status: s.status as 'draft' | 'submitted',
    totalCenti: s.totalCenti,
    updatedAt: s.updatedAt.toISOString(),
    submittedAt: s.submittedAt?.toISOString() ?? null,
  };
}

async function summaries(db: Tx, rows: AssignmentRow[]): Promise<MyAssignment[]> {
  if (rows.length === 0) return [];
  const apps = new Map((await applicationsByIds(db, [...new Set(rows.map((r) => r.applicationId))])).map((a) => [a.id, a]));
  const rounds = new Map((await db.select().from(reviewRounds).where(inArray(reviewRounds.id, [...new Set(rows.map((r) => r.roundId))]))).map((r) => [r.id, r]));
  const calls = await callSummaries(db, [...new Set([...rounds.values()].map((r) => r.callId))]);
  const sheets = new Map((await db.select().from(reviewSheets).where(inArray(reviewSheets.assignmentId, rows.map((r) => r.id)))).map((s) => [s.assignmentId, s]));
  return rows.map((r) => {
    const app = apps.get(r.applicationId)!;
    const round = rounds.get(r.roundId)!;
    const sheet = sheets.get(r.id);
    return {
      id: r.id,
      roundId: r.roundId,
      callTitle: calls.get(round.callId)?.title ?? '',
      applicationNo: app.applicationNo,
      title: ((app.content ?? {}) as { basic?: { title?: string } }).basic?.title ?? '',
      categoryCode: app.categoryCode,
      closesAt: closesAtOf(round)?.toISOString() ?? null,
      openedAt: r.openedAt?.toISOString() ?? null,
      sheetStatus: (sheet?.status ?? 'none') as SheetStatus,
      submittedAt: sheet?.submittedAt?.toISOString() ?? null,
    };
  });
}

/** The caller's own active assignments in rounds that have reached scoring; nothing of anyone else's. */
export async function myAssignments(db: Db, auth: AuthContext): Promise<{ items: MyAssignment[]; total: number }> {
  const expertId = await expertIdOf(db, auth);
  if (!expertId) return { items: [], total: 0 };
  const rows = await db
    .select({ a: reviewAssignments })
    .from(reviewAssignments)
    .innerJoin(reviewRounds, eq(reviewRounds.id, reviewAssignments.roundId))
    .where(and(eq(reviewAssignments.expertId, expertId), eq(reviewAssignments.status, 'active'), inArray(reviewRounds.stage, VISIBLE_STAGES)))
    .orderBy(desc(reviewAssignments.createdAt), reviewAssignments.id);
  const items = await summaries(db, rows.map((r) => r.a));
  return { items, total: items.length };
}

export async function readAssignment(db: Db, auth: AuthContext, id: string, now = new Date()): Promise<AssignmentDetail> {
  const { assignment, round } = await ownAssignment(db, auth, id);
  const [summary] = await summaries(db, [assignment]);
  const [sheet] = await db.select().from(reviewSheets).where(eq(reviewSheets.assignmentId, id));
  const state: AssignmentDetail['state'] = sheet?.status === 'submitted' ? 'submitted' : !scoringOpen(round, now) ? 'closed' : assignment.openedAt ? 'scoring' : 'toDeclare';
  return { ...summary!, state, criteria: rubricOf(round)?.criteria ?? [], sheet: sheet ? presentSheet(sheet) : null };
}

/** The declaration "no conflict" (无需回避): opens the application; a decline is impossible from here on. */
export async function openAssignment(db: Db, auth: AuthContext, actor: Actor, id: string, now = new Date()): Promise<AssignmentDetail> {
  await db.transaction(async (tx) => {
    const { assignment, round } = await ownAssignment(tx, auth, id, { forUpdate: true });
    requireStage(round, 'scoring');
    if (!scoringOpen(round, now)) throw scoringClosed(round, '不能再打开申报书');
    if (assignment.openedAt) return;
    await tx.update(reviewAssignments).set({ openedAt: now }).where(eq(reviewAssignments.id, id));
    await recordAudit(tx, actor, { action: 'review.assignment.open', entityType: 'reviewAssignment', entityId: id, detail: { roundId: round.id, applicationId: assignment.applicationId, declaration: 'noConflict' } });
  });
  return readAssignment(db, auth, id, now);
}

async function openedAssignment(db: Tx, auth: AuthContext, id: string) {
  const found = await ownAssignment(db, auth, id);
  if (!found.assignment.openedAt) throw reviewProblem('REVIEW_DECLARATION_REQUIRED', '打开申报书前，请先声明与该申报书是否存在需要回避的关系。');
  return found;
}

/** The submitted version of the application, for an expert who declared no conflict. */
export async function reviewApplication(db: Db, auth: AuthContext, id: string) {
  const { assignment } = await openedAssignment(db, auth, id);
  const read = await submittedApplicationForReview(db, assignment.applicationId);
  if (!read) throw reviewProblem('REVIEW_ASSIGNMENT_NOT_FOUND');
  const title = ((read.content ?? {}) as { basic?: { title?: string } }).basic?.title ?? '';
  return { ...read, title, content: read.content as unknown as Record<string, unknown> };
}

export async function reviewAttachmentFile(db: Db, auth: AuthContext, id: string, attachmentId: string) {
  const { assignment } = await openedAssignment(db, auth, id);
  const file = await submittedAttachmentFile(db, assignment.applicationId, attachmentId);
  if (!file) throw reviewProblem('REVIEW_ATTACHMENT_NOT_FOUND');
  return file;
}
