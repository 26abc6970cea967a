/** One application as the caller may see it (the list is queue.ts). */
import { and, eq, sql } from 'drizzle-orm';
import { withStoredAttachments, type ApplicationContent, type OrganisationType, type StoredAttachment } from '@kechuang/domain';
import type { Db } from '../../db/client.js';
import { compiledSelect } from '../../db/compiled.js';
import type { AuthContext } from '../../http/auth.js';
import { organisationLeadJson } from '../organisations/service.js';
import { onlyOwnOrganisation, visibleApplication, type ApplicationRow } from './access.js';
import { storedAttachments, workingSetJson } from './attachments.js';
import { loadCallContext, loadLead } from './call-context.js';
import { applicationProblem } from './errors.js';
import { presentDetail } from './present.js';
import { applications } from './schema.js';

/**
 * An applicant reading its own application (a fifth of the requests at a deadline): the row, its files and its
 * lead organisation in one round trip, one snapshot, compiled once (db/compiled.ts). Same condition as visibleApplication.
 */
const ownToRead = compiledSelect('application_of_organisation_to_read', (db) =>
  db
    .select({ row: applications, files: workingSetJson(applications.id), lead: organisationLeadJson(applications.organisationId) })
    .from(applications)
    .where(and(eq(applications.id, sql.placeholder('id')), eq(applications.organisationId, sql.placeholder('organisationId')))),
);

async function rowFilesLead(db: Db, auth: AuthContext, id: string) {
  const own = onlyOwnOrganisation(auth);
  if (!own) {
    const row = await visibleApplication(db, auth, id);
    const [lead, files] = await Promise.all([loadLead(db, row), storedAttachments(db, id)]);
    return { row, files: files as StoredAttachment[], lead };
  }
  const [found] = await ownToRead(db, { id, organisationId: own });
  // Not found and not visible are the same answer, as in visibleApplication.
  if (!found) throw applicationProblem('APPLICATION_NOT_FOUND');
  const org = found.lead;
  if (!org) throw new Error(`organisation ${found.row.organisationId} of an application is missing`);
  return { row: found.row as ApplicationRow, files: found.files, lead: { name: org.name, organisationType: org.type as OrganisationType, region: org.region, tiers: [], creditCode: org.creditCode } };
}

export async function readApplication(db: Db, auth: AuthContext, id: string, now = new Date()) {
  const { row, files, lead: found } = await rowFilesLead(db, auth, id);
  const [ctx, lead] = await Promise.all([loadCallContext(db, row.callId, now), found ?? loadLead(db, row)]);
  // The live checks see the files really uploaded (supplied attachment kinds), never a draft's claim.
  return presentDetail({ ...row, content: withStoredAttachments(row.content as ApplicationContent, files) }, ctx, auth, lead.name, lead, now);
}
