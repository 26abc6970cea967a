/**
 * The expert pool's shared reads: a row as the officer sees it (masked ID number, its login, rating and workload
 * aggregates), a row as the expert sees it, the programme taxonomy the fields are checked against, and the checks
 * every write repeats (unknown field codes, a resident ID already in the pool).
 */
import { and, count, eq, inArray, ne, sql, sum } from 'drizzle-orm';
import {
  averageCentiOfSum,
  fieldTaxonomy,
  maskedExpertId,
  maskResidentId,
  unknownFieldProblems,
  type DeclaredConflict,
  type Expert,
  type ExpertSelf,
  type ExpertStatus,
  type TaxonomyField,
} from '@kechuang/domain';
import type { Tx } from '../../../db/client.js';
import { userSummaries } from '../../accounts/service.js';
import { listProgrammes } from '../../programmes/service.js';
import { reviewProblem } from '../errors.js';
import { experts, reviewAssignments, reviewRounds } from '../schema.js';
import { expertRatings } from './schema.js';

export type ExpertRow = typeof experts.$inferSelect;

/** Stages in which an assignment is still being worked on (分配、评审); later ones count as closed. */
export const OPEN_STAGES = ['assigning', 'scoring'] as const;

/** The union of the fields of every programme's rule set in force today (the taxonomy experts are filed under). */
export async function currentTaxonomy(db: Tx, now = new Date()): Promise<TaxonomyField[]> {
  const programmes = await listProgrammes(db as Parameters<typeof listProgrammes>[0], now);
  return fieldTaxonomy(programmes.flatMap((p) => (p.currentVersion ? [{ programmeName: p.name, fields: p.currentVersion.parameters.fields }] : [])));
}

export async function assertKnownFields(db: Tx, fields: readonly string[]): Promise<void> {
  const problems = unknownFieldProblems(fields, await currentTaxonomy(db));
  if (problems.length) throw reviewProblem('EXPERT_INVALID', problems.map((p) => p.message).join('；'), problems);
}

export async function assertIdNumberFree(db: Tx, idNumber: string, exceptId?: string): Promise<void> {
  const [taken] = await db.select({ id: experts.id }).from(experts).where(exceptId ? and(eq(experts.idNumber, idNumber), ne(experts.id, exceptId)) : eq(experts.idNumber, idNumber));
  if (taken) throw reviewProblem('EXPERT_ID_NUMBER_TAKEN', `身份证号码 ${maskResidentId(idNumber)} 已在专家库中`, [{ field: 'idNumber', message: '该身份证号码已在专家库中' }]);
}

export async function findExpert(db: Tx, id: string, opts: { forUpdate?: boolean } = {}): Promise<ExpertRow> {
  const q = db.select().from(experts).where(eq(experts.id, id));
  const [row] = opts.forUpdate ? await q.for('update') : await q;
  if (!row) throw reviewProblem('EXPERT_NOT_FOUND');
  return row;
}

/**
 * Declarations as stored: the expert and the officers managing the pool edit them, so a declared person's ID number
 * must round-trip; the audit trail keeps it masked (maskedConflicts).
 */
function presentConflicts(list: unknown): DeclaredConflict[] {
  return (list ?? []) as DeclaredConflict[];
}

function maskedConflicts(list: unknown): DeclaredConflict[] {
  return ((list ?? []) as DeclaredConflict[]).map((d) => (d.kind === 'person' ? { ...d, idNumber: d.idNumber ? maskResidentId(d.idNumber) : '' } : d));
}

export function presentSelf(r: ExpertRow): ExpertSelf {
  return {
    id: r.id,
    name: r.name,
    idNumberMasked: maskedExpertId(r.idNumber),
    title: r.title,
    organisationName: r.organisationName,
    organisationCreditCode: r.organisationCreditCode,
    region: r.region,
    fields: r.fields,
    keywords: r.keywords,
    consortia: r.consortia,
    available: r.available,
    declaredConflicts: presentConflicts(r.declaredConflicts),
    status: r.status as ExpertStatus,
    updatedAt: r.updatedAt.toISOString(),
  };
}

/** What an audit event keeps of a profile: the ID number masked, declared people masked. */
export function auditedProfile(r: Pick<ExpertRow, 'name' | 'idNumber' | 'title' | 'organisationName' | 'organisationCreditCode' | 'region' | 'fields' | 'keywords' | 'consortia' | 'available' | 'declaredConflicts' | 'phone' | 'email'>) {
  return {
    name: r.name,
    idNumber: maskedExpertId(r.idNumber),
    title: r.title,
    organisationName: r.organisationName,
    organisationCreditCode: r.organisationCreditCode,
    region: r.region,
    fields: r.fields,
    keywords: r.keywords,
    consortia: r.consortia,
    available: r.available,
    declaredConflicts: maskedConflicts(r.declaredConflicts),
    phone: r.phone,
    email: r.email,
  };
}

/** Officer rows with their login, rating aggregate and workload, in three grouped queries (never one per row). */
export async function presentExperts(db: Tx, rows: ExpertRow[]): Promise<Expert[]> {
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const [ratings, loads, logins] = await Promise.all([
    db.select({ expertId: expertRatings.expertId, total: sum(expertRatings.score).mapWith(Number), n: count() }).from(expertRatings).where(inArray(expertRatings.expertId, ids)).groupBy(expertRatings.expertId),
    db
      .select({
        expertId: reviewAssignments.expertId,
        n: count(),
        open: sql<number>`count(*) filter (where ${reviewRounds.stage} in ${OPEN_STAGES})`.mapWith(Number),
      })
      .from(reviewAssignments)
      .innerJoin(reviewRounds, eq(reviewRounds.id, reviewAssignments.roundId))
      .where(and(inArray(reviewAssignments.expertId, ids), eq(reviewAssignments.status, 'active')))
      .groupBy(reviewAssignments.expertId),
    userSummaries(db, rows.flatMap((r) => (r.userId ? [r.userId] : []))),
  ]);
  const rating = new Map(ratings.map((x) => [x.expertId, x]));
  const load = new Map(loads.map((x) => [x.expertId, x]));
  const login = new Map(logins.map((u) => [u.id, u.username]));
  return rows.map((r) => ({
    ...presentSelf(r),
    phone: r.phone,
    email: r.email,
    userId: r.userId,
    username: r.userId ? (login.get(r.userId) ?? null) : null,
    suspendedReason: r.status === 'suspended' ? r.statusReason : null,
    ratingCenti: averageCentiOfSum(rating.get(r.id)?.total ?? 0, rating.get(r.id)?.n ?? 0),
    ratingCount: rating.get(r.id)?.n ?? 0,
    assignments: load.get(r.id)?.n ?? 0,
    openAssignments: load.get(r.id)?.open ?? 0,
    createdAt: r.createdAt.toISOString(),
  }));
}

export async function presentExpert(db: Tx, row: ExpertRow): Promise<Expert> {
  const [out] = await presentExperts(db, [row]);
  return out!;
}
