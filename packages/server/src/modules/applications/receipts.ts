/**
 * Receipts (申报书回执): rendered after the submission commits — by the receipt job, or on demand when someone asks
 * before the job has run — and stored insert-or-nothing keyed by (application, version), so however many renders
 * race, one PDF is stored and served for a submission, and it never changes (trigger, migration 0007).
 * Also the public check of a PDF by its content hash.
 */
import { randomUUID, createHash } from 'node:crypto';
import { and, desc, eq, or } from 'drizzle-orm';
import type { ApplicationContent } from '@kechuang/domain';
import type { Db } from '../../db/client.js';
import type { JobSender } from '../../jobs/queue.js';
import type { AuthContext } from '../../http/auth.js';
import { visibleApplication } from './access.js';
import { loadCallContext, loadLead } from './call-context.js';
import { applicationProblem } from './errors.js';
import { renderReceiptInWorker } from './receipt-pool.js';
import type { ReceiptInput } from './receipt.js';
import { applicationReceipts, applications, applicationVersions } from './schema.js';

export const RECEIPT_JOB = 'application-receipt';

type StoredReceipt = typeof applicationReceipts.$inferSelect;

async function storedReceipt(db: Db, applicationId: string, version: number): Promise<StoredReceipt | undefined> {
  const [receipt] = await db.select().from(applicationReceipts).where(and(eq(applicationReceipts.applicationId, applicationId), eq(applicationReceipts.version, version)));
  return receipt;
}

/** What the PDF of a frozen version prints: its content and hash as frozen, names as of the submission. */
async function receiptInput(db: Db, applicationId: string, version: number, generatedAt: Date): Promise<ReceiptInput> {
  const [row] = await db.select().from(applications).where(eq(applications.id, applicationId));
  const [frozen] = await db.select().from(applicationVersions).where(and(eq(applicationVersions.applicationId, applicationId), eq(applicationVersions.version, version)));
  if (!row || !frozen?.frozen) throw new Error(`application ${applicationId} has no frozen version ${version}`);
  const content = frozen.content as ApplicationContent;
  const [ctx, lead] = await Promise.all([loadCallContext(db, row.callId, frozen.savedAt), loadLead(db, row)]);
  const item = ctx.items.find((i) => i.id === row.guidelineItemId);
  const params = ctx.ruleSet.parameters;
  return {
    applicationNo: row.applicationNo,
    version,
    contentHash: frozen.contentHash,
    submittedAt: frozen.savedAt,
    generatedAt,
    call: { title: ctx.call.title, programmeName: ctx.programme.name },
    organisation: { name: lead.name, creditCode: lead.creditCode },
    guidelineItem: item ? { code: item.code, title: item.title } : null,
    categoryName: params.categories.find((c) => c.code === row.categoryCode)?.name ?? row.categoryCode,
    fieldName: params.fields.find((f) => f.code === content.basic?.fieldCode)?.name ?? content.basic?.fieldCode ?? '',
    formSections: ctx.checkCall.formSections,
    content,
  };
}

/**
 * The receipt of one frozen version, rendered and stored if it is not there yet. Never inside a transaction:
 * the render takes about a second, and a row lock held that long would stall the applicant's autosaves.
 */
export async function ensureReceipt(db: Db, applicationId: string, version: number, now = new Date()): Promise<StoredReceipt> {
  const existing = await storedReceipt(db, applicationId, version);
  if (existing) return existing;
  const input = await receiptInput(db, applicationId, version, now);
  const pdf = await renderReceiptInWorker(input);
  await db
    .insert(applicationReceipts)
    .values({ id: randomUUID(), applicationId, version, contentHash: input.contentHash, pdf, pdfSha256: createHash('sha256').update(pdf).digest('hex'), generatedAt: now })
    .onConflictDoNothing({ target: [applicationReceipts.applicationId, applicationReceipts.version] });
  // Whoever inserted first won; both callers serve that one.
  const stored = await storedReceipt(db, applicationId, version);
  if (!stored) throw new Error(`receipt of ${applicationId} v${version} vanished after insert`);
  return stored;
}

/**
 * Sends the receipt job after the submission committed. The singleton key keeps one job per version across every
 * app node; if the send fails, the first GET …/receipt renders it instead, so nothing is lost either way.
 */
export async function enqueueReceipt(jobs: JobSender | undefined, log: { error(obj: object, msg: string): void }, applicationId: string, version: number): Promise<void> {
  if (!jobs) return;
  try {
    await jobs.send(RECEIPT_JOB, { applicationId, version }, { singletonKey: `${applicationId}:${version}` });
  } catch (err) {
    log.error({ err, applicationId, version }, '回执任务发送失败（首次下载回执时生成）');
  }
}

/** GET …/receipt: the frozen PDF of the latest submission, rendered now if the job has not run yet. */
export async function readReceipt(db: Db, auth: AuthContext, id: string) {
  const row = await visibleApplication(db, auth, id);
  if (row.submittedVersion === null) throw applicationProblem('RECEIPT_NOT_FOUND');
  const receipt = await ensureReceipt(db, id, row.submittedVersion);
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
