/**
 * Research-integrity records (科研失信) as the bureau manages them: record, amend, appeal, revoke, attach the
 * decision document, list and search. Each write is one transaction with its audit event. Whether a record blocks an
 * action is decided only by the domain's `blockingRecords` through `assertNoIntegrityBlock` (integrity-check.ts).
 */
import { createHash, randomUUID } from 'node:crypto';
import { and, asc, count, desc, eq, gt, ilike, inArray, lt, ne, or, sql, type SQL } from 'drizzle-orm';
import {
  FILE_KINDS,
  checkFileType,
  hasPermission,
  defaultBanUntil,
  integrityAppealTransition,
  integrityRecordStatus,
  integrityRecordValues,
  shanghaiDayOf,
  shownSubjectKey,
  validateResidentId,
  type INTEGRITY_SORTS,
  type IntegrityAppealAction,
  type IntegrityAppealStatus,
  type IntegrityRecordAction,
  type IntegrityRecordInput,
  type IntegrityRecordStatus,
  type IntegrityRecordView,
  type IntegritySeverity,
  type IntegritySubjectKind,
} from '@kechuang/domain';
import type { Db, Tx } from '../../db/client.js';
import type { AuthContext } from '../../http/auth.js';
import type { UploadedFile } from '../../http/upload.js';
import { recordAudit, type Actor } from '../audit/record.js';
import { integrityProblem } from './integrity-errors.js';
import { integrityDocuments } from './integrity-schema.js';
import { integrityRecords } from './schema.js';

type RecordRow = typeof integrityRecords.$inferSelect;
type DocumentRow = Pick<typeof integrityDocuments.$inferSelect, 'fileName' | 'size' | 'sha256' | 'uploadedAt'>;

/** A decision document is a PDF of at most 20 MB. */
export const INTEGRITY_DOCUMENT_MAX_BYTES = 20 * 1024 * 1024;

function actionsOf(r: RecordRow, auth: AuthContext | null): IntegrityRecordAction[] {
  if (!auth || !hasPermission(auth.roles, 'integrity.manage') || r.revoked) return [];
  const appeal = r.appealStatus as IntegrityAppealStatus;
  return ['edit', 'upload', ...(appeal === 'none' ? (['file'] as const) : []), ...(appeal === 'pending' ? (['uphold', 'overturn'] as const) : []), 'revoke'];
}

export function presentIntegrityRecord(r: RecordRow, doc: DocumentRow | null, auth: AuthContext | null, now = new Date()): IntegrityRecordView {
  const kind = r.subjectKind as IntegritySubjectKind;
  return {
    id: r.id,
    subjectKind: kind,
    subjectName: r.subjectName,
    subjectKeyShown: shownSubjectKey(kind, r.subjectKey),
    behaviourCode: r.behaviourCode,
    behaviour: r.behaviour,
    severity: r.severity as IntegritySeverity,
    measure: r.measure,
    decisionNo: r.decisionNo,
    decisionDate: r.decisionDate,
    banFrom: r.banFrom,
    banUntil: r.banUntil,
    defaultBanUntil: defaultBanUntil(r.decisionDate, r.severity as IntegritySeverity),
    banOverrideReason: r.banOverrideReason,
    appealStatus: r.appealStatus as IntegrityAppealStatus,
    appealNote: r.appealNote,
    revoked: r.revoked,
    revokedAt: r.revokedAt?.toISOString() ?? null,
    revokeReason: r.revokeReason,
    status: integrityRecordStatus({ revoked: r.revoked, appealStatus: r.appealStatus as IntegrityAppealStatus, banFrom: r.banFrom, banUntil: r.banUntil }, shanghaiDayOf(now)),
    document: doc ? { fileName: doc.fileName, size: doc.size, sha256: doc.sha256, uploadedAt: doc.uploadedAt.toISOString() } : null,
    note: r.note,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    actions: actionsOf(r, auth),
  };
}

async function documentsOf(db: Tx, ids: string[]): Promise<Map<string, DocumentRow>> {
  if (ids.length === 0) return new Map();
  const rows = await db.select({ id: integrityDocuments.id, fileName: integrityDocuments.fileName, size: integrityDocuments.size, sha256: integrityDocuments.sha256, uploadedAt: integrityDocuments.uploadedAt }).from(integrityDocuments).where(inArray(integrityDocuments.id, ids));
  return new Map(rows.map((d) => [d.id, d]));
}

async function findRecord(db: Tx, id: string, opts: { forUpdate?: boolean } = {}): Promise<RecordRow> {
  const q = db.select().from(integrityRecords).where(eq(integrityRecords.id, id));
  const [row] = opts.forUpdate ? await q.for('update') : await q;
  if (!row) throw integrityProblem('INTEGRITY_RECORD_NOT_FOUND');
  return row;
}

export async function readIntegrityRecord(db: Db, auth: AuthContext, id: string): Promise<IntegrityRecordView> {
  const row = await findRecord(db, id);
  const docs = await documentsOf(db, row.documentFileId ? [row.documentFileId] : []);
  return presentIntegrityRecord(row, docs.get(row.documentFileId ?? '') ?? null, auth);
}

/** Changes between two rows, for the audit event: ID numbers only masked. */
function changesOf(before: Partial<RecordRow> | null, after: Partial<RecordRow>): Record<string, { before?: unknown; after?: unknown }> {
  const out: Record<string, { before?: unknown; after?: unknown }> = {};
  for (const [k, v] of Object.entries(after)) {
    const b = before ? (before as Record<string, unknown>)[k] : undefined;
    if (before && b === v) continue;
    const mask = (x: unknown) => (k === 'subjectKey' && typeof x === 'string' ? shownSubjectKey((after.subjectKind ?? before?.subjectKind ?? 'person') as IntegritySubjectKind, x) : x);
    out[k] = before ? { before: mask(b), after: mask(v) } : { after: mask(v) };
  }
  return out;
}

export async function createIntegrityRecord(db: Db, auth: AuthContext, actor: Actor, input: IntegrityRecordInput, now = new Date()): Promise<IntegrityRecordView> {
  return db.transaction(async (tx) => {
    const values = integrityRecordValues(input);
    const [row] = await tx.insert(integrityRecords).values({ id: randomUUID(), ...values, createdBy: actor.id, createdAt: now, updatedAt: now }).returning();
    await recordAudit(tx, actor, { action: 'integrity.record.create', entityType: 'integrityRecord', entityId: row!.id, changes: changesOf(null, values) });
    return presentIntegrityRecord(row!, null, auth, now);
  });
}

export async function updateIntegrityRecord(db: Db, auth: AuthContext, actor: Actor, id: string, input: IntegrityRecordInput, now = new Date()): Promise<IntegrityRecordView> {
  return db.transaction(async (tx) => {
    const before = await findRecord(tx, id, { forUpdate: true });
    if (before.revoked) throw integrityProblem('INTEGRITY_RECORD_REVOKED', '该记录已撤销，不能再修改。');
    const values = integrityRecordValues(input);
    const [row] = await tx.update(integrityRecords).set({ ...values, updatedAt: now }).where(eq(integrityRecords.id, id)).returning();
    await recordAudit(tx, actor, { action: 'integrity.record.update', entityType: 'integrityRecord', entityId: id, changes: changesOf(before, values) });
    const docs = await documentsOf(tx, row!.documentFileId ? [row!.documentFileId] : []);
    return presentIntegrityRecord(row!, docs.get(row!.documentFileId ?? '') ?? null, auth, now);
  });
}

export async function appealIntegrityRecord(db: Db, auth: AuthContext, actor: Actor, id: string, action: IntegrityAppealAction, note: string, now = new Date()): Promise<IntegrityRecordView> {
  return db.transaction(async (tx) => {
    const before = await findRecord(tx, id, { forUpdate: true });
    const t = integrityAppealTransition(before.appealStatus as IntegrityAppealStatus, before.revoked, action);
    if (!t.ok) throw integrityProblem(before.revoked ? 'INTEGRITY_RECORD_REVOKED' : 'INTEGRITY_APPEAL_REFUSED', t.message);
    const appealNote = [before.appealNote, note.trim()].filter(Boolean).join('\n');
    const [row] = await tx.update(integrityRecords).set({ appealStatus: t.to, appealNote, updatedAt: now }).where(eq(integrityRecords.id, id)).returning();
    await recordAudit(tx, actor, { action: 'integrity.record.appeal', entityType: 'integrityRecord', entityId: id, changes: { appealStatus: { before: before.appealStatus, after: t.to } }, detail: { action, note: note.trim() } });
    const docs = await documentsOf(tx, row!.documentFileId ? [row!.documentFileId] : []);
    return presentIntegrityRecord(row!, docs.get(row!.documentFileId ?? '') ?? null, auth, now);
  });
}

export async function revokeIntegrityRecord(db: Db, auth: AuthContext, actor: Actor, id: string, reason: string, now = new Date()): Promise<IntegrityRecordView> {
  return db.transaction(async (tx) => {
    const before = await findRecord(tx, id, { forUpdate: true });
    if (before.revoked) throw integrityProblem('INTEGRITY_RECORD_REVOKED', '该记录已经撤销。');
    const [row] = await tx.update(integrityRecords).set({ revoked: true, revokedAt: now, revokeReason: reason.trim(), updatedAt: now }).where(eq(integrityRecords.id, id)).returning();
    await recordAudit(tx, actor, { action: 'integrity.record.revoke', entityType: 'integrityRecord', entityId: id, changes: { revoked: { before: false, after: true } }, detail: { reason: reason.trim() } });
    const docs = await documentsOf(tx, row!.documentFileId ? [row!.documentFileId] : []);
    return presentIntegrityRecord(row!, docs.get(row!.documentFileId ?? '') ?? null, auth, now);
  });
}

/**
 * The decision document (处理决定书): the record is checked before the body is read, the file is typed by its first
 * bytes (a PDF whatever its name), and the record points at it in the transaction that stores it.
 */
export async function uploadIntegrityDocument(db: Db, auth: AuthContext, actor: Actor, id: string, readFile: (maxBytes: number) => Promise<UploadedFile>, now = new Date()): Promise<IntegrityRecordView> {
  const pre = await findRecord(db, id);
  if (pre.revoked) throw integrityProblem('INTEGRITY_RECORD_REVOKED', '该记录已撤销，不能再上传文件。');
  const file = await readFile(INTEGRITY_DOCUMENT_MAX_BYTES);
  const type = checkFileType(file.filename, file.bytes, [FILE_KINDS.pdf]);
  if (!type.ok) throw integrityProblem('INTEGRITY_DOCUMENT_TYPE_REFUSED', `处理决定书只接受 PDF 文件；${type.message}`);
  const sha256 = createHash('sha256').update(file.bytes).digest('hex');
  const fileName = file.filename.replace(/[\\/\u0000-\u001f\u007f]/g, '_').slice(0, 200);
  return db.transaction(async (tx) => {
    const before = await findRecord(tx, id, { forUpdate: true });
    if (before.revoked) throw integrityProblem('INTEGRITY_RECORD_REVOKED', '该记录已撤销，不能再上传文件。');
    const docId = randomUUID();
    await tx.insert(integrityDocuments).values({ id: docId, recordId: id, fileName, contentType: type.mime, size: file.bytes.length, sha256, content: file.bytes, uploadedBy: actor.id, uploadedAt: now });
    const [row] = await tx.update(integrityRecords).set({ documentFileId: docId, updatedAt: now }).where(eq(integrityRecords.id, id)).returning();
    await recordAudit(tx, actor, { action: 'integrity.record.document', entityType: 'integrityRecord', entityId: id, changes: { documentFileId: { before: before.documentFileId, after: docId } }, detail: { fileName, size: file.bytes.length, sha256 } });
    return presentIntegrityRecord(row!, { fileName, size: file.bytes.length, sha256, uploadedAt: now }, auth, now);
  });
}

export async function readIntegrityDocument(db: Db, id: string) {
  const row = await findRecord(db, id);
  if (!row.documentFileId) throw integrityProblem('INTEGRITY_DOCUMENT_NOT_FOUND');
  const [doc] = await db.select().from(integrityDocuments).where(eq(integrityDocuments.id, row.documentFileId));
  if (!doc) throw integrityProblem('INTEGRITY_DOCUMENT_NOT_FOUND');
  return doc;
}

export interface IntegrityListQuery {
  page: number;
  pageSize: number;
  subjectKind?: IntegritySubjectKind | undefined;
  severity?: IntegritySeverity | undefined;
  appealStatus?: IntegrityAppealStatus | undefined;
  status?: IntegrityRecordStatus | undefined;
  behaviourCode?: string | undefined;
  /** Name, decision number or behaviour contains. */
  q?: string | undefined;
  /** Exact ID number or credit code (never a partial match: the number is personal data). */
  idNumber?: string | undefined;
  sort: (typeof INTEGRITY_SORTS)[number];
}

function statusFilter(status: IntegrityRecordStatus, day: string): SQL {
  const r = integrityRecords;
  const live = and(eq(r.revoked, false), ne(r.appealStatus, 'overturned'));
  switch (status) {
    case 'revoked':
      return eq(r.revoked, true);
    case 'overturned':
      return and(eq(r.revoked, false), eq(r.appealStatus, 'overturned'))!;
    case 'notStarted':
      return and(live, gt(r.banFrom, day))!;
    case 'expired':
      return and(live, lt(r.banUntil, day))!;
    case 'inForce':
      return and(live, sql`${r.banFrom} <= ${day}`, sql`${r.banUntil} >= ${day}`)!;
  }
}

export async function listIntegrityRecords(db: Db, auth: AuthContext, q: IntegrityListQuery, now = new Date()): Promise<{ items: IntegrityRecordView[]; total: number; page: number; pageSize: number }> {
  const r = integrityRecords;
  const where: SQL[] = [];
  if (q.subjectKind) where.push(eq(r.subjectKind, q.subjectKind));
  if (q.severity) where.push(eq(r.severity, q.severity));
  if (q.appealStatus) where.push(eq(r.appealStatus, q.appealStatus));
  if (q.behaviourCode) where.push(eq(r.behaviourCode, q.behaviourCode));
  if (q.status) where.push(statusFilter(q.status, shanghaiDayOf(now)));
  if (q.idNumber) where.push(eq(r.subjectKey, q.idNumber.trim().toUpperCase()));
  if (q.q) {
    const like = `%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    where.push(or(ilike(r.subjectName, like), ilike(r.decisionNo, like), ilike(r.behaviour, like))!);
  }
  const cond = where.length ? and(...where) : undefined;
  const column = { decisionDate: r.decisionDate, banUntil: r.banUntil, createdAt: r.createdAt }[q.sort.replace(/^-/, '') as 'decisionDate' | 'banUntil' | 'createdAt'];
  const order = q.sort.startsWith('-') ? desc(column) : asc(column);
  const [{ n }] = (await db.select({ n: count() }).from(r).where(cond)) as [{ n: number }];
  const rows = await db.select().from(r).where(cond).orderBy(order, asc(r.id)).limit(q.pageSize).offset((q.page - 1) * q.pageSize);
  const docs = await documentsOf(db, rows.flatMap((x) => (x.documentFileId ? [x.documentFileId] : [])));
  return { items: rows.map((x) => presentIntegrityRecord(x, docs.get(x.documentFileId ?? '') ?? null, auth, now)), total: n, page: q.page, pageSize: q.pageSize };
}

/** The records against an organisation's credit code (its own page shows them; persons' records are not listed there). */
export async function integrityRecordsOfOrganisation(db: Tx, auth: AuthContext, creditCode: string, now = new Date()): Promise<IntegrityRecordView[]> {
  const rows = await db.select().from(integrityRecords).where(and(eq(integrityRecords.subjectKind, 'organisation'), eq(integrityRecords.subjectKey, creditCode.toUpperCase()))).orderBy(desc(integrityRecords.decisionDate), asc(integrityRecords.id));
  const docs = await documentsOf(db, rows.flatMap((x) => (x.documentFileId ? [x.documentFileId] : [])));
  return rows.map((x) => presentIntegrityRecord(x, docs.get(x.documentFileId ?? '') ?? null, auth, now));
}

/** 400 with a field error unless `idNumber` is a valid resident ID number; the normalised number otherwise. */
export function requireResidentId(idNumber: string): string {
  const v = validateResidentId(idNumber);
  if (!v.ok) throw integrityProblem('INTEGRITY_ID_NUMBER_INVALID', v.message, [{ field: 'idNumber', message: v.message }]);
  return v.id;
}
