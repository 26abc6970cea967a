/** Read-only views of applications for other contexts (review): they never import this context's tables. */
import { and, eq, gte, inArray, isNotNull, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { applications } from './schema.js';

export type ApplicationSummary = Pick<typeof applications.$inferSelect, 'id' | 'applicationNo' | 'callId' | 'guidelineItemId' | 'categoryCode' | 'organisationId' | 'state' | 'content' | 'submittedVersion' | 'submittedAt'>;

const summaryColumns = {
  id: applications.id,
  applicationNo: applications.applicationNo,
  callId: applications.callId,
  guidelineItemId: applications.guidelineItemId,
  categoryCode: applications.categoryCode,
  organisationId: applications.organisationId,
  state: applications.state,
  content: applications.content,
  submittedVersion: applications.submittedVersion,
  submittedAt: applications.submittedAt,
};

/** The call's accepted (受理) applications: the input of its review round. */
export async function acceptedApplicationsOf(db: Tx, callId: string): Promise<ApplicationSummary[]> {
  return db.select(summaryColumns).from(applications).where(and(eq(applications.callId, callId), eq(applications.state, 'accepted'))).orderBy(applications.applicationNo);
}

export async function applicationsByIds(db: Tx, ids: readonly string[]): Promise<ApplicationSummary[]> {
  if (ids.length === 0) return [];
  return db.select(summaryColumns).from(applications).where(inArray(applications.id, [...ids])).orderBy(applications.applicationNo);
}

/** What the 回避 co-membership rule reads of an earlier application: who led it, who was on it, with whom. */
export interface SubmittedApplicationPeople {
  id: string;
  applicationNo: string;
  organisationId: string;
  submittedAt: Date;
  leaderId: string | null;
  leaderName: string;
  memberNames: string[];
  partners: { creditCode: string; name: string }[];
}

/**
 * Every application submitted at or after `since` (any call, any state after submission): leaders' ID numbers,
 * member names and partners, taken out of the content in SQL so the rest of the content stays in the database.
 */
export async function submittedApplicationsSince(db: Tx, since: Date): Promise<SubmittedApplicationPeople[]> {
  const rows = await db
    .select({
      id: applications.id,
      applicationNo: applications.applicationNo,
      organisationId: applications.organisationId,
      submittedAt: applications.submittedAt,
      leaderId: sql<string | null>`${applications.content} #>> '{team,leader,idNumber}'`,
      leaderName: sql<string | null>`${applications.content} #>> '{team,leader,name}'`,
      members: sql<unknown>`${applications.content} #> '{team,members}'`,
      partners: sql<unknown>`${applications.content} -> 'partners'`,
    })
    .from(applications)
    .where(and(isNotNull(applications.submittedAt), gte(applications.submittedAt, since)));
  const list = <T>(v: unknown): T[] => (Array.isArray(v) ? (v as T[]) : []);
  return rows.map((r) => ({
    id: r.id,
    applicationNo: r.applicationNo,
    organisationId: r.organisationId,
    submittedAt: r.submittedAt!,
    leaderId: r.leaderId || null,
    leaderName: r.leaderName ?? '',
    memberNames: list<{ name?: unknown }>(r.members).map((m) => (typeof m?.name === 'string' ? m.name : '')).filter(Boolean),
    partners: list<{ creditCode?: unknown; name?: unknown }>(r.partners).map((p) => ({ creditCode: typeof p?.creditCode === 'string' ? p.creditCode : '', name: typeof p?.name === 'string' ? p.name : '' })),
  }));
}
