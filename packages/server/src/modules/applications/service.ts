/** Read-only views of applications for other contexts (review): they never import this context's tables. */
import type { ApplicationContent } from '@kechuang/domain';
import { and, eq, gte, inArray, isNotNull, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import type { AuthContext } from '../../http/auth.js';
import { onlyOwnOrganisation } from './access.js';
import { applicationProblem } from './errors.js';
import { maskContent } from './present.js';
import { applicationAttachments, applications, applicationVersions } from './schema.js';

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

/**
 * The application when the caller is on the applicant side and it belongs to the caller's own organisation
 * (reverse evaluation of reviewers, P315-5); 404 otherwise, so another organisation's application is not disclosed.
 */
export async function ownOrganisationApplication(db: Tx, auth: AuthContext, id: string): Promise<ApplicationSummary> {
  const org = onlyOwnOrganisation(auth);
  if (!org) throw applicationProblem('APPLICATION_NOT_FOUND');
  const [row] = await db.select(summaryColumns).from(applications).where(and(eq(applications.id, id), eq(applications.organisationId, org)));
  if (!row) throw applicationProblem('APPLICATION_NOT_FOUND');
  return row;
}

/**
 * The submitted (frozen) version of an application as a reviewer reads it: content with personal identifiers
 * masked, and the files that version froze. Review checks the reader's assignment before calling this.
 */
export async function submittedApplicationForReview(db: Tx, id: string) {
  const [app] = await db.select(summaryColumns).from(applications).where(eq(applications.id, id));
  if (!app) return null;
  const version = app.submittedVersion;
  const [row] = version === null ? [] : await db.select({ content: applicationVersions.content }).from(applicationVersions).where(and(eq(applicationVersions.applicationId, id), eq(applicationVersions.version, version)));
  const content = maskContent((row?.content ?? app.content ?? {}) as ApplicationContent);
  // The frozen version lists its files as withStoredAttachments wrote them (slot, fileId, sizeBytes …).
  const frozen = (content as { attachments?: { slot: string; fileId: string; fileName: string; contentType: string; sizeBytes: number }[] }).attachments ?? [];
  const attachments = frozen.map((a) => ({ id: a.fileId, kind: a.slot, fileName: a.fileName, size: a.sizeBytes, contentType: a.contentType }));
  return { applicationNo: app.applicationNo, categoryCode: app.categoryCode, submittedVersion: version, content, attachments };
}

/** One file of the submitted version (its bytes), or null when that version did not freeze it. */
export async function submittedAttachmentFile(db: Tx, id: string, attachmentId: string) {
  const read = await submittedApplicationForReview(db, id);
  if (!read || !read.attachments.some((a) => a.id === attachmentId)) return null;
  const [file] = await db.select().from(applicationAttachments).where(and(eq(applicationAttachments.id, attachmentId), eq(applicationAttachments.applicationId, id)));
  return file ?? null;
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
