/** One application as the caller may see it (the list is queue.ts). */
import { withStoredAttachments, type ApplicationContent } from '@kechuang/domain';
import type { Db } from '../../db/client.js';
import type { AuthContext } from '../../http/auth.js';
import { visibleApplication } from './access.js';
import { storedAttachments } from './attachments.js';
import { loadCallContext, loadLead } from './call-context.js';
import { presentDetail } from './present.js';

export async function readApplication(db: Db, auth: AuthContext, id: string, now = new Date()) {
  const row = await visibleApplication(db, auth, id);
  const [ctx, lead, files] = await Promise.all([loadCallContext(db, row.callId, now), loadLead(db, row), storedAttachments(db, id)]);
  // The live checks see the files really uploaded (supplied attachment kinds), never a draft's claim.
  return presentDetail({ ...row, content: withStoredAttachments(row.content as ApplicationContent, files) }, ctx, auth, lead.name, lead, now);
}
