/** The frozen PDF of the latest submission, and the public check of a PDF by its content hash. */
import { and, desc, eq, or } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import type { AuthContext } from '../../http/auth.js';
import { visibleApplication } from './access.js';
import { applicationProblem } from './errors.js';
import { applicationReceipts, applications } from './schema.js';

export async function readReceipt(db: Db, auth: AuthContext, id: string) {
  const row = await visibleApplication(db, auth, id);
  if (row.submittedVersion === null) throw applicationProblem('RECEIPT_NOT_FOUND');
  const [receipt] = await db
    .select()
    .from(applicationReceipts)
    .where(and(eq(applicationReceipts.applicationId, id), eq(applicationReceipts.version, row.submittedVersion)))
    .orderBy(desc(applicationReceipts.generatedAt))
    .limit(1);
  if (!receipt) throw applicationProblem('RECEIPT_NOT_FOUND');
  return { applicationNo: row.applicationNo, version: receipt.version, pdf: receipt.pdf };
}

/**
 * Anyone holding a receipt can check it: by the content hash printed on it, or by the SHA-256 of the PDF file.
 * The answer says only what the PDF itself shows (number, version, times), never the content.
 */
export async function verifyReceipt(db: Db, hash: string) {
  const rows = await db
    .select({ applicationNo: applications.applicationNo, version: applicationReceipts.version, contentHash: applicationReceipts.contentHash, pdfSha256: applicationReceipts.pdfSha256, generatedAt: applicationReceipts.generatedAt, submittedVersion: applications.submittedVersion })
    .from(applicationReceipts)
    .innerJoin(applications, eq(applications.id, applicationReceipts.applicationId))
    .where(or(eq(applicationReceipts.contentHash, hash), eq(applicationReceipts.pdfSha256, hash)))
    .orderBy(desc(applicationReceipts.generatedAt));
  return {
    found: rows.length > 0,
    receipts: rows.map((r) => ({ applicationNo: r.applicationNo, version: r.version, contentHash: r.contentHash, pdfSha256: r.pdfSha256, generatedAt: r.generatedAt.toISOString(), latest: r.version === r.submittedVersion })),
  };
}
