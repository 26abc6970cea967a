/**
 * Production start (SEED_DEMO=false) on an empty database: create the three separated administrators
 * with one-time passwords printed once, so nobody ships a default password.
 */
import { count } from 'drizzle-orm';
import type { Role } from '@kechuang/domain';
import type { Db } from '../client.js';
import { insertUser } from '../../modules/accounts/create-user.js';
import { hashPassword, temporaryPassword } from '../../modules/accounts/passwords.js';
import { users } from '../../modules/accounts/schema.js';
import { SYSTEM_ACTOR } from '../../modules/audit/record.js';

export async function bootstrapAdministrators(db: Db): Promise<{ username: string; password: string }[]> {
  const [r] = await db.select({ n: count() }).from(users);
  if ((r?.n ?? 0) > 0) return [];
  const created: { username: string; password: string }[] = [];
  const admins: { username: string; name: string; role: Role }[] = [
    { username: 'sysadmin', name: '系统管理员', role: 'sysadmin' },
    { username: 'secadmin', name: '安全管理员', role: 'secadmin' },
    { username: 'auditor', name: '审计管理员', role: 'auditor' },
  ];
  const withHashes = await Promise.all(admins.map(async (a) => ({ ...a, password: temporaryPassword(), hash: '' })));
  for (const a of withHashes) a.hash = await hashPassword(a.password);
  await db.transaction(async (tx) => {
    for (const a of withHashes) {
      await insertUser(tx, { ...SYSTEM_ACTOR, name: 'system.bootstrap' }, { username: a.username, name: a.name, phone: '', email: '', roles: [a.role], organisationId: null, passwordHash: a.hash, mustChangePassword: true });
      created.push({ username: a.username, password: a.password });
    }
  });
  return created;
}
