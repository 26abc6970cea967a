/** One application as the caller may see it, and the list of those it may see. */
import { and, count, desc, eq, type SQL } from 'drizzle-orm';
import { withStoredAttachments, type ApplicationContent, type ApplicationState } from '@kechuang/domain';
import type { Db } from '../../db/client.js';
import type { AuthContext } from '../../http/auth.js';
import { findOrganisation } from '../organisations/service.js';
import { visibleApplication, visibleTo } from './access.js';
import { storedAttachments } from './attachments.js';
import { loadCallContext, loadLead, type CallContext } from './call-context.js';
import { presentDetail, presentSummary } from './present.js';
import { applications } from './schema.js';

export async function readApplication(db: Db, auth: AuthContext, id: string, now = new Date()) {
  const row = await visibleApplication(db, auth, id);
  const [ctx, lead, files] = await Promise.all([loadCallContext(db, row.callId, now), loadLead(db, row), storedAttachments(db, id)]);
  // The live checks see the files really uploaded (supplied attachment kinds), never a draft's claim.
  return presentDetail({ ...row, content: withStoredAttachments(row.content as ApplicationContent, files) }, ctx, auth, lead.name, lead, now);
}

export interface ApplicationFilter {
  callId?: string | undefined;
  state?: ApplicationState | undefined;
  page: number;
  pageSize: number;
}

export async function listApplications(db: Db, auth: AuthContext, f: ApplicationFilter, now = new Date()) {
  const visible = visibleTo(auth);
  if (!visible) return { items: [], total: 0, page: f.page, pageSize: f.pageSize };
  const c: SQL[] = [visible];
  if (f.callId) c.push(eq(applications.callId, f.callId));
  if (f.state) c.push(eq(applications.state, f.state));
  const where = and(...c);
  const [rows, [total]] = await Promise.all([
    db.select().from(applications).where(where).orderBy(desc(applications.updatedAt), desc(applications.id)).limit(f.pageSize).offset((f.page - 1) * f.pageSize),
    db.select({ n: count() }).from(applications).where(where),
  ]);
  const calls = new Map<string, CallContext>();
  for (const id of new Set(rows.map((r) => r.callId))) calls.set(id, await loadCallContext(db, id, now));
  const orgNames = new Map<string, string | null>();
  for (const id of new Set(rows.map((r) => r.organisationId))) orgNames.set(id, (await findOrganisation(db, id))?.name ?? null);
  return { items: rows.map((r) => presentSummary(r, calls.get(r.callId)!, orgNames.get(r.organisationId) ?? null)), total: total?.n ?? 0, page: f.page, pageSize: f.pageSize };
}

