/** Programmes and their rule-set versions: policy as effective-dated data that officers maintain. */
import { randomUUID } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import { changedFields, diffParameters, ruleSetInForce, shanghaiDate, type CategoryRule, type FieldRule, type ProgrammeDefinition, type RuleSetParameters, type RuleSetVersion } from '@kechuang/domain';
import type { Db, Tx } from '../../db/client.js';
import { recordAudit, type Actor } from '../audit/record.js';
import { uniqueViolation } from '../../db/errors.js';
import { programmeProblem } from './errors.js';
import { programmes, programmeVersions } from './schema.js';

export type ProgrammeRow = typeof programmes.$inferSelect;
export type VersionRow = typeof programmeVersions.$inferSelect;

export function toRuleSetVersion(programmeCode: string, v: VersionRow): RuleSetVersion {
  return { programmeCode, version: v.version, documentNo: v.documentNo, effectiveFrom: v.effectiveFrom, parameters: v.parameters as RuleSetParameters };
}

export function presentVersion(v: VersionRow) {
  return {
    id: v.id,
    version: v.version,
    documentNo: v.documentNo,
    effectiveFrom: v.effectiveFrom,
    parameters: v.parameters as RuleSetParameters,
    frozen: v.frozenAt !== null,
    frozenAt: v.frozenAt?.toISOString() ?? null,
    createdAt: v.createdAt.toISOString(),
    updatedAt: v.updatedAt.toISOString(),
  };
}

export async function findProgramme(db: Tx, code: string): Promise<ProgrammeRow> {
  const [p] = await db.select().from(programmes).where(eq(programmes.code, code));
  if (!p) throw programmeProblem('PROGRAMME_NOT_FOUND', `没有代码为“${code}”的计划`);
  return p;
}

export async function versionsOf(db: Tx, programmeId: string): Promise<VersionRow[]> {
  return db.select().from(programmeVersions).where(eq(programmeVersions.programmeId, programmeId)).orderBy(asc(programmeVersions.effectiveFrom));
}

export async function findVersion(db: Tx, programmeId: string, versionId: string): Promise<VersionRow> {
  const [v] = await db.select().from(programmeVersions).where(and(eq(programmeVersions.id, versionId), eq(programmeVersions.programmeId, programmeId)));
  if (!v) throw programmeProblem('VERSION_NOT_FOUND');
  return v;
}

/** The version in force at an instant (BL-1), as a row. */
export async function versionInForce(db: Tx, programme: ProgrammeRow, at: Date | string): Promise<VersionRow> {
  const rows = await versionsOf(db, programme.id);
  const chosen = ruleSetInForce({ versions: rows.map((r) => toRuleSetVersion(programme.code, r)) }, at);
  const row = chosen && rows.find((r) => r.version === chosen.version);
  if (!row) throw programmeProblem('NO_VERSION_IN_FORCE', `“${programme.name}”在 ${typeof at === 'string' ? at : at.toISOString()} 没有生效的政策版本`);
  return row;
}

export async function listProgrammes(db: Db, now = new Date()) {
  const [rows, allVersions] = await Promise.all([
    db.select().from(programmes).orderBy(asc(programmes.code)),
    db.select().from(programmeVersions).orderBy(asc(programmeVersions.effectiveFrom)),
  ]);
  const out = [];
  for (const p of rows) {
    const versions = allVersions.filter((v) => v.programmeId === p.id);
    const current = ruleSetInForce({ versions: versions.map((v) => toRuleSetVersion(p.code, v)) }, now);
    const row = current ? versions.find((v) => v.version === current.version) : undefined;
    out.push({ ...presentProgramme(p), versionCount: versions.length, currentVersion: row ? presentVersion(row) : null });
  }
  return out;
}

export function presentProgramme(p: ProgrammeRow) {
  return { id: p.id, code: p.code, name: p.name, issuer: p.issuer, description: p.description, createdAt: p.createdAt.toISOString(), updatedAt: p.updatedAt.toISOString() };
}

export async function readProgramme(db: Db, code: string, now = new Date()) {
  const p = await findProgramme(db, code);
  const versions = await versionsOf(db, p.id);
  const current = ruleSetInForce({ versions: versions.map((v) => toRuleSetVersion(p.code, v)) }, now);
  return { ...presentProgramme(p), currentVersionId: versions.find((v) => v.version === current?.version)?.id ?? null, versions: versions.map(presentVersion) };
}

export async function createProgramme(db: Db, actor: Actor, input: { code: string; name: string; issuer: string; description: string }) {
  try {
    return await db.transaction(async (tx) => {
      const now = new Date();
      const row: ProgrammeRow = { id: randomUUID(), ...input, createdAt: now, updatedAt: now };
      await tx.insert(programmes).values(row);
      await recordAudit(tx, actor, { action: 'programme.create', entityType: 'programme', entityId: row.id, changes: changedFields(null, input) });
      return presentProgramme(row);
    });
  } catch (e) {
    if (uniqueViolation(e)) throw programmeProblem('PROGRAMME_EXISTS', `计划代码“${input.code}”已存在`, [{ field: 'code', message: '该代码已被使用' }]);
    throw e;
  }
}

export async function updateProgramme(db: Db, actor: Actor, code: string, input: { name: string; issuer: string; description: string }) {
  return db.transaction(async (tx) => {
    const before = await findProgramme(tx, code);
    const [after] = await tx.update(programmes).set({ ...input, updatedAt: new Date() }).where(eq(programmes.id, before.id)).returning();
    const pick = (p: ProgrammeRow) => ({ name: p.name, issuer: p.issuer, description: p.description });
    await recordAudit(tx, actor, { action: 'programme.update', entityType: 'programme', entityId: before.id, changes: changedFields(pick(before), pick(after!)) });
    return presentProgramme(after!);
  });
}

/**
 * BL-1: a version may only take effect in the future, and after every frozen version, so adding or moving one
 * never changes which rules governed a day that has begun or a call already published.
 */
async function assertEffectiveDateAllowed(tx: Tx, programmeId: string, effectiveFrom: string, exceptVersionId?: string): Promise<void> {
  const today = shanghaiDate(new Date());
  const latestFrozen = (await versionsOf(tx, programmeId)).filter((v) => v.frozenAt && v.id !== exceptVersionId).map((v) => v.effectiveFrom).sort().at(-1);
  const message =
    effectiveFrom <= today
      ? `生效日期须晚于今天（${today}）：政策版本不能追溯生效`
      : latestFrozen && effectiveFrom <= latestFrozen
        ? `生效日期须晚于已被发布指南使用的版本的生效日期（${latestFrozen}）`
        : null;
  if (message) throw programmeProblem('VERSION_BACKDATED', message, [{ field: 'effectiveFrom', message }]);
}

export async function createVersion(db: Db, actor: Actor, code: string, input: { version: string; documentNo: string; effectiveFrom: string; parameters: RuleSetParameters }) {
  try {
    return await db.transaction(async (tx) => {
      const p = await findProgramme(tx, code);
      await assertEffectiveDateAllowed(tx, p.id, input.effectiveFrom);
      const now = new Date();
      const row: VersionRow = { id: randomUUID(), programmeId: p.id, ...input, frozenAt: null, createdAt: now, updatedAt: now };
      await tx.insert(programmeVersions).values(row);
      await recordAudit(tx, actor, {
        action: 'programme.createVersion',
        entityType: 'programmeVersion',
        entityId: row.id,
        detail: { programme: code, version: input.version, documentNo: input.documentNo, effectiveFrom: input.effectiveFrom },
      });
      return presentVersion(row);
    });
  } catch (e) {
    if (uniqueViolation(e)) throw programmeProblem('VERSION_EXISTS', '该计划已有相同版本号或相同生效日期的版本', [{ field: 'version', message: '版本号或生效日期重复' }]);
    throw e;
  }
}

/** Every change to a version goes through here: refused once frozen, audited as a parameter diff. */
async function changeVersion(
  db: Db,
  actor: Actor,
  code: string,
  versionId: string,
  change: (v: VersionRow) => { documentNo?: string; effectiveFrom?: string; parameters: RuleSetParameters },
) {
  try {
    return await db.transaction(async (tx) => {
      const p = await findProgramme(tx, code);
      const [before] = await tx.select().from(programmeVersions).where(and(eq(programmeVersions.id, versionId), eq(programmeVersions.programmeId, p.id))).for('update');
      if (!before) throw programmeProblem('VERSION_NOT_FOUND');
      if (before.frozenAt) throw programmeProblem('VERSION_FROZEN', `版本“${before.version}”已被发布的申报指南使用，规则已冻结。如需调整，请新建一个版本并设定生效日期。`);
      const next = change(before);
      if (next.effectiveFrom !== undefined && next.effectiveFrom !== before.effectiveFrom) await assertEffectiveDateAllowed(tx, p.id, next.effectiveFrom, before.id);
      const [after] = await tx.update(programmeVersions).set({ ...next, updatedAt: new Date() }).where(eq(programmeVersions.id, before.id)).returning();
      const diff = diffParameters(before.parameters as RuleSetParameters, next.parameters);
      await recordAudit(tx, actor, {
        action: 'programme.updateVersion',
        entityType: 'programmeVersion',
        entityId: before.id,
        changes: changedFields({ documentNo: before.documentNo, effectiveFrom: before.effectiveFrom }, { documentNo: after!.documentNo, effectiveFrom: after!.effectiveFrom }),
        detail: { parameters: diff.map((d) => ({ path: d.path, label: d.label })) },
      });
      return presentVersion(after!);
    });
  } catch (e) {
    if (uniqueViolation(e)) throw programmeProblem('VERSION_EXISTS', '该计划已有相同生效日期的版本', [{ field: 'effectiveFrom', message: '生效日期重复' }]);
    throw e;
  }
}

export function updateVersion(db: Db, actor: Actor, code: string, versionId: string, input: { documentNo: string; effectiveFrom: string; parameters: RuleSetParameters }) {
  return changeVersion(db, actor, code, versionId, () => input);
}

export function upsertCategory(db: Db, actor: Actor, code: string, versionId: string, category: CategoryRule) {
  return changeVersion(db, actor, code, versionId, (v) => {
    const params = v.parameters as RuleSetParameters;
    const exists = params.categories.some((c) => c.code === category.code);
    const categories = exists ? params.categories.map((c) => (c.code === category.code ? category : c)) : [...params.categories, category];
    return { parameters: { ...params, categories } };
  });
}

export function deleteCategory(db: Db, actor: Actor, code: string, versionId: string, categoryCode: string) {
  return changeVersion(db, actor, code, versionId, (v) => {
    const params = v.parameters as RuleSetParameters;
    if (!params.categories.some((c) => c.code === categoryCode)) throw programmeProblem('CATEGORY_NOT_FOUND');
    return { parameters: { ...params, categories: params.categories.filter((c) => c.code !== categoryCode) } };
  });
}

export function upsertField(db: Db, actor: Actor, code: string, versionId: string, field: FieldRule) {
  return changeVersion(db, actor, code, versionId, (v) => {
    const params = v.parameters as RuleSetParameters;
    const exists = params.fields.some((f) => f.code === field.code);
    const fields = exists ? params.fields.map((f) => (f.code === field.code ? field : f)) : [...params.fields, field];
    return { parameters: { ...params, fields } };
  });
}

export function deleteField(db: Db, actor: Actor, code: string, versionId: string, fieldCode: string) {
  return changeVersion(db, actor, code, versionId, (v) => {
    const params = v.parameters as RuleSetParameters;
    if (!params.fields.some((f) => f.code === fieldCode)) throw programmeProblem('FIELD_NOT_FOUND');
    return { parameters: { ...params, fields: params.fields.filter((f) => f.code !== fieldCode) } };
  });
}

export async function versionDiff(db: Db, code: string, versionId: string, againstId: string) {
  const p = await findProgramme(db, code);
  const [a, b] = await Promise.all([findVersion(db, p.id, againstId), findVersion(db, p.id, versionId)]);
  return { from: presentVersion(a), to: presentVersion(b), changes: diffParameters(a.parameters as RuleSetParameters, b.parameters as RuleSetParameters) };
}

/** Seeds the policy programmes from their documents; idempotent per programme code and version. */
export async function seedProgrammeDefinitions(tx: Tx, actor: Actor, definitions: readonly ProgrammeDefinition[]): Promise<number> {
  let added = 0;
  for (const def of definitions) {
    let [p] = await tx.select().from(programmes).where(eq(programmes.code, def.code));
    if (!p) {
      const now = new Date();
      p = { id: randomUUID(), code: def.code, name: def.name, issuer: def.issuer, description: def.description, createdAt: now, updatedAt: now };
      await tx.insert(programmes).values(p);
      await recordAudit(tx, actor, { action: 'programme.create', entityType: 'programme', entityId: p.id, detail: { code: def.code, name: def.name } });
      added++;
    }
    const existing = new Set((await versionsOf(tx, p.id)).map((v) => v.version));
    for (const v of def.versions) {
      if (existing.has(v.version)) continue;
      const id = randomUUID();
      await tx.insert(programmeVersions).values({ id, programmeId: p.id, version: v.version, documentNo: v.documentNo, effectiveFrom: v.effectiveFrom, parameters: v.parameters });
      await recordAudit(tx, actor, { action: 'programme.createVersion', entityType: 'programmeVersion', entityId: id, detail: { programme: def.code, version: v.version, documentNo: v.documentNo, effectiveFrom: v.effectiveFrom } });
      added++;
    }
  }
  return added;
}

/** Field (领域) names by code over every version of the programme, the latest version's name winning (review lists). */
export async function fieldNamesOf(db: Tx, programmeId: string): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  for (const v of await versionsOf(db, programmeId)) {
    for (const f of ((v.parameters ?? {}) as { fields?: { code: string; name: string }[] }).fields ?? []) names.set(f.code, f.name);
  }
  return names;
}
