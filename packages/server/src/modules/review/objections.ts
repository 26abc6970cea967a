/**
 * Objections (异议) to a public notice: received in writing within the period from a named person with a contact,
 * or from an organisation with its sealed letter; resolved by an officer, upheld (the item is withdrawn from the
 * list and from the round) or dismissed, with reasons either way. The objector's identity lives in its own table,
 * read only through `objectionParties` (review.manage); audit events carry the objection's reference instead.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { and, asc, eq, inArray } from 'drizzle-orm';
import {
  checkFileType,
  FILE_KINDS,
  objectionSubmissionSchema,
  objectionWindowOpen,
  shanghaiDate,
  type ObjectionDecision,
  type ObjectionParty,
} from '@kechuang/domain';
import type { Db } from '../../db/client.js';
import { recordAudit, type Actor } from '../audit/record.js';
import { reviewProblem } from './errors.js';
import { reviewNoticeItems, reviewObjectionParties } from './notice-schema.js';
import { noticeOfRound } from './notice.js';
import { findRound, requireStage } from './rounds.js';
import { reviewNotices, reviewObjections, reviewOutcomes } from './schema.js';

export interface SealFile {
  filename: string;
  bytes: Buffer;
}

const SEAL_KINDS = [FILE_KINDS.pdf, FILE_KINDS.png, FILE_KINDS.jpeg];
/** No 0/O or 1/I: a reference is read out over the phone. */
const REFERENCE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

function newReference(): string {
  return `YY-${[...randomBytes(8)].map((b) => REFERENCE_ALPHABET[b % REFERENCE_ALPHABET.length]).join('')}`;
}

export async function submitObjection(db: Db, actor: Actor, noticeId: string, fields: unknown, seal: SealFile | null, now = new Date()): Promise<{ reference: string; receivedAt: string }> {
  const parsed = objectionSubmissionSchema.safeParse(fields);
  if (!parsed.success) {
    const errors = parsed.error.issues.map((i) => ({ field: i.path.join('.') || 'body', message: i.message }));
    throw reviewProblem('REVIEW_OBJECTION_INVALID', errors.map((e) => e.message).join('；'), errors);
  }
  const input = parsed.data;
  if (input.objectorKind === 'organisation' && !seal) throw reviewProblem('REVIEW_OBJECTION_INVALID', '以单位名义提出异议须上传加盖公章的异议函。', [{ field: 'seal', message: '请上传加盖公章的异议函（PDF、JPG 或 PNG）' }]);
  let sealType: string | null = null;
  if (seal) {
    const verdict = checkFileType(seal.filename, seal.bytes, SEAL_KINDS);
    if (!verdict.ok) throw reviewProblem('REVIEW_OBJECTION_SEAL_INVALID', verdict.message, [{ field: 'seal', message: verdict.message }]);
    sealType = verdict.mime;
  }
  return db.transaction(async (tx) => {
    const [notice] = await tx.select().from(reviewNotices).where(eq(reviewNotices.id, noticeId)).for('update');
    if (!notice?.publishedAt) throw reviewProblem('REVIEW_NOTICE_NOT_FOUND');
    if (!objectionWindowOpen(notice, shanghaiDate(now))) throw reviewProblem('REVIEW_OBJECTION_CLOSED', `公示期为${notice.startsOn}至${notice.endsOn}（北京时间），期外不受理异议。`);
    const [item] = await tx.select().from(reviewNoticeItems).where(and(eq(reviewNoticeItems.id, input.itemId), eq(reviewNoticeItems.noticeId, noticeId)));
    if (!item) throw reviewProblem('REVIEW_OBJECTION_INVALID', '所选项目不在本公示名单中。', [{ field: 'itemId', message: '所选项目不在本公示名单中' }]);
    if (item.withdrawnAt) throw reviewProblem('REVIEW_OBJECTION_INVALID', '该项目已撤回公示。', [{ field: 'itemId', message: '该项目已撤回公示' }]);
    const id = randomUUID();
    const reference = newReference();
    await tx.insert(reviewObjections).values({ id, noticeId, applicationId: item.applicationId, itemId: item.id, reference, text: input.text, receivedAt: now });
    await tx.insert(reviewObjectionParties).values({
      objectionId: id,
      objectorKind: input.objectorKind,
      name: input.name,
      organisationName: input.objectorKind === 'organisation' ? input.organisationName : '',
      contact: input.contact,
      ...(seal ? { sealFileName: seal.filename.slice(0, 200), sealContentType: sealType, sealSize: seal.bytes.length, sealContent: seal.bytes } : {}),
    });
    // The reference, never the name or contact: audit readers are not all entitled to the objector's identity.
    await recordAudit(tx, actor, { action: 'review.objection.submit', entityType: 'reviewObjection', entityId: id, detail: { reference, noticeId, itemId: item.id, objectorKind: input.objectorKind, sealed: Boolean(seal) } });
    return { reference, receivedAt: now.toISOString() };
  });
}

export async function resolveObjection(db: Db, actor: Actor, objectionId: string, input: { decision: ObjectionDecision; reasons: string }, now = new Date()): Promise<void> {
  await db.transaction(async (tx) => {
    const [objection] = await tx.select().from(reviewObjections).where(eq(reviewObjections.id, objectionId)).for('update');
    if (!objection) throw reviewProblem('REVIEW_OBJECTION_NOT_FOUND');
    const [notice] = await tx.select().from(reviewNotices).where(eq(reviewNotices.id, objection.noticeId));
    const round = await findRound(tx, notice!.roundId, { forUpdate: true });
    requireStage(round, 'notice');
    if (objection.status !== 'open') throw reviewProblem('REVIEW_OBJECTION_RESOLVED');
    const status = input.decision;
    await tx.update(reviewObjections).set({ status, reasons: input.reasons, resolvedAt: now, resolvedBy: actor.id }).where(eq(reviewObjections.id, objectionId));
    let withdrawn = false;
    if (status === 'upheld') {
      const items = await tx
        .update(reviewNoticeItems)
        .set({ withdrawnAt: now, withdrawnReason: input.reasons })
        .where(and(eq(reviewNoticeItems.noticeId, objection.noticeId), eq(reviewNoticeItems.applicationId, objection.applicationId)))
        .returning();
      const outcomes = await tx
        .update(reviewOutcomes)
        .set({ status: 'withdrawn', updatedAt: now })
        .where(and(eq(reviewOutcomes.roundId, round.id), eq(reviewOutcomes.applicationId, objection.applicationId), inArray(reviewOutcomes.status, ['inReview', 'withdrawn'])))
        .returning();
      withdrawn = items.length > 0 || outcomes.length > 0;
    }
    await recordAudit(tx, actor, {
      action: status === 'upheld' ? 'review.objection.uphold' : 'review.objection.dismiss',
      entityType: 'reviewObjection',
      entityId: objectionId,
      changes: { status: { before: 'open', after: status } },
      detail: { reference: objection.reference, roundId: round.id, applicationId: objection.applicationId, reasons: input.reasons, withdrawn },
    });
  });
}

/** Who raised each objection of the round's notice: officers handling objections only (review.manage). */
export async function objectionParties(db: Db, roundId: string): Promise<{ items: ObjectionParty[] }> {
  await findRound(db, roundId);
  const notice = await noticeOfRound(db, roundId);
  if (!notice) return { items: [] };
  const rows = await db
    .select({ o: reviewObjections, p: { objectorKind: reviewObjectionParties.objectorKind, name: reviewObjectionParties.name, organisationName: reviewObjectionParties.organisationName, contact: reviewObjectionParties.contact, sealFileName: reviewObjectionParties.sealFileName, sealContentType: reviewObjectionParties.sealContentType, sealSize: reviewObjectionParties.sealSize } })
    .from(reviewObjections)
    .innerJoin(reviewObjectionParties, eq(reviewObjectionParties.objectionId, reviewObjections.id))
    .where(eq(reviewObjections.noticeId, notice.id))
    .orderBy(asc(reviewObjections.receivedAt));
  return {
    items: rows.map(({ o, p }) => ({
      objectionId: o.id,
      reference: o.reference ?? o.id.slice(0, 8),
      objectorKind: p.objectorKind as 'person' | 'organisation',
      name: p.name,
      organisationName: p.organisationName,
      contact: p.contact,
      seal: p.sealFileName && p.sealContentType && p.sealSize !== null ? { fileName: p.sealFileName, contentType: p.sealContentType, size: p.sealSize } : null,
    })),
  };
}

export async function objectionSeal(db: Db, objectionId: string): Promise<{ fileName: string; contentType: string; content: Buffer }> {
  const [p] = await db.select().from(reviewObjectionParties).where(eq(reviewObjectionParties.objectionId, objectionId));
  if (!p?.sealContent || !p.sealContentType) throw reviewProblem('REVIEW_OBJECTION_NOT_FOUND', '该异议没有盖章文件。');
  return { fileName: p.sealFileName ?? 'seal', contentType: p.sealContentType, content: p.sealContent };
}
