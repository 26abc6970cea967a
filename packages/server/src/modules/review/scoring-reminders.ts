/**
 * Scoring reminders (评分提醒): when 48 hours or less remain in a round's scoring window, each expert with an
 * unsubmitted sheet is told once per assignment, through the outbox; `reminded_at` makes it once. Run by the
 * scheduled job `review-score-reminders` (once per tick across the cluster).
 */
import { and, eq, isNull } from 'drizzle-orm';
import { formatShanghai, reminderDue, type PlannedNotification } from '@kechuang/domain';
import type { Db } from '../../db/client.js';
import { recordAudit, type Actor } from '../audit/record.js';
import { applicationsByIds } from '../applications/service.js';
import { queueNotifications } from '../notifications/outbox.js';
import { closesAtOf } from './expert-assignments.js';
import { experts, reviewAssignments, reviewRounds } from './schema.js';
import { reviewSheets } from './scoring-schema.js';

export async function sendScoringReminders(db: Db, actor: Actor, now = new Date()): Promise<number> {
  const rounds = (await db.select().from(reviewRounds).where(eq(reviewRounds.stage, 'scoring'))).filter((r) => {
    const closesAt = closesAtOf(r);
    return closesAt !== null && reminderDue(closesAt, now);
  });
  let sent = 0;
  for (const round of rounds) {
    sent += await db.transaction(async (tx) => {
      const due = await tx
        .select({ id: reviewAssignments.id, applicationId: reviewAssignments.applicationId, userId: experts.userId, sheetStatus: reviewSheets.status })
        .from(reviewAssignments)
        .innerJoin(experts, eq(experts.id, reviewAssignments.expertId))
        .leftJoin(reviewSheets, eq(reviewSheets.assignmentId, reviewAssignments.id))
        .where(and(eq(reviewAssignments.roundId, round.id), eq(reviewAssignments.status, 'active'), isNull(reviewAssignments.remindedAt)))
        .for('update', { of: reviewAssignments, skipLocked: true });
      const open = due.filter((d) => d.sheetStatus !== 'submitted' && d.userId);
      if (open.length === 0) return 0;
      const apps = new Map((await applicationsByIds(tx, [...new Set(open.map((d) => d.applicationId))])).map((a) => [a.id, a]));
      const deadline = formatShanghai(closesAtOf(round)!);
      const planned: PlannedNotification[] = open.flatMap((d) => {
        const a = apps.get(d.applicationId)!;
        const payload = { applicationId: a.id, applicationNo: a.applicationNo, title: ((a.content ?? {}) as { basic?: { title?: string } }).basic?.title ?? '', deadline };
        return (['inApp', 'sms'] as const).map((channel) => ({ recipient: { userId: d.userId! }, channel, templateKey: 'review.scoreReminder' as const, payload }));
      });
      await queueNotifications(tx, planned, now);
      for (const d of open) await tx.update(reviewAssignments).set({ remindedAt: now }).where(eq(reviewAssignments.id, d.id));
      await recordAudit(tx, actor, { action: 'review.scoring.remind', entityType: 'reviewRound', entityId: round.id, detail: { assignments: open.map((d) => d.id), deadline } });
      return open.length;
    });
  }
  return sent;
}
