/** Organisation profiles: creation at registration, the unit admin's edits, the bureau's list. */
import { randomUUID } from 'node:crypto';
import { and, asc, count, desc, eq, ilike, inArray, or, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import { changedFields, hasPermission, type OrganisationCreate, type OrganisationProfile } from '@kechuang/domain';
import type { Db, Tx } from '../../db/client.js';
import { compiledSelect, outerColumn } from '../../db/compiled.js';
import type { AuthContext } from '../../http/auth.js';
import { commonProblem } from '../../http/problem.js';
import { recordAudit, type Actor } from '../audit/record.js';
import { organisationProblem } from './errors.js';
import type { OrganisationRow } from './present.js';
import { organisations } from './schema.js';

/** Read with every application read and submission (its lead): compiled once (db/compiled.ts). */
const organisationById = compiledSelect('organisation_by_id', (db) => db.select().from(organisations).where(eq(organisations.id, sql.placeholder('id'))));

/**
 * Subquery for another context's read of one of its records: what an application's checks need of its lead
 * organisation, as JSON (null when missing), so that read takes one round trip, not two.
 */
export function organisationLeadJson(id: AnyColumn): SQL<{ name: string; type: string; region: string; creditCode: string } | null> {
  return sql`(select json_build_object('name', ${organisations.name}, 'type', ${organisations.type}, 'region', ${organisations.region}, 'creditCode', ${organisations.creditCode}) from ${organisations} where ${organisations.id} = ${outerColumn(id)})`;
}

export async function findOrganisation(db: Tx, id: string): Promise<OrganisationRow | null> {
  const [row] = await organisationById(db, { id });
  return row ?? null;
}

/** Id and name of each of the given organisations (for other contexts that show whose a record is). */
export async function organisationNames(db: Tx, ids: readonly string[]): Promise<{ id: string; name: string }[]> {
  if (!ids.length) return [];
  return db.select({ id: organisations.id, name: organisations.name }).from(organisations).where(inArray(organisations.id, [...ids]));
}

/** Name, type, region and credit code of each of the given organisations (queues, exports and statistics). */
export async function organisationProfiles(db: Tx, ids: readonly string[]): Promise<{ id: string; name: string; type: string; region: string; creditCode: string }[]> {
  if (!ids.length) return [];
  return db.select({ id: organisations.id, name: organisations.name, type: organisations.type, region: organisations.region, creditCode: organisations.creditCode }).from(organisations).where(inArray(organisations.id, [...ids]));
}

/** Subquery: ids of organisations whose name or 统一社会信用代码 contains the text (case-insensitive, literal). */
export function organisationsMatching(text: string): SQL {
  const like = `%${text.replace(/[\\%_]/g, (x) => `\\${x}`)}%`;
  return sql`(select ${organisations.id} from ${organisations} where ${or(ilike(organisations.name, like), ilike(organisations.creditCode, like))})`;
}

export async function findOrganisationByCreditCode(db: Tx, creditCode: string): Promise<OrganisationRow | null> {
  const [row] = await db.select().from(organisations).where(eq(organisations.creditCode, creditCode));
  return row ?? null;
}

export async function insertOrganisation(tx: Tx, actor: Actor, input: OrganisationCreate): Promise<OrganisationRow> {
  const now = new Date();
  const row: OrganisationRow = { id: randomUUID(), ...input, consortia: [], createdAt: now, updatedAt: now };
  await tx.insert(organisations).values(row);
  const { createdAt: _c, updatedAt: _u, ...fields } = row;
  await recordAudit(tx, actor, { action: 'organisation.create', entityType: 'organisation', entityId: row.id, changes: changedFields(null, fields) });
  return row;
}

/**
 * Record-level rule: bureau roles read every organisation; an organisation's own members read only theirs.
 * Someone else's organisation answers 404, so its existence is not disclosed either.
 */
export async function readableOrganisation(db: Db, auth: AuthContext, id: string): Promise<OrganisationRow> {
  const own = auth.user.organisationId === id;
  if (!own && !hasPermission(auth.roles, 'organisation.readAll')) throw organisationProblem('ORGANISATION_NOT_FOUND');
  const row = await findOrganisation(db, id);
  if (!row) throw organisationProblem('ORGANISATION_NOT_FOUND');
  return row;
}

/** Only the unit admin of this very organisation passes. */
export function assertOwnOrganisation(auth: AuthContext, id: string, permission: 'organisation.update' | 'organisation.members'): void {
  if (auth.user.organisationId !== id) throw organisationProblem('ORGANISATION_NOT_FOUND');
  if (!hasPermission(auth.roles, permission)) throw commonProblem('FORBIDDEN', '只有本单位的单位管理员可以执行此操作');
}

export async function updateOrganisationProfile(db: Db, auth: AuthContext, actor: Actor, id: string, input: OrganisationProfile): Promise<OrganisationRow> {
  assertOwnOrganisation(auth, id, 'organisation.update');
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(organisations).where(eq(organisations.id, id)).for('update');
    if (!before) throw organisationProblem('ORGANISATION_NOT_FOUND');
    const now = new Date();
    const [after] = await tx.update(organisations).set({ ...input, updatedAt: now }).where(eq(organisations.id, id)).returning();
    const pick = (o: OrganisationRow) => ({ name: o.name, type: o.type, region: o.region, industry: o.industry, address: o.address, contactName: o.contactName, contactPhone: o.contactPhone, contactEmail: o.contactEmail });
    await recordAudit(tx, actor, { action: 'organisation.update', entityType: 'organisation', entityId: id, changes: changedFields(pick(before), pick(after!)) });
    return after!;
  });
}

export interface OrganisationListQuery {
  page: number;
  pageSize: number;
  q?: string | undefined;
  type?: string | undefined;
  sort: 'name' | '-name' | 'createdAt' | '-createdAt';
}

export async function listOrganisations(db: Db, q: OrganisationListQuery) {
  const c: SQL[] = [];
  if (q.q) {
    const like = `%${q.q.replace(/[\\%_]/g, (x) => `\\${x}`)}%`;
    c.push(or(ilike(organisations.name, like), ilike(organisations.creditCode, like))!);
  }
  if (q.type) c.push(eq(organisations.type, q.type));
  const where = c.length ? and(...c) : undefined;
  const col = q.sort.endsWith('name') ? organisations.name : organisations.createdAt;
  const order = q.sort.startsWith('-') ? desc(col) : asc(col);
  const [rows, [total]] = await Promise.all([
    db.select().from(organisations).where(where).orderBy(order, asc(organisations.id)).limit(q.pageSize).offset((q.page - 1) * q.pageSize),
    db.select({ n: count() }).from(organisations).where(where),
  ]);
  return { rows, total: total?.n ?? 0 };
}

/** Organisations registered under any of the given credit codes, with their innovation consortia (回避). */
export async function consortiaByCreditCodes(db: Tx, creditCodes: readonly string[]): Promise<{ creditCode: string; name: string; consortia: string[] }[]> {
  if (!creditCodes.length) return [];
  return db.select({ creditCode: organisations.creditCode, name: organisations.name, consortia: organisations.consortia }).from(organisations).where(inArray(organisations.creditCode, [...creditCodes]));
}

/** Every organisation that belongs to at least one consortium (a district has few; cheaper than listing codes). */
export async function organisationsInConsortia(db: Tx): Promise<{ id: string; creditCode: string; name: string; consortia: string[] }[]> {
  return db.select({ id: organisations.id, creditCode: organisations.creditCode, name: organisations.name, consortia: organisations.consortia }).from(organisations).where(sql`cardinality(${organisations.consortia}) > 0`);
}

/** Officers keep an organisation's innovation consortia (创新联合体) — the record the 回避 consortium rule reads. */
export async function setOrganisationConsortia(db: Db, actor: Actor, id: string, consortia: readonly string[]): Promise<OrganisationRow> {
  const next = [...new Set(consortia.map((c) => c.trim()).filter(Boolean))];
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(organisations).where(eq(organisations.id, id)).for('update');
    if (!before) throw organisationProblem('ORGANISATION_NOT_FOUND');
    const [after] = await tx.update(organisations).set({ consortia: next, updatedAt: new Date() }).where(eq(organisations.id, id)).returning();
    await recordAudit(tx, actor, { action: 'organisation.consortia', entityType: 'organisation', entityId: id, changes: { consortia: { before: before.consortia, after: next } } });
    return after!;
  });
}
