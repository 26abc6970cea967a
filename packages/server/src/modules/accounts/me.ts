/** The signed-in user's own view, returned by login, registration, invitation acceptance and /me. */
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { findOrganisation } from '../organisations/service.js';
import { getSecurityPolicy } from '../security/service.js';
import { accountProblem } from './errors.js';
import { presentMe } from './present.js';
import { users } from './schema.js';

export async function loadMe(db: Db, userId: string) {
  const [u] = await db.select().from(users).where(eq(users.id, userId));
  if (!u) throw accountProblem('USER_NOT_FOUND');
  const org = u.organisationId ? await findOrganisation(db, u.organisationId) : null;
  return presentMe(u, org, await getSecurityPolicy(db));
}
