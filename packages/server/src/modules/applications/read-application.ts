/** One application as the caller may see it (the list is queue.ts). */
import type { Db } from '../../db/client.js';
import type { AuthContext } from '../../http/auth.js';
import { visibleApplication } from './access.js';
import { loadCallContext, loadLead } from './call-context.js';
import { presentDetail } from './present.js';

export async function readApplication(db: Db, auth: AuthContext, id: string, now = new Date()) {
  const row = await visibleApplication(db, auth, id);
  const [ctx, lead] = await Promise.all([loadCallContext(db, row.callId, now), loadLead(db, row)]);
  return presentDetail(row, ctx, auth, lead.name, lead, now);
}
