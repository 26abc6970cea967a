/**
 * The expert's score sheet (评分表): a draft saved as often as the page autosaves, then submitted once before
 * the window closes (refused after it), read-only from then on (a trigger keeps it so). The total is computed
 * by the domain (aggregation.ts step 1) from the rubric the round has.
 */
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { scoreSheetInputSchema, sheetProblems, sheetTotalCenti, type AssignmentDetail, type ScoreSheetInput } from '@kechuang/domain';
import type { Db } from '../../db/client.js';
import type { AuthContext } from '../../http/auth.js';
import { recordAudit, type Actor } from '../audit/record.js';
import { reviewProblem } from './errors.js';
import { ownAssignment, readAssignment, scoringClosed, scoringOpen } from './expert-assignments.js';
import { requireRubric } from './scoring-rubric.js';
import { reviewSheets } from './scoring-schema.js';

function parseSheet(input: unknown): ScoreSheetInput {
  const parsed = scoreSheetInputSchema.safeParse(input);
  if (!parsed.success) throw reviewProblem('REVIEW_SHEET_INVALID', parsed.error.issues[0]?.message, parsed.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message })));
  return parsed.data;
}

export async function saveSheet(db: Db, auth: AuthContext, actor: Actor, id: string, input: unknown, submit: boolean, now = new Date()): Promise<AssignmentDetail> {
  const sheet = parseSheet(input);
  await db.transaction(async (tx) => {
    const { assignment, round } = await ownAssignment(tx, auth, id, { forUpdate: true });
    if (!scoringOpen(round, now)) throw scoringClosed(round, submit ? '不能再提交评分表' : '不能再保存评分');
    if (!assignment.openedAt) throw reviewProblem('REVIEW_DECLARATION_REQUIRED', '评分前，请先声明与该申报书是否存在需要回避的关系。');
    const rubric = requireRubric(round);
    const problems = sheetProblems(rubric, sheet, submit);
    if (problems.length) throw reviewProblem('REVIEW_SHEET_INVALID', problems[0]!.message, problems);
    const [existing] = await tx.select().from(reviewSheets).where(eq(reviewSheets.assignmentId, id)).for('update');
    if (existing?.status === 'submitted') throw reviewProblem('REVIEW_SHEET_SUBMITTED');
    const entries = Object.fromEntries(rubric.criteria.map((c) => [c.key, { pointsCenti: sheet.entries[c.key]?.pointsCenti ?? null, comment: sheet.entries[c.key]?.comment ?? '' }]));
    const totalCenti = submit ? sheetTotalCenti(rubric.criteria, Object.fromEntries(rubric.criteria.map((c) => [c.key, entries[c.key]!.pointsCenti!]))) : null;
    const values = { entries, opinion: sheet.opinion, status: submit ? 'submitted' : 'draft', totalCenti, updatedAt: now, submittedAt: submit ? now : null };
    const sheetId = existing?.id ?? randomUUID();
    if (existing) await tx.update(reviewSheets).set(values).where(eq(reviewSheets.id, sheetId));
    else await tx.insert(reviewSheets).values({ id: sheetId, assignmentId: id, roundId: round.id, ...values });
    await recordAudit(tx, actor, {
      action: submit ? 'review.sheet.submit' : 'review.sheet.save',
      entityType: 'reviewSheet',
      entityId: sheetId,
      ...(submit ? { changes: { status: { before: existing?.status ?? 'none', after: 'submitted' } } } : {}),
      detail: { assignmentId: id, roundId: round.id, applicationId: assignment.applicationId, totalCenti, entries },
    });
  });
  return readAssignment(db, auth, id, now);
}
