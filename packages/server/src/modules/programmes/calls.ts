/**
 * Calls (申报指南): drafted by officers against a programme version, published for the public within an
 * exact Asia/Shanghai window, then closed and archived. Publishing freezes the version's rules (BL-1).
 */
import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, ilike, inArray, isNull, lte, sql, type SQL } from 'drizzle-orm';
import {
  CALL_STATUS_LABELS,
  ruleSetInForce,
  callTransition,
  changedFields,
  hasPermission,
  isCallEditable,
  type AttachmentKind,
  type CallEligibility,
  type CallEvent,
  type CallPhase,
  type CallStatus,
  type FormSection,
  type RuleSetParameters,
  type Role,
  type SelectionMode,
} from '@kechuang/domain';
import type { Db, Tx } from '../../db/client.js';
import { compiledSelect } from '../../db/compiled.js';
import { recordAudit, type Actor } from '../audit/record.js';
import { programmeProblem } from './errors.js';
import { calls, guidelineItems, programmes, programmeVersions } from './schema.js';
import { findProgramme, findVersion, versionInForce } from './service.js';

type CallRow = typeof calls.$inferSelect;
type GuidelineItemRow = typeof guidelineItems.$inferSelect;
type ItemRow = typeof guidelineItems.$inferSelect;

export interface CallInput {
  title: string;
  description?: string | undefined;
  programmeCode: string;
  versionId?: string | null | undefined;
  categoryCodes: string[];
  fieldCodes: string[];
  guidelineItems: { code: string; title: string; description?: string | undefined; bountyYuan?: number | null | undefined; fieldCode?: string | null | undefined }[];
  opensAt: string;
  closesAt: string;
  selectionMode: string;
  formSections: unknown;
  requiredAttachments: unknown;
  eligibility: unknown;
  requiresRecommendation?: boolean | undefined;
  hasTopics?: boolean | undefined;
}

export type { CallPhase };

export function callPhase(c: Pick<CallRow, 'status' | 'opensAt' | 'closesAt'>, now: Date): CallPhase {
  if (c.status !== 'published') return c.status as CallPhase;
  if (now < c.opensAt) return 'upcoming';
  return now < c.closesAt ? 'open' : 'ended';
}

async function present(db: Tx, rows: CallRow[], roles: readonly Role[] | null, now = new Date()) {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [items, versions, progs] = await Promise.all([
    db.select().from(guidelineItems).where(inArray(guidelineItems.callId, ids)).orderBy(asc(guidelineItems.sortOrder)),
    db.select().from(programmeVersions).where(inArray(programmeVersions.id, [...new Set(rows.map((r) => r.versionId))])),
    db.select().from(programmes).where(inArray(programmes.id, [...new Set(rows.map((r) => r.programmeId))])),
  ]);
  const canManage = roles !== null && hasPermission(roles, 'call.manage');
  return rows.map((c) => {
    const v = versions.find((x) => x.id === c.versionId)!;
    const p = progs.find((x) => x.id === c.programmeId)!;
    const params = v.parameters as RuleSetParameters;
    const status = c.status as CallStatus;
    const can = (event: CallEvent) => canManage && callTransition(status, event, { now, opensAt: c.opensAt, closesAt: c.closesAt, categoryCount: c.categoryCodes.length }).ok;
    return {
      id: c.id,
      title: c.title,
      description: c.description,
      status,
      statusLabel: CALL_STATUS_LABELS[status],
      phase: callPhase(c, now),
      programme: { code: p.code, name: p.name, issuer: p.issuer },
      version: { id: v.id, version: v.version, documentNo: v.documentNo, effectiveFrom: v.effectiveFrom },
      selectionMode: c.selectionMode as SelectionMode,
      categories: params.categories.filter((x) => c.categoryCodes.includes(x.code)),
      fields: params.fields.filter((x) => c.fieldCodes.includes(x.code)),
      guidelineItems: items.filter((i) => i.callId === c.id).map(presentItem),
      opensAt: c.opensAt.toISOString(),
      closesAt: c.closesAt.toISOString(),
      formSections: c.formSections as FormSection[],
      requiredAttachments: c.requiredAttachments as AttachmentKind[],
      eligibility: c.eligibility as CallEligibility,
      requiresRecommendation: c.requiresRecommendation,
      hasTopics: c.hasTopics,
      createdAt: c.createdAt.toISOString(),
      updatedAt: c.updatedAt.toISOString(),
      publishedAt: c.publishedAt?.toISOString() ?? null,
      closedAt: c.closedAt?.toISOString() ?? null,
      archivedAt: c.archivedAt?.toISOString() ?? null,
      actions: { edit: canManage && isCallEditable(status), publish: can('publish'), close: can('close'), archive: can('archive') },
    };
  });
}

function presentItem(i: ItemRow) {
  return { id: i.id, code: i.code, title: i.title, description: i.description, fieldCode: i.fieldCode, bountyYuan: i.bountyYuan };
}

/** Checks the call against its version: every category and field must exist there, the window must be ordered. */
async function resolveVersion(tx: Tx, input: CallInput) {
  const programme = await findProgramme(tx, input.programmeCode);
  const version = input.versionId ? await findVersion(tx, programme.id, input.versionId) : await versionInForce(tx, programme, input.opensAt);
  const params = version.parameters as RuleSetParameters;
  const errors: { field: string; message: string }[] = [];
  input.categoryCodes.forEach((code, i) => {
    if (!params.categories.some((c) => c.code === code)) errors.push({ field: `categoryCodes.${i}`, message: `版本“${version.version}”中没有类别“${code}”` });
  });
  input.fieldCodes.forEach((code, i) => {
    if (!params.fields.some((f) => f.code === code)) errors.push({ field: `fieldCodes.${i}`, message: `版本“${version.version}”中没有领域“${code}”` });
  });
  input.guidelineItems.forEach((item, i) => {
    if (item.fieldCode && !input.fieldCodes.includes(item.fieldCode)) errors.push({ field: `guidelineItems.${i}.fieldCode`, message: '指南条目的领域须是本指南开放的领域之一' });
  });
  if (new Date(input.opensAt) >= new Date(input.closesAt)) errors.push({ field: 'closesAt', message: '截止时间须晚于开始时间' });
  if (!params.selectionModes.includes(input.selectionMode as never)) errors.push({ field: 'selectionMode', message: '该计划版本不支持所选的遴选方式' });
  if (errors.length) throw programmeProblem('CALL_INVALID', errors.map((e) => e.message).join('；'), errors);
  return { programme, version };
}

/** At publication the version may have changed since the draft was saved: check again, with the version locked. */
async function assertStillValid(tx: Tx, call: CallRow): Promise<void> {
  const [version] = await tx.select().from(programmeVersions).where(eq(programmeVersions.id, call.versionId)).for('update');
  const params = version!.parameters as RuleSetParameters;
  const missing = [
    ...call.categoryCodes.filter((c) => !params.categories.some((x) => x.code === c)).map((c) => `类别“${c}”`),
    ...call.fieldCodes.filter((f) => !params.fields.some((x) => x.code === f)).map((f) => `领域“${f}”`),
  ];
  if (missing.length) throw programmeProblem('CALL_INVALID', `政策版本“${version!.version}”中已没有${missing.join('、')}，请先修改草稿再发布`);
}

async function writeItems(tx: Tx, callId: string, items: CallInput['guidelineItems']) {
  await tx.delete(guidelineItems).where(eq(guidelineItems.callId, callId));
  if (items.length === 0) return;
  await tx.insert(guidelineItems).values(
    items.map((it, i) => ({ id: randomUUID(), callId, code: it.code, title: it.title, description: it.description ?? '', fieldCode: it.fieldCode ?? null, bountyYuan: it.bountyYuan ?? null, sortOrder: i })),
  );
}

function callColumns(input: CallInput) {
  return {
    title: input.title,
    description: input.description ?? '',
    selectionMode: input.selectionMode,
    categoryCodes: input.categoryCodes,
    fieldCodes: input.fieldCodes,
    opensAt: new Date(input.opensAt),
    closesAt: new Date(input.closesAt),
    formSections: input.formSections,
    requiredAttachments: input.requiredAttachments,
    eligibility: input.eligibility,
    requiresRecommendation: input.requiresRecommendation ?? false,
    hasTopics: input.hasTopics ?? false,
  };
}

export async function createCall(db: Db, actor: Actor, roles: readonly Role[], input: CallInput) {
  const row = await db.transaction(async (tx) => {
    const { programme, version } = await resolveVersion(tx, input);
    const now = new Date();
    const row: CallRow = {
      id: randomUUID(),
      programmeId: programme.id,
      versionId: version.id,
      status: 'draft',
      ...callColumns(input),
      createdBy: actor.id,
      createdAt: now,
      updatedAt: now,
      publishedAt: null,
      closedAt: null,
      archivedAt: null,
      // The 形式审查 checklist starts from the defaults; officers change it under the call's 形式审查设置.
      formalReview: null,
    };
    await tx.insert(calls).values(row);
    await writeItems(tx, row.id, input.guidelineItems);
    await recordAudit(tx, actor, { action: 'call.create', entityType: 'call', entityId: row.id, detail: { title: input.title, programme: programme.code, version: version.version } });
    return row;
  });
  return (await present(db, [row], roles))[0]!;
}

export async function updateCall(db: Db, actor: Actor, roles: readonly Role[], id: string, input: CallInput) {
  const row = await db.transaction(async (tx) => {
    const [before] = await tx.select().from(calls).where(eq(calls.id, id)).for('update');
    if (!before) throw programmeProblem('CALL_NOT_FOUND');
    if (!isCallEditable(before.status as CallStatus)) throw programmeProblem('CALL_NOT_EDITABLE');
    const { programme, version } = await resolveVersion(tx, input);
    const [after] = await tx
      .update(calls)
      .set({ ...callColumns(input), programmeId: programme.id, versionId: version.id, updatedAt: new Date() })
      .where(eq(calls.id, id))
      .returning();
    await writeItems(tx, id, input.guidelineItems);
    const pick = (c: CallRow) => ({ title: c.title, selectionMode: c.selectionMode, categoryCodes: c.categoryCodes, fieldCodes: c.fieldCodes, opensAt: c.opensAt.toISOString(), closesAt: c.closesAt.toISOString(), versionId: c.versionId });
    await recordAudit(tx, actor, { action: 'call.update', entityType: 'call', entityId: id, changes: changedFields(pick(before), pick(after!)) });
    return after!;
  });
  return (await present(db, [row], roles))[0]!;
}

/** Applies one workflow event in one transaction with its audit event; publishing freezes the version. */
export async function transitionCall(db: Db, actor: Actor, roles: readonly Role[], id: string, event: CallEvent, now = new Date()) {
  const row = await db.transaction(async (tx) => {
    const [before] = await tx.select().from(calls).where(eq(calls.id, id)).for('update');
    if (!before) throw programmeProblem('CALL_NOT_FOUND');
    const result = callTransition(before.status as CallStatus, event, { now, opensAt: before.opensAt, closesAt: before.closesAt, categoryCount: before.categoryCodes.length });
    if (!result.ok) throw programmeProblem('CALL_TRANSITION_REFUSED', result.reason);
    if (result.to === 'published') await assertStillValid(tx, before);
    const stamp = { publish: { publishedAt: now }, close: { closedAt: now }, archive: { archivedAt: now } }[event as 'publish' | 'close' | 'archive'] ?? {};
    const [after] = await tx.update(calls).set({ status: result.to, ...stamp, updatedAt: now }).where(eq(calls.id, id)).returning();
    if (result.to === 'published') {
      await tx.update(programmeVersions).set({ frozenAt: now }).where(and(eq(programmeVersions.id, before.versionId), isNull(programmeVersions.frozenAt)));
    }
    await recordAudit(tx, actor, { action: `call.${event}`, entityType: 'call', entityId: id, changes: { status: { before: before.status, after: result.to } } });
    return after!;
  });
  return (await present(db, [row], roles))[0]!;
}

export async function readCall(db: Db, id: string, roles: readonly Role[] | null) {
  const [row] = await db.select().from(calls).where(eq(calls.id, id));
  // Drafts are the bureau's working papers: invisible to anyone who cannot manage calls.
  // A call never published (a draft, or a withdrawn draft) is the bureau's working paper.
  if (!row || (row.publishedAt === null && !(roles && hasPermission(roles, 'call.manage')))) throw programmeProblem('CALL_NOT_FOUND');
  return (await present(db, [row], roles))[0]!;
}

export interface CallFilter {
  status?: CallStatus | undefined;
  programme?: string | undefined;
  q?: string | undefined;
  selectionMode?: string | undefined;
  publicOnly: boolean;
}

export async function listCalls(db: Db, roles: readonly Role[] | null, filter: CallFilter) {
  const c: SQL[] = [];
  if (filter.q) c.push(ilike(calls.title, `%${filter.q.replace(/[\\%_]/g, (x) => `\\${x}`)}%`));
  if (filter.selectionMode) c.push(eq(calls.selectionMode, filter.selectionMode));
  if (filter.publicOnly) c.push(eq(calls.status, 'published'));
  else if (filter.status) c.push(eq(calls.status, filter.status));
  if (filter.programme) c.push(eq(calls.programmeId, (await findProgramme(db, filter.programme)).id));
  const rows = await db.select().from(calls).where(c.length ? and(...c) : undefined).orderBy(desc(calls.opensAt), asc(calls.id));
  return present(db, rows, roles);
}

/** Closes published calls whose window has ended (run periodically; the window itself is enforced by time anyway). */
export async function closeExpiredCalls(db: Db, actor: Actor, now = new Date()): Promise<number> {
  const due = await db.select({ id: calls.id }).from(calls).where(and(eq(calls.status, 'published'), lte(calls.closesAt, now)));
  for (const d of due) await transitionCall(db, actor, [], d.id, 'close', now);
  return due.length;
}

/** The call, programme, items and versions in one round trip, compiled once (db/compiled.ts). */
const callWithRules = compiledSelect('call_with_rules', (db) => {
  const items = sql<GuidelineItemRow[]>`coalesce((select json_agg(json_build_object('id', ${guidelineItems.id}, 'callId', ${guidelineItems.callId}, 'code', ${guidelineItems.code}, 'title', ${guidelineItems.title}, 'description', ${guidelineItems.description}, 'fieldCode', ${guidelineItems.fieldCode}, 'bountyYuan', ${guidelineItems.bountyYuan}, 'sortOrder', ${guidelineItems.sortOrder}) order by ${guidelineItems.sortOrder}) from ${guidelineItems} where ${guidelineItems.callId} = ${calls.id}), '[]'::json)`;
  const versions = sql<{ id: string; version: string; documentNo: string; effectiveFrom: string; parameters: unknown }[]>`coalesce((select json_agg(json_build_object('id', ${programmeVersions.id}, 'version', ${programmeVersions.version}, 'documentNo', ${programmeVersions.documentNo}, 'effectiveFrom', ${programmeVersions.effectiveFrom}, 'parameters', ${programmeVersions.parameters})) from ${programmeVersions} where ${programmeVersions.programmeId} = ${calls.programmeId}), '[]'::json)`;
  return db
    .select({ call: calls, programme: programmes, items, versions })
    .from(calls)
    .innerJoin(programmes, eq(programmes.id, calls.programmeId))
    .where(eq(calls.id, sql.placeholder('id')));
});

/**
 * A call as the applications context needs it: the row, its guideline items, its programme and the rule set
 * in force at `at` (BL-1: an application is judged by the version in force when it is submitted; the call's
 * own version when none is in force yet). Other contexts read calls through this, never the tables.
 */
export async function callForApplications(db: Tx, id: string, at: Date) {
  // One round trip, not four: every read, autosave and submission of an application needs this, so the items
  // and the programme's versions come as JSON aggregates beside the call and programme rows.
  const [row] = await callWithRules(db, { id });
  if (!row) throw programmeProblem('CALL_NOT_FOUND');
  const { call, programme } = row;
  const own = row.versions.find((v) => v.id === call.versionId)!;
  const asRuleSet = (v: typeof own) => ({ programmeCode: programme.code, version: v.version, documentNo: v.documentNo, effectiveFrom: v.effectiveFrom, parameters: v.parameters as RuleSetParameters });
  const inForce = ruleSetInForce({ versions: row.versions.map(asRuleSet) }, at) ?? asRuleSet(own);
  return { call, items: row.items, programme, ruleSet: inForce };
}
