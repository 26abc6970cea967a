/**
 * Photos of a site inspection (实地核查照片): JPEG or PNG told by their first bytes (domain files/file-type.ts),
 * never by name or the browser's header, within a size and a count limit. Rights and stage are checked before
 * the body is read; each write is one transaction with its audit event.
 */
import { createHash, randomUUID } from 'node:crypto';
import { and, count, eq } from 'drizzle-orm';
import { checkFileType, INSPECTION_PHOTO_KINDS, INSPECTION_PHOTO_MAX_BYTES, INSPECTION_PHOTO_MAX_COUNT, type InspectionPhoto } from '@kechuang/domain';
import type { Db } from '../../db/client.js';
import type { UploadedFile } from '../../http/upload.js';
import { recordAudit, type Actor } from '../audit/record.js';
import { reviewInspectionPhotos } from './decision-schema.js';
import { reviewProblem } from './errors.js';
import { requireSelected } from './inspection.js';
import { findRound } from './rounds.js';

export async function uploadInspectionPhoto(db: Db, actor: Actor, roundId: string, applicationId: string, readFile: (maxBytes: number) => Promise<UploadedFile>, now = new Date()): Promise<InspectionPhoto> {
  // Refuse before reading a byte when the step or the application does not take photos.
  await db.transaction((tx) => requireSelected(tx, roundId, applicationId));
  const file = await readFile(INSPECTION_PHOTO_MAX_BYTES);
  const type = checkFileType(file.filename, file.bytes, INSPECTION_PHOTO_KINDS);
  if (!type.ok) throw reviewProblem('REVIEW_PHOTO_TYPE_REFUSED', `核查照片只接受 JPG、PNG 图片；${type.message}`);
  const sha256 = createHash('sha256').update(file.bytes).digest('hex');
  const fileName = file.filename.replace(/[\\/\u0000-\u001f\u007f]/g, '_').slice(0, 200);
  return db.transaction(async (tx) => {
    await requireSelected(tx, roundId, applicationId);
    const [n] = await tx.select({ n: count() }).from(reviewInspectionPhotos).where(and(eq(reviewInspectionPhotos.roundId, roundId), eq(reviewInspectionPhotos.applicationId, applicationId)));
    if ((n?.n ?? 0) >= INSPECTION_PHOTO_MAX_COUNT) throw reviewProblem('REVIEW_PHOTO_LIMIT', `每份申报书的核查照片最多 ${INSPECTION_PHOTO_MAX_COUNT} 张，可先删除不需要的。`);
    const id = randomUUID();
    await tx.insert(reviewInspectionPhotos).values({ id, roundId, applicationId, fileName, contentType: type.mime, size: file.bytes.length, sha256, content: file.bytes, uploadedBy: actor.id, uploadedAt: now });
    await recordAudit(tx, actor, { action: 'review.inspection.photo.add', entityType: 'reviewRound', entityId: roundId, detail: { applicationId, photo: id, fileName, size: file.bytes.length, sha256 } });
    return { id, fileName, contentType: type.mime, size: file.bytes.length, uploadedAt: now.toISOString() };
  });
}

export async function readInspectionPhoto(db: Db, roundId: string, applicationId: string, photoId: string) {
  await findRound(db, roundId);
  const [p] = await db.select().from(reviewInspectionPhotos).where(and(eq(reviewInspectionPhotos.id, photoId), eq(reviewInspectionPhotos.roundId, roundId), eq(reviewInspectionPhotos.applicationId, applicationId)));
  if (!p) throw reviewProblem('REVIEW_PHOTO_NOT_FOUND');
  return p;
}

/** Photos can be taken out while the step is open; once it finishes they are part of its record. */
export async function deleteInspectionPhoto(db: Db, actor: Actor, roundId: string, applicationId: string, photoId: string): Promise<void> {
  await db.transaction(async (tx) => {
    await requireSelected(tx, roundId, applicationId);
    const [p] = await tx.select({ id: reviewInspectionPhotos.id, fileName: reviewInspectionPhotos.fileName, sha256: reviewInspectionPhotos.sha256 }).from(reviewInspectionPhotos).where(and(eq(reviewInspectionPhotos.id, photoId), eq(reviewInspectionPhotos.roundId, roundId), eq(reviewInspectionPhotos.applicationId, applicationId)));
    if (!p) throw reviewProblem('REVIEW_PHOTO_NOT_FOUND');
    await tx.delete(reviewInspectionPhotos).where(eq(reviewInspectionPhotos.id, photoId));
    await recordAudit(tx, actor, { action: 'review.inspection.photo.delete', entityType: 'reviewRound', entityId: roundId, detail: { applicationId, photo: p.id, fileName: p.fileName, sha256: p.sha256 } });
  });
}
