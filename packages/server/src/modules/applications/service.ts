/** Read-only views of applications for other contexts (review): they never import this context's tables. */
import { and, eq, inArray } from 'drizzle-orm';
import type { ApplicationContent } from '@kechuang/domain';
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
