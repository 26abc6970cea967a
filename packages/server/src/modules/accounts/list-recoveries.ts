/** The recovery page's data: whom the caller may help recover, and the requests the caller is a party to. */
import { and, desc, inArray, ne, sql } from 'drizzle-orm';
import { RECOVERY_PARTIES, recoveryRuleText, separatedAdminRoleOf, type RecoveryOverview, type SeparatedAdminRole } from '@kechuang/domain';
import type { Db } from '../../db/client.js';
import type { AuthContext } from '../../http/auth.js';
import { presentRecoveries } from './recovery-rules.js';
import { adminRecoveryRequests, users } from './schema.js';

export async function listRecoveries(db: Db, auth: AuthContext): Promise<RecoveryOverview> {
  const mine = separatedAdminRoleOf(auth.roles);
  const helps = (Object.keys(RECOVERY_PARTIES) as SeparatedAdminRole[]).filter((t) => mine !== null && RECOVERY_PARTIES[t].includes(mine));
  if (!helps.length) return { targets: [], items: [] };
  const admins = await db
    .select({ id: users.id, username: users.username, name: users.name, roles: users.roles })
    .from(users)
    .where(and(sql`${users.roles} && ARRAY[${sql.join(helps.map((h) => sql`${h}`), sql`, `)}]::text[]`, ne(users.id, auth.user.id)))
    .orderBy(users.username);
  const rows = await db.select().from(adminRecoveryRequests).where(inArray(adminRecoveryRequests.targetRole, helps)).orderBy(desc(adminRecoveryRequests.createdAt)).limit(100);
  return {
    targets: admins.map((u) => {
      const role = separatedAdminRoleOf(u.roles)!;
      return { id: u.id, username: u.username, name: u.name, role, rule: recoveryRuleText(role) };
    }),
    items: await presentRecoveries(db, rows, { id: auth.user.id, roles: auth.roles }),
  };
}
