/**
 * Who sees which application, decided per record: an applicant side sees its own organisation's; a 推荐单位
 * sees those of its regions that reached recommendation; an officer sees every one that has been submitted. Anything else
 * answers 404, so an application's existence is not disclosed to another organisation.
 */
import { and, eq, inArray, ne, or, sql, type SQL } from 'drizzle-orm';
import { hasPermission, type ApplicationState } from '@kechuang/domain';
import type { Tx } from '../../db/client.js';
import { compiledSelect } from '../../db/compiled.js';
import type { AuthContext } from '../../http/auth.js';
import { organisationsInRegions } from '../organisations/region-queries.js';
import { callsRequiringRecommendation } from '../programmes/call-queries.js';
import { applicationProblem } from './errors.js';
import { applications } from './schema.js';

export type ApplicationRow = typeof applications.$inferSelect;

/** States a 推荐单位 sees: from endorsement on (the state it acts on, and what followed). */
const RECOMMENDER_STATES: ApplicationState[] = ['endorsed', 'recommended', 'accepted', 'returned'];

/** The SQL condition of the rows the caller may see; null when it may see none. */
export function visibleTo(auth: AuthContext): SQL | null {
  const parts: SQL[] = [];
  if (hasPermission(auth.roles, 'application.review')) parts.push(ne(applications.state, 'draft'));
  if (hasPermission(auth.roles, 'application.apply') && auth.user.organisationId) parts.push(eq(applications.organisationId, auth.user.organisationId));
  const scope = recommenderScope(auth);
  if (scope) parts.push(scope);
  if (parts.length === 0) return null;
  return parts.length === 1 ? parts[0]! : or(...parts)!;
}

/**
 * What a 推荐单位 sees: applications of calls that ask for recommendation, from endorsement on, whose applicant
 * lies in the account's regions. None when the account has no region.
 */
export function recommenderScope(auth: AuthContext): SQL | null {
  if (!hasPermission(auth.roles, 'application.recommend')) return null;
  const orgs = organisationsInRegions(auth.user.recommenderRegions ?? []);
  if (!orgs) return null;
  return and(inArray(applications.state, RECOMMENDER_STATES), inArray(applications.callId, callsRequiringRecommendation()), inArray(applications.organisationId, orgs))!;
}

/**
 * An applicant's own application, the shape of nearly every request at the deadline: compiled once
 * (db/compiled.ts). The condition is the one visibleTo gives an account whose only scope is its organisation.
 */
const ownApplication = compiledSelect('application_of_organisation', (db) =>
  db.select().from(applications).where(and(eq(applications.id, sql.placeholder('id')), eq(applications.organisationId, sql.placeholder('organisationId')))),
);
const ownApplicationForUpdate = compiledSelect('application_of_organisation_for_update', (db) =>
  db.select().from(applications).where(and(eq(applications.id, sql.placeholder('id')), eq(applications.organisationId, sql.placeholder('organisationId')))).for('update', { of: applications }),
);

/** The caller sees applications of its own organisation and nothing else (no reviewer or recommender scope). */
export function onlyOwnOrganisation(auth: AuthContext): string | null {
  const org = auth.user.organisationId;
  if (!org || !hasPermission(auth.roles, 'application.apply') || hasPermission(auth.roles, 'application.review') || recommenderScope(auth)) return null;
  return org;
}

/** The row if the caller may see it, locked for update inside a transaction when asked; else 404. */
export async function visibleApplication(tx: Tx, auth: AuthContext, id: string, opts: { forUpdate?: boolean } = {}): Promise<ApplicationRow> {
  const own = onlyOwnOrganisation(auth);
  if (own) {
    const [row] = await (opts.forUpdate ? ownApplicationForUpdate : ownApplication)(tx, { id, organisationId: own });
    if (!row) throw applicationProblem('APPLICATION_NOT_FOUND');
    return row;
  }
  const cond = visibleTo(auth);
  if (!cond) throw applicationProblem('APPLICATION_NOT_FOUND');
  const q = tx.select().from(applications).where(and(eq(applications.id, id), cond));
  const [row] = opts.forUpdate ? await q.for('update', { of: applications }) : await q;
  if (!row) throw applicationProblem('APPLICATION_NOT_FOUND');
  return row;
}
