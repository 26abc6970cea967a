/**
 * The one integrity check (科研失信) every checkpoint calls — submission, recommendation, acceptance of an
 * application, expert draw, disbursement: 409 INTEGRITY_BLOCKED naming the records that block the action.
 */
import { inArray } from 'drizzle-orm';
import { blockingRecords, integrityBlockMessage, shanghaiDayOf, type IntegrityAppealStatus, type IntegrityCheckpoint, type IntegrityRecordFacts, type IntegritySeverity, type IntegritySubject, type IntegritySubjectKind } from '@kechuang/domain';
import type { Tx } from '../../db/client.js';
import { projectProblem } from './errors.js';
import { integrityRecords } from './schema.js';

export async function integrityBlocks(db: Tx, subjects: readonly IntegritySubject[], now = new Date()): Promise<IntegrityRecordFacts[]> {
  const keys = [...new Set(subjects.filter((s) => s.key).map((s) => s.key.toUpperCase()))];
  if (keys.length === 0) return [];
  const rows = await db.select().from(integrityRecords).where(inArray(integrityRecords.subjectKey, keys));
  const facts: IntegrityRecordFacts[] = rows.map((r) => ({
    id: r.id, subjectKind: r.subjectKind as IntegritySubjectKind, subjectKey: r.subjectKey, subjectName: r.subjectName, behaviour: r.behaviour,
    severity: r.severity as IntegritySeverity, decisionNo: r.decisionNo, banFrom: r.banFrom, banUntil: r.banUntil, appealStatus: r.appealStatus as IntegrityAppealStatus, revoked: r.revoked,
  }));
  return blockingRecords(facts, subjects, shanghaiDayOf(now));
}

export async function assertNoIntegrityBlock(db: Tx, checkpoint: IntegrityCheckpoint, subjects: readonly IntegritySubject[], now = new Date()): Promise<void> {
  const blocks = await integrityBlocks(db, subjects, now);
  if (blocks.length > 0) {
    throw projectProblem('INTEGRITY_BLOCKED', `${integrityBlockMessage(checkpoint, blocks)}。`, undefined, { checkpoint, records: blocks.map((b) => ({ id: b.id, subjectName: b.subjectName, behaviour: b.behaviour, severity: b.severity, banUntil: b.banUntil, decisionNo: b.decisionNo })) });
  }
}
