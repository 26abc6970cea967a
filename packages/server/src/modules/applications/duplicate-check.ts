/**
 * 查重 on every submission (BL-9). Submission archives the frozen version's text and queues its check in the
 * same transaction (a unique row per version); after the commit it sends a job. The job claims the row (only
 * one run wins, however often the job is sent), loads the persisted DedupeIndex — or rebuilds it from the
 * archive when it is missing or does not match — checks the text against everything archived before it, adds
 * the new text, stores the index back with its high-water mark and stores the report: one transaction with its
 * audit event.
 */
import { and, asc, eq, gt, gte, inArray, lt, lte, sql } from 'drizzle-orm';
import { archivableText, buildDuplicateReport, dedupe, duplicateTemplateOptions, EXTERNAL_SOURCE_TYPES, externalRecordTitle, type ExternalSourceType, hasPermission, sameTemplateOptions, type ApplicationContent, type ArchivedDoc, type ArchivedSection, type DuplicateReport, type FormSection } from '@kechuang/domain';
import type { Db, Tx } from '../../db/client.js';
import { compiledStatement } from '../../db/compiled.js';
import type { AuthContext } from '../../http/auth.js';
import type { JobSender } from '../../jobs/queue.js';
import { recordAudit, SYSTEM_ACTOR, type Actor } from '../audit/record.js';
import { visibleApplication, type ApplicationRow } from './access.js';
import { applicationProblem } from './errors.js';
import { loadCallContext } from './call-context.js';
import { callTemplateTexts } from '../programmes/template-texts.js';
import { applicationVersions, dedupeArchive, dedupeIndexSnapshots, duplicateChecks } from './schema.js';

const { DedupeIndex } = dedupe;
type Index = InstanceType<typeof DedupeIndex>;

/** The one persisted index over the whole archive. */
const INDEX_NAME = 'archive';
/** Serialises index updates across app nodes (a transaction-scoped advisory lock). */
const INDEX_LOCK = 0x42_4c_39; // 'BL9'
/** A run that started this long ago and never finished (its node died) may be claimed again. */
const STALE_RUN = '15 minutes';
/** The job kind's name, here so the job file and the submission agree on it. */
export const DUPLICATE_CHECK_JOB = 'application-duplicate-check';

export const archiveDocId = (applicationId: string, version: number) => `application:${applicationId}:${version}`;

/** Inside the submission's transaction: archive the frozen version's text and queue its check. */
/** The archived text and its queued check in one statement, compiled once (db/compiled.ts): part of every submission. */
const archiveAndQueue = compiledStatement('archive_submitted_version', (db) => {
  const p = sql.placeholder;
  const archive = db.insert(dedupeArchive).values({ docId: p('docId'), sourceType: 'application', applicationId: p('applicationId'), version: p('version'), organisationId: p('organisationId'), title: p('title'), text: p('text'), sections: p('sections'), createdAt: p('now') });
  const queue = db.insert(duplicateChecks).values({ applicationId: p('applicationId'), version: p('version'), status: 'queued', queuedAt: p('now') });
  return sql`with archived as (${archive.getSQL()}) ${queue.getSQL()}`;
});

export async function archiveSubmittedVersion(tx: Tx, row: ApplicationRow, version: number, content: ApplicationContent, formSections: readonly FormSection[], now: Date): Promise<void> {
  const a = archivableText(content.sections, formSections);
  await archiveAndQueue(tx, {
    docId: archiveDocId(row.id, version),
    applicationId: row.id,
    version,
    organisationId: row.organisationId,
    title: `${content.basic?.title?.trim() || row.applicationNo}（${row.applicationNo} 第${version}版）`,
    text: a.text,
    sections: a.sections,
    now,
  });
}

export interface DuplicateCheckLog {
  info(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/**
 * After a commit: send the check's job. The singleton key keeps a second send out while the first waits; the
 * claim in runDuplicateCheck makes it exactly once in any case. A failed send leaves the check queued (an
 * officer can ask again), never fails the committed submission.
 */
export async function enqueueDuplicateCheck(jobs: JobSender | undefined, log: DuplicateCheckLog, applicationId: string, version: number): Promise<boolean> {
  if (!jobs) return false;
  try {
    await jobs.send(DUPLICATE_CHECK_JOB, { applicationId, version }, { singletonKey: `${applicationId}:${version}` });
    return true;
  } catch (err) {
    log.error({ err, applicationId, version }, '查重任务发送失败（查重保持排队状态，可由经办人重新发起）');
    return false;
  }
}

type ArchiveRow = typeof dedupeArchive.$inferSelect;
// An external record reads in a report with its kind, organisation, year and number.
const docTitle = (r: ArchiveRow) => ((EXTERNAL_SOURCE_TYPES as readonly string[]).includes(r.sourceType) ? externalRecordTitle({ sourceType: r.sourceType as ExternalSourceType, title: r.title, organisationName: r.organisationName ?? '', year: r.year ?? 0, recordNo: r.recordNo ?? '' }) : r.title);
const toDoc = (r: ArchiveRow): ArchivedDoc => ({ docId: r.docId, sourceType: r.sourceType, title: docTitle(r), organisationId: r.organisationId, applicationId: r.applicationId, version: r.version, text: r.text, sections: r.sections as ArchivedSection[] });

export interface IndexUse {
  mode: 'loaded' | 'rebuilt';
  /**
   * Why it was rebuilt: no snapshot, bytes that failed their checksum, a snapshot that does not match the archive,
   * or one normalised with other template text than the calls now hold (a call was added or its form changed).
   */
  reason: 'missing' | 'corrupt' | 'inconsistent' | 'template' | null;
  /** Loaded from this process's memory (the snapshot row was still the one it stored) rather than from the bytes. */
  cached: boolean;
  docs: number;
  highWater: number;
}

/**
 * The index this process last stored, with the snapshot row it wrote (high-water mark, size, time). While the
 * row is still that one, the next check uses it as is instead of reading and decoding the bytes again (seconds at
 * 10⁵ texts); once another node has stored a newer one, the row differs and the bytes are read. Dropped whenever
 * a check fails, since the check may have added to it inside a transaction that rolled back.
 */
interface CachedIndex {
  index: Index;
  highWater: number;
  docs: number;
  updatedAt: number;
}
/** Per database handle: one process may talk to several databases (tests do). */
let caches = new WeakMap<Db, CachedIndex>();

/** Forgets the in-process indexes, as a fresh process would start (tests). */
export function forgetCachedIndex(): void {
  caches = new WeakMap();
}

/** The persisted index if present and consistent with the archive up to its high-water mark, else null with why. */
async function loadPersisted(tx: Tx, cached: CachedIndex | undefined, options: TemplateOptions): Promise<{ index: Index; highWater: number; fromCache: boolean } | { index: null; reason: NonNullable<IndexUse['reason']> }> {
  const [meta] = await tx.select({ highWater: dedupeIndexSnapshots.highWater, docs: dedupeIndexSnapshots.docs, updatedAt: dedupeIndexSnapshots.updatedAt }).from(dedupeIndexSnapshots).where(eq(dedupeIndexSnapshots.name, INDEX_NAME));
  if (!meta) return { index: null, reason: 'missing' };
  if (cached && cached.highWater === meta.highWater && cached.docs === meta.docs && cached.updatedAt === meta.updatedAt.getTime() && cached.index.size === meta.docs) {
    if (!sameTemplateOptions(options, cached.index.normaliseOptions)) return { index: null, reason: 'template' };
    return { index: cached.index, highWater: cached.highWater, fromCache: true };
  }
  const [snap] = await tx.select({ bytes: dedupeIndexSnapshots.bytes }).from(dedupeIndexSnapshots).where(eq(dedupeIndexSnapshots.name, INDEX_NAME));
  let index: Index;
  try {
    index = DedupeIndex.deserialise(new Uint8Array(snap!.bytes.buffer, snap!.bytes.byteOffset, snap!.bytes.byteLength));
  } catch {
    return { index: null, reason: 'corrupt' };
  }
  if (!sameTemplateOptions(options, index.normaliseOptions)) return { index: null, reason: 'template' };
  // Every archived text up to the mark must be in it, and nothing else: a row committed late below the mark
  // (or an archive restored from another backup) shows as a different count.
  const [{ n } = { n: -1 }] = await tx.select({ n: sql<number>`count(*)::int` }).from(dedupeArchive).where(lte(dedupeArchive.seq, meta.highWater));
  if (n !== index.size || n !== meta.docs) return { index: null, reason: 'inconsistent' };
  return { index, highWater: meta.highWater, fromCache: false };
}

type TemplateOptions = ReturnType<typeof duplicateTemplateOptions>;

async function* archiveRows(tx: Tx, from: number, below: number | null): AsyncGenerator<ArchiveRow> {
  // Pages keep a rebuild's memory to the index plus one page of texts.
  let after = from;
  for (;;) {
    const page = await tx.select().from(dedupeArchive).where(and(gt(dedupeArchive.seq, after), below === null ? undefined : lt(dedupeArchive.seq, below))).orderBy(asc(dedupeArchive.seq)).limit(500);
    for (const r of page) yield r;
    if (page.length < 500) return;
    after = page[page.length - 1]!.seq;
  }
}

export interface DuplicateCheckRun {
  ran: boolean;
  report?: StoredReport;
}

export type StoredReport = DuplicateReport & { applicationId: string; version: number; checkedAt: string; index: IndexUse };

/**
 * The job's work: claim the check of (application, version), run it, store the report. Returns ran: false when
 * another run has it or it is done (a duplicate send).
 */
export async function runDuplicateCheck(db: Db, input: { applicationId: string; version: number }, log?: DuplicateCheckLog, now = new Date()): Promise<DuplicateCheckRun> {
  // Job data comes from the queue's table: a malformed one must not turn the claim's conditions into no condition.
  if (typeof input?.applicationId !== 'string' || !/^[0-9a-f-]{36}$/i.test(input.applicationId) || !Number.isInteger(input.version)) throw new Error(`查重任务数据无效：${JSON.stringify(input)}`);
  const claimed = await db
    .update(duplicateChecks)
    .set({ status: 'running', startedAt: now, error: null, runs: sql`${duplicateChecks.runs} + 1` })
    .where(and(eq(duplicateChecks.applicationId, input.applicationId), eq(duplicateChecks.version, input.version), sql`(${duplicateChecks.status} in ('queued', 'failed') or (${duplicateChecks.status} = 'running' and ${duplicateChecks.startedAt} < now() - interval '${sql.raw(STALE_RUN)}'))`))
    .returning({ version: duplicateChecks.version });
  if (claimed.length === 0) {
    log?.info(input, '查重已由另一次运行处理，跳过');
    return { ran: false };
  }
  try {
    const { report, index } = await db.transaction((tx) => checkInTransaction(tx, input, now, caches.get(db)));
    caches.set(db, index);
    log?.info({ ...input, copyRatio: report.copyRatio, flagged: report.flagged, index: report.index }, '查重完成');
    return { ran: true, report };
  } catch (err) {
    caches.delete(db);
    await db.update(duplicateChecks).set({ status: 'failed', error: String((err as Error)?.message ?? err).slice(0, 2000), finishedAt: new Date() }).where(and(eq(duplicateChecks.applicationId, input.applicationId), eq(duplicateChecks.version, input.version)));
    throw err;
  }
}

async function checkInTransaction(tx: Tx, input: { applicationId: string; version: number }, now: Date, cached: CachedIndex | undefined): Promise<{ report: StoredReport; index: CachedIndex }> {
  await tx.execute(sql`select pg_advisory_xact_lock(${INDEX_LOCK})`);
  const [current] = await tx.select().from(dedupeArchive).where(eq(dedupeArchive.docId, archiveDocId(input.applicationId, input.version)));
  if (!current) throw new Error(`查重档案中没有 ${input.applicationId} 第${input.version}版`);
  const cur = current.seq;

  // 1. The index over the whole archive (persisted and caught up, or rebuilt), normalised with every call's form
  // text so what applicants copy from a call's template never counts (BL-9).
  const options = duplicateTemplateOptions(await callTemplateTexts(tx));
  const persisted = await loadPersisted(tx, cached, options);
  let index: Index;
  let highWater: number;
  let use: IndexUse;
  let changed = false;
  if (persisted.index) {
    index = persisted.index;
    highWater = persisted.highWater;
    use = { mode: 'loaded', reason: null, cached: persisted.fromCache, docs: 0, highWater: 0 };
  } else {
    const docs: { id: string; text: string }[] = [];
    highWater = 0;
    for await (const r of archiveRows(tx, 0, null)) {
      docs.push({ id: r.docId, text: r.text });
      highWater = r.seq;
    }
    index = DedupeIndex.build(docs, {}, options);
    use = { mode: 'rebuilt', reason: persisted.reason, cached: false, docs: 0, highWater: 0 };
    changed = true;
  }
  for await (const r of archiveRows(tx, highWater, null)) {
    index.add(r.docId, r.text);
    highWater = r.seq;
    changed = true;
  }

  // 2. Compare with the applications submitted before this text, and with every external record whenever it was
  // imported (a re-check sees records imported since); never with itself or applications submitted after it.
  const laterApp = and(gte(dedupeArchive.seq, cur), lte(dedupeArchive.seq, highWater), sql`(${dedupeArchive.sourceType} = 'application' or ${dedupeArchive.seq} = ${cur})`);
  const later = (await tx.select({ id: dedupeArchive.docId }).from(dedupeArchive).where(laterApp)).map((r) => r.id);
  const counted = await tx
    .select({ sourceType: dedupeArchive.sourceType, n: sql<number>`count(*)::int` })
    .from(dedupeArchive)
    .where(and(lte(dedupeArchive.seq, highWater), sql`not (${laterApp})`))
    .groupBy(dedupeArchive.sourceType);
  const sourceCounts = Object.fromEntries(counted.map((c) => [c.sourceType, c.n]));
  const own = (await tx.select({ id: dedupeArchive.docId }).from(dedupeArchive).where(and(eq(dedupeArchive.organisationId, current.organisationId ?? '00000000-0000-0000-0000-000000000000'), lt(dedupeArchive.seq, cur)))).map((r) => r.id);
  const query = toDoc(current);
  const whole = index.query(query.text, { excludeIds: later });
  const hitsOwn = [...whole.nearDuplicates, ...whole.sources].some((m) => own.includes(m.docId));
  const wholeOthers = hitsOwn ? index.query(query.text, { excludeIds: [...later, ...own] }) : whole;
  const perSection = query.sections.map((s) => ({ key: s.key, result: index.query(query.text.slice(s.start, s.end), { excludeIds: later }) }));
  const ids = new Set<string>();
  for (const r of [whole, ...perSection.map((p) => p.result)]) for (const m of [...r.nearDuplicates, ...r.sources, ...r.passages]) ids.add(m.docId);
  const archived = new Map<string, ArchivedDoc>();
  if (ids.size) for (const r of await tx.select().from(dedupeArchive).where(inArray(dedupeArchive.docId, [...ids]))) archived.set(r.docId, toDoc(r));
  const report = buildDuplicateReport({ organisationId: current.organisationId ?? '', query, whole, wholeOthers, perSection, archived, archivedTexts: index.size - later.length, sourceCounts });

  // 3. Store the index (it already holds this text and everything archived since) with its mark.
  if (changed) {
    const bytes = Buffer.from(index.serialise());
    await tx
      .insert(dedupeIndexSnapshots)
      .values({ name: INDEX_NAME, bytes, highWater, docs: index.size, updatedAt: now })
      .onConflictDoUpdate({ target: dedupeIndexSnapshots.name, set: { bytes, highWater, docs: index.size, updatedAt: now } });
  }
  use.docs = index.size;
  use.highWater = highWater;

  const stored: StoredReport = { ...report, applicationId: input.applicationId, version: input.version, checkedAt: now.toISOString(), index: use };
  await tx.update(duplicateChecks).set({ status: 'done', report: stored, finishedAt: now }).where(and(eq(duplicateChecks.applicationId, input.applicationId), eq(duplicateChecks.version, input.version)));
  await recordAudit(tx, { ...SYSTEM_ACTOR, name: 'system.duplicateCheck' }, {
    action: 'application.duplicateCheck',
    entityType: 'application',
    entityId: input.applicationId,
    detail: { version: input.version, copyRatio: report.copyRatio, flagged: report.flagged, matches: report.matches.length, index: use.mode },
  });
  const [meta] = await tx.select({ highWater: dedupeIndexSnapshots.highWater, docs: dedupeIndexSnapshots.docs, updatedAt: dedupeIndexSnapshots.updatedAt }).from(dedupeIndexSnapshots).where(eq(dedupeIndexSnapshots.name, INDEX_NAME));
  return { report: stored, index: { index, highWater: meta!.highWater, docs: meta!.docs, updatedAt: meta!.updatedAt.getTime() } };
}

/**
 * Officers only: the report of the latest submitted version; anyone else on the applicant side gets 404. While the
 * check is queued or running the answer is 409 with `checkStatus` (not `status`, which is the problem's HTTP status).
 */
export async function readDuplicateReport(db: Db, auth: AuthContext, id: string) {
  const row = await visibleApplication(db, auth, id);
  // The report quotes other organisations' texts: an applicant (or 推荐单位) must not learn it exists.
  if (!hasPermission(auth.roles, 'application.review')) throw applicationProblem('APPLICATION_NOT_FOUND');
  const check = row.submittedVersion === null ? undefined : (await db.select().from(duplicateChecks).where(and(eq(duplicateChecks.applicationId, id), eq(duplicateChecks.version, row.submittedVersion))))[0];
  if (!check) throw applicationProblem('DUPLICATE_CHECK_NOT_RUN', '该申报书尚未提交，或本次提交没有查重记录');
  if (check.status !== 'done') {
    throw applicationProblem('DUPLICATE_CHECK_NOT_RUN', check.status === 'failed' ? `查重运行失败（${check.error ?? '原因未知'}），请重新发起查重` : '查重正在排队或运行中，请稍后再看', undefined, { checkStatus: check.status, version: check.version });
  }
  return { status: check.status, version: check.version, queuedAt: check.queuedAt.toISOString(), finishedAt: check.finishedAt?.toISOString() ?? null, report: check.report as StoredReport };
}

/** 形式审查 needs the check of the submitted version to have finished (inside the accept's transaction). */
export async function assertDuplicateCheckDone(tx: Tx, row: ApplicationRow): Promise<void> {
  const [check] = row.submittedVersion === null ? [] : await tx.select({ status: duplicateChecks.status }).from(duplicateChecks).where(and(eq(duplicateChecks.applicationId, row.id), eq(duplicateChecks.version, row.submittedVersion)));
  if (check?.status === 'done') return;
  throw applicationProblem('DUPLICATE_CHECK_PENDING', check?.status === 'failed' ? '本次提交的查重运行失败，请重新发起查重，完成后再受理' : '本次提交的查重尚未完成，完成后才能受理（形式审查须参考查重结果）', undefined, { checkStatus: check?.status ?? null });
}

/**
 * An officer asks for the check (again): the submitted version's check goes back to queued, with its audit
 * event; the caller then sends the job after the commit, or runs it inline where no queue runs.
 */
export async function requestDuplicateCheck(db: Db, auth: AuthContext, actor: Actor, id: string, now = new Date()): Promise<{ applicationId: string; version: number }> {
  return db.transaction(async (tx) => {
    const row = await visibleApplication(tx, auth, id, { forUpdate: true });
    if (row.submittedVersion === null) throw applicationProblem('DUPLICATE_CHECK_NOT_RUN', '该申报书尚未提交，没有可查重的版本');
    const version = row.submittedVersion;
    const [archived] = await tx.select({ seq: dedupeArchive.seq }).from(dedupeArchive).where(eq(dedupeArchive.docId, archiveDocId(id, version)));
    if (!archived) {
      // Submitted before 查重 existed: archive the frozen version now.
      const [frozen] = await tx.select({ content: applicationVersions.content }).from(applicationVersions).where(and(eq(applicationVersions.applicationId, id), eq(applicationVersions.version, version)));
      const ctx = await loadCallContext(tx, row.callId, now);
      await archiveSubmittedVersion(tx, row, version, frozen!.content as ApplicationContent, ctx.checkCall.formSections, now);
    } else {
      const [c] = await tx.select({ status: duplicateChecks.status }).from(duplicateChecks).where(and(eq(duplicateChecks.applicationId, id), eq(duplicateChecks.version, version)));
      // A run in progress finishes first; asking again meanwhile changes nothing.
      if (c?.status === 'running') throw applicationProblem('DUPLICATE_CHECK_PENDING', '查重正在运行，请等它完成后再重新发起');
      await tx
        .insert(duplicateChecks)
        .values({ applicationId: id, version, status: 'queued', queuedAt: now })
        .onConflictDoUpdate({ target: [duplicateChecks.applicationId, duplicateChecks.version], set: { status: 'queued', queuedAt: now, error: null, startedAt: null } });
    }
    await recordAudit(tx, actor, { action: 'application.duplicateCheckRequest', entityType: 'application', entityId: id, detail: { version } });
    return { applicationId: id, version };
  });
}

/** The state of the submitted version's check, for the on-demand route's answer. */
export async function checkStatus(db: Db, id: string, version: number) {
  const [c] = await db.select({ status: duplicateChecks.status }).from(duplicateChecks).where(and(eq(duplicateChecks.applicationId, id), eq(duplicateChecks.version, version)));
  return c?.status ?? ('queued' as const);
}
