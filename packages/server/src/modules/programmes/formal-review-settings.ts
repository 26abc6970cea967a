/**
 * A call's 形式审查 checklist settings: which items apply and their parameters. Officers may change them after
 * publication too — the checklist is applied at acceptance, not by applicants — each change with its audit event.
 */
import { eq } from 'drizzle-orm';
import { formalReviewSettingsOf, type FormalReviewSettings } from '@kechuang/domain';
import type { Db } from '../../db/client.js';
import { recordAudit, type Actor } from '../audit/record.js';
import { programmeProblem } from './errors.js';
import { calls } from './schema.js';

export async function readFormalReviewSettings(db: Db, id: string): Promise<FormalReviewSettings> {
  const [row] = await db.select({ formalReview: calls.formalReview }).from(calls).where(eq(calls.id, id));
  if (!row) throw programmeProblem('CALL_NOT_FOUND');
  return formalReviewSettingsOf(row.formalReview);
}

export async function updateFormalReviewSettings(db: Db, actor: Actor, id: string, input: FormalReviewSettings, now = new Date()): Promise<FormalReviewSettings> {
  return db.transaction(async (tx) => {
    const [row] = await tx.select({ formalReview: calls.formalReview }).from(calls).where(eq(calls.id, id)).for('update');
    if (!row) throw programmeProblem('CALL_NOT_FOUND');
    const before = formalReviewSettingsOf(row.formalReview);
    await tx.update(calls).set({ formalReview: input, updatedAt: now }).where(eq(calls.id, id));
    await recordAudit(tx, actor, { action: 'call.formalReviewSettings', entityType: 'call', entityId: id, changes: { formalReview: { before, after: input } } });
    return input;
  });
}
