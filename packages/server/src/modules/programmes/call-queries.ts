/**
 * Read-only views of calls for other contexts' queries (applications filters by them): they reach calls through
 * programmes, never by importing its tables, so the schema stays this context's to change.
 */
import { and, eq, gt, inArray, min, sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { calls, guidelineItems, programmes, programmeVersions } from './schema.js';

/** Subquery: ids of calls whose applications pass a 推荐单位 before the bureau. */
export function callsRequiringRecommendation(): SQL {
  return sql`(select ${calls.id} from ${calls} where ${calls.requiresRecommendation})`;
}

/** Subquery: ids of calls that take applications without a recommendation. */
export function callsWithoutRecommendation(): SQL {
  return sql`(select ${calls.id} from ${calls} where not ${calls.requiresRecommendation})`;
}

/** Subquery: ids of guideline items with this code (codes repeat across calls; the caller filters by call too). */
export function guidelineItemsWithCode(code: string): SQL {
  return sql`(select ${guidelineItems.id} from ${guidelineItems} where ${guidelineItems.code} = ${code})`;
}

/** Subquery: ids of published calls. */
export function publishedCalls(): SQL {
  return sql`(select ${calls.id} from ${calls} where ${calls.status} = 'published')`;
}

/** The earliest close after `now` among the given calls (a subquery of ids), or null. */
export async function earliestCloseAfter(db: Tx, callIds: SQL, now: Date): Promise<Date | null> {
  const [r] = await db.select({ at: min(calls.closesAt) }).from(calls).where(and(inArray(calls.id, callIds), gt(calls.closesAt, now)));
  return r?.at ?? null;
}

/** Subquery: ids of the programme's calls (a leader's concurrent projects are counted within a programme). */
export function callsOfProgramme(programmeId: string): SQL {
  return sql`(select ${calls.id} from ${calls} where ${calls.programmeId} = ${programmeId})`;
}

/** A call's title, programme code and dates, for the review context's rounds. */
export async function callSummaries(db: Tx, ids: readonly string[]): Promise<Map<string, { id: string; title: string; programmeId: string; programmeCode: string; status: string; closesAt: Date; fieldCodes: string[]; categoryCodes: string[] }>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: calls.id, title: calls.title, programmeId: calls.programmeId, programmeCode: programmes.code, status: calls.status, closesAt: calls.closesAt, fieldCodes: calls.fieldCodes, categoryCodes: calls.categoryCodes })
    .from(calls)
    .innerJoin(programmes, eq(programmes.id, calls.programmeId))
    .where(inArray(calls.id, [...ids]));
  return new Map(rows.map((r) => [r.id, r]));
}

/** The names of a call's categories (领军/强链/育成 …) by code, from the rule-set version the call was published under. */
export async function callCategoryLabels(db: Tx, callId: string): Promise<Map<string, string>> {
  const [row] = await db.select({ parameters: programmeVersions.parameters }).from(calls).innerJoin(programmeVersions, eq(programmeVersions.id, calls.versionId)).where(eq(calls.id, callId));
  const categories = ((row?.parameters ?? {}) as { categories?: { code: string; name: string }[] }).categories ?? [];
  return new Map(categories.map((c) => [c.code, c.name]));
}

/** The rule-set version a call was published under, and its parameters (a project keeps them: BL-1). */
export async function callRuleVersion(db: Tx, callId: string): Promise<{ versionId: string; parameters: unknown } | null> {
  const [row] = await db.select({ versionId: calls.versionId, parameters: programmeVersions.parameters }).from(calls).innerJoin(programmeVersions, eq(programmeVersions.id, calls.versionId)).where(eq(calls.id, callId));
  return row ?? null;
}

/** A rule-set version's parameters by id. */
export async function ruleVersionParameters(db: Tx, versionId: string): Promise<unknown> {
  const [row] = await db.select({ parameters: programmeVersions.parameters }).from(programmeVersions).where(eq(programmeVersions.id, versionId));
  return row?.parameters ?? null;
}
