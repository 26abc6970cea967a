/**
 * Attachments in the call's typed slots: upload (typed by the file's first bytes, not its name or the browser's
 * header), list, download and delete. Rights and state are checked before the body is read; each write is one
 * transaction with its audit event, under the application's row lock, so a submission never freezes a set that
 * is changing under it.
 */
import { createHash, randomUUID } from 'node:crypto';
import { and, asc, count, eq, isNull, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import {
  ATTACHMENT_FILE_KINDS,
  ATTACHMENT_KINDS,
  ATTACHMENT_MAX_BYTES,
  ATTACHMENT_MAX_FILES_PER_SLOT,
  attachmentSlots,
  canActAs,
  checkFileType,
  isApplicationEditable,
  type ApplicationState,
  type AttachmentKind,
  type StoredAttachment,
} from '@kechuang/domain';
import type { Db, Tx } from '../../db/client.js';
import { compiledSelect, outerColumn } from '../../db/compiled.js';
import type { AuthContext } from '../../http/auth.js';
import type { UploadedFile } from '../../http/upload.js';
import { recordAudit, type Actor } from '../audit/record.js';
import { visibleApplication, type ApplicationRow } from './access.js';
import { loadCallContext } from './call-context.js';
import { applicationProblem } from './errors.js';
import { applicationAttachments } from './schema.js';

type AttachmentRow = typeof applicationAttachments.$inferSelect;

const present = (r: AttachmentRow) => ({
  id: r.id,
  kind: r.kind as AttachmentKind,
  fileName: r.fileName,
  size: r.size,
  contentType: r.contentType,
  sha256: r.sha256,
  uploadedAt: r.uploadedAt.toISOString(),
  uploadedBy: r.uploadedBy,
});

/** The working set of an application's files (those not taken out after a return), oldest first. */
/** Read by every autosave, submission and read: compiled once (db/compiled.ts). */
const workingSet = compiledSelect('application_attachments_working_set', (db) =>
  db
    .select()
    .from(applicationAttachments)
    .where(and(eq(applicationAttachments.applicationId, sql.placeholder('applicationId')), isNull(applicationAttachments.removedAt)))
    .orderBy(asc(applicationAttachments.uploadedAt), asc(applicationAttachments.id)),
);

/** Subquery: the working set of one application (as storedAttachments gives it, less the upload details), as JSON. */
export function workingSetJson(applicationId: AnyColumn): SQL<StoredAttachment[]> {
  const f = applicationAttachments;
  return sql`coalesce((select json_agg(json_build_object('id', ${f.id}, 'kind', ${f.kind}, 'fileName', ${f.fileName}, 'size', ${f.size}, 'contentType', ${f.contentType}, 'sha256', ${f.sha256}) order by ${f.uploadedAt}, ${f.id}) from ${f} where ${f.applicationId} = ${outerColumn(applicationId)} and ${f.removedAt} is null), '[]'::json)`;
}

export async function storedAttachments(tx: Tx, applicationId: string): Promise<(StoredAttachment & { uploadedAt: Date; uploadedBy: string | null })[]> {
  const rows = await workingSet(tx, { applicationId });
  return rows.map((r) => ({ ...present(r), uploadedAt: r.uploadedAt }));
}

/** Marks the working set as frozen by a submitted version (inside the submission's transaction). */
export async function freezeAttachments(tx: Tx, applicationId: string, version: number): Promise<void> {
  await tx
    .update(applicationAttachments)
    .set({ frozenInVersion: version })
    .where(and(eq(applicationAttachments.applicationId, applicationId), isNull(applicationAttachments.removedAt), isNull(applicationAttachments.frozenInVersion)));
}

export async function listAttachments(db: Db, auth: AuthContext, id: string, now = new Date()) {
  const row = await visibleApplication(db, auth, id);
  const ctx = await loadCallContext(db, row.callId, now);
  const files = await storedAttachments(db, id);
  return {
    slots: attachmentSlots(ctx.checkCall.requiredAttachments).map((s) => ({ ...s, files: files.filter((f) => f.kind === s.kind).map((f) => ({ ...f, uploadedAt: f.uploadedAt.toISOString() })) })),
  };
}

/** Only the applying organisation's own applicant side changes its files, and only in draft or returned. */
function assertWritable(row: ApplicationRow, auth: AuthContext) {
  if (!canActAs(auth.roles, 'applicant') || row.organisationId !== auth.user.organisationId) throw applicationProblem('ACTION_FORBIDDEN', '只有申报单位可以修改申报书附件');
  if (!isApplicationEditable(row.state as ApplicationState)) throw applicationProblem('APPLICATION_NOT_EDITABLE', '只有草稿或被退回的申报书可以上传或删除附件');
}

export async function uploadAttachment(db: Db, auth: AuthContext, actor: Actor, id: string, kind: string, readFile: (maxBytes: number) => Promise<UploadedFile>, now = new Date()) {
  const row = await visibleApplication(db, auth, id);
  const ctx = await loadCallContext(db, row.callId, now);
  const slot = attachmentSlots(ctx.checkCall.requiredAttachments).find((s) => s.kind === kind);
  if (!slot || !(ATTACHMENT_KINDS as readonly string[]).includes(kind)) throw applicationProblem('ATTACHMENT_SLOT_UNKNOWN', `本指南的附件中没有“${kind}”这一类`, [{ field: 'kind', message: '附件类型无效' }]);
  assertWritable(row, auth);

  const file = await readFile(ATTACHMENT_MAX_BYTES);
  const type = checkFileType(file.filename, file.bytes, ATTACHMENT_FILE_KINDS);
  if (!type.ok) throw applicationProblem('ATTACHMENT_TYPE_REFUSED', `“${slot.label}”只接受 PDF、JPG、PNG 文件；${type.message}`);
  const sha256 = createHash('sha256').update(file.bytes).digest('hex');
  const fileName = file.filename.replace(/[\\/\u0000-\u001f\u007f]/g, '_').slice(0, 200);

  return db.transaction(async (tx) => {
    const locked = await visibleApplication(tx, auth, id, { forUpdate: true });
    assertWritable(locked, auth);
    const [inSlot] = await tx.select({ n: count() }).from(applicationAttachments).where(and(eq(applicationAttachments.applicationId, id), eq(applicationAttachments.kind, kind), isNull(applicationAttachments.removedAt)));
    if ((inSlot?.n ?? 0) >= ATTACHMENT_MAX_FILES_PER_SLOT) throw applicationProblem('ATTACHMENT_SLOT_FULL', `“${slot.label}”最多 ${ATTACHMENT_MAX_FILES_PER_SLOT} 个文件，可先删除不需要的`);
    const [inserted] = await tx
      .insert(applicationAttachments)
      .values({ id: randomUUID(), applicationId: id, kind, fileName, contentType: type.mime, size: file.bytes.length, sha256, content: file.bytes, uploadedBy: auth.user.id, uploadedAt: now })
      .returning();
    await recordAudit(tx, actor, { action: 'application.attachment.add', entityType: 'application', entityId: id, detail: { attachment: inserted!.id, kind, fileName, size: file.bytes.length, sha256 } });
    return present(inserted!);
  });
}

/** The file of an attachment the caller may see, including one taken out after a return (a frozen version still lists it). */
export async function readAttachmentFile(db: Db, auth: AuthContext, id: string, attachmentId: string) {
  await visibleApplication(db, auth, id);
  const [a] = await db.select().from(applicationAttachments).where(and(eq(applicationAttachments.id, attachmentId), eq(applicationAttachments.applicationId, id)));
  if (!a) throw applicationProblem('ATTACHMENT_NOT_FOUND');
  return a;
}

/** A file no submission froze is deleted; a frozen one is only taken out of the working set (the trigger keeps it). */
export async function deleteAttachment(db: Db, auth: AuthContext, actor: Actor, id: string, attachmentId: string, now = new Date()) {
  await db.transaction(async (tx) => {
    const row = await visibleApplication(tx, auth, id, { forUpdate: true });
    const [a] = await tx.select({ id: applicationAttachments.id, kind: applicationAttachments.kind, fileName: applicationAttachments.fileName, sha256: applicationAttachments.sha256, frozenInVersion: applicationAttachments.frozenInVersion }).from(applicationAttachments).where(and(eq(applicationAttachments.id, attachmentId), eq(applicationAttachments.applicationId, id), isNull(applicationAttachments.removedAt)));
    if (!a) throw applicationProblem('ATTACHMENT_NOT_FOUND');
    assertWritable(row, auth);
    if (a.frozenInVersion === null) await tx.delete(applicationAttachments).where(eq(applicationAttachments.id, attachmentId));
    else await tx.update(applicationAttachments).set({ removedAt: now }).where(eq(applicationAttachments.id, attachmentId));
    await recordAudit(tx, actor, { action: 'application.attachment.delete', entityType: 'application', entityId: id, detail: { attachment: a.id, kind: a.kind, fileName: a.fileName, sha256: a.sha256, frozenInVersion: a.frozenInVersion } });
  });
}
