/** Evidence files (佐证材料) attached to a monthly report, stored with their SHA-256 so tampering shows. */
import { createHash, randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { checkFileType, FILE_KINDS, isEvidenceEditable, type ReportState } from '@kechuang/domain';
import type { Db } from '../../db/client.js';
import { recordAudit, type Actor } from '../audit/record.js';
import { monitoringProblem } from './errors.js';
import { monitoringEvidence, monitoringReports } from './schema.js';
import { assertCanSeeReport, unitsOfUser } from './reporting.js';

export const EVIDENCE_MAX_BYTES = 10 * 1024 * 1024;
/** Per report: enough for a statistics bulletin and its annexes, not a place to store a department's archive. */
export const EVIDENCE_MAX_FILES = 10;

/** Allowed types by extension, each confirmed by the file's first bytes (the platform's one signature table) so a renamed executable is refused. */
const EVIDENCE_KINDS = Object.values(FILE_KINDS);

export function evidenceType(filename: string, bytes: Buffer): string {
  const v = checkFileType(filename, bytes, EVIDENCE_KINDS, { byExtension: true });
  if (!v.ok) throw monitoringProblem('FILE_TYPE_REFUSED', v.reason === 'extension' ? '佐证材料只支持 PDF、JPG、PNG、XLSX、DOCX 文件。' : v.message);
  return v.mime;
}

export async function addEvidence(db: Db, actor: Actor & { id: string }, reportId: string, filename: string, bytes: Buffer) {
  return db.transaction(async (tx) => {
    const [report] = await tx.select().from(monitoringReports).where(eq(monitoringReports.id, reportId)).for('update');
    if (!report) throw monitoringProblem('REPORT_NOT_FOUND');
    const units = await unitsOfUser(tx, actor.id);
    if (!units.some((u) => u.id === report.unitId)) throw monitoringProblem('REPORT_NOT_FOUND');
    if (!isEvidenceEditable(report.state as ReportState)) throw monitoringProblem('REPORT_LOCKED', '只能给草稿或退回修改的报送添加佐证材料。');
    const existing = await tx.select({ id: monitoringEvidence.id }).from(monitoringEvidence).where(eq(monitoringEvidence.reportId, reportId));
    if (existing.length >= EVIDENCE_MAX_FILES) throw monitoringProblem('EVIDENCE_LIMIT', `每项报送最多 ${EVIDENCE_MAX_FILES} 个佐证材料，可先删除不需要的。`);
    const mime = evidenceType(filename, bytes);
    const id = randomUUID();
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const safeName = filename.replace(/[\\/\u0000-\u001f]/g, '_').slice(0, 200);
    await tx.insert(monitoringEvidence).values({ id, reportId, filename: safeName, mime, size: bytes.length, sha256, content: bytes, uploadedBy: actor.id });
    await recordAudit(tx, actor, { action: 'monitoring.evidence.add', entityType: 'monitoring_report', entityId: reportId, detail: { evidence: id, filename: safeName, size: bytes.length, sha256 } });
    return { id, filename: safeName, size: bytes.length };
  });
}

/**
 * Uploads one evidence file to the caller's own report for an indicator and period. Rights come before the
 * body: another unit's report and a missing one answer alike, and `readFile` is not called for either.
 */
export async function uploadEvidence(db: Db, actor: Actor & { id: string }, indicatorId: string, period: string, readFile: () => Promise<{ filename: string; bytes: Buffer }>) {
  const units = await unitsOfUser(db, actor.id);
  const [row] = await db.select({ id: monitoringReports.id, unitId: monitoringReports.unitId }).from(monitoringReports).where(and(eq(monitoringReports.indicatorId, indicatorId), eq(monitoringReports.period, period)));
  if (!row || !units.some((u) => u.id === row.unitId)) throw monitoringProblem('REPORT_NOT_FOUND', '请先保存本期值，再上传佐证材料。');
  const file = await readFile();
  return addEvidence(db, actor, row.id, file.filename, file.bytes);
}

export async function readEvidence(db: Db, userId: string, canManage: boolean, id: string) {
  const [e] = await db.select().from(monitoringEvidence).where(eq(monitoringEvidence.id, id));
  if (!e) throw monitoringProblem('EVIDENCE_NOT_FOUND');
  const [report] = await db.select({ unitId: monitoringReports.unitId }).from(monitoringReports).where(eq(monitoringReports.id, e.reportId));
  try {
    await assertCanSeeReport(db, userId, canManage, report!.unitId);
  } catch {
    throw monitoringProblem('EVIDENCE_NOT_FOUND');
  }
  return e;
}

export async function deleteEvidence(db: Db, actor: Actor & { id: string }, id: string) {
  await db.transaction(async (tx) => {
    const [e] = await tx.select({ id: monitoringEvidence.id, reportId: monitoringEvidence.reportId, filename: monitoringEvidence.filename, sha256: monitoringEvidence.sha256 }).from(monitoringEvidence).where(eq(monitoringEvidence.id, id));
    if (!e) throw monitoringProblem('EVIDENCE_NOT_FOUND');
    const [report] = await tx.select().from(monitoringReports).where(eq(monitoringReports.id, e.reportId)).for('update');
    const units = await unitsOfUser(tx, actor.id);
    if (!report || !units.some((u) => u.id === report.unitId)) throw monitoringProblem('EVIDENCE_NOT_FOUND');
    if (!isEvidenceEditable(report.state as ReportState)) throw monitoringProblem('REPORT_LOCKED', '已提交或已采纳的报送，其佐证材料不能删除；退回修改后可以删除。');
    await tx.delete(monitoringEvidence).where(eq(monitoringEvidence.id, id));
    await recordAudit(tx, actor, { action: 'monitoring.evidence.delete', entityType: 'monitoring_report', entityId: report.id, detail: { evidence: id, filename: e.filename, sha256: e.sha256 } });
  });
}
