/** The one way an account comes into existence, whichever use case creates it. */
import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { changedFields, roleCombinationProblems, type AuditAction, type Role } from '@kechuang/domain';
import type { Tx } from '../../db/client.js';
import { recordAudit, type Actor } from '../audit/record.js';
import { accountProblem } from './errors.js';
import { rememberPassword } from './passwords.js';
import { users } from './schema.js';

export interface NewUser {
  username: string;
  name: string;
  phone: string;
  email: string;
  roles: Role[];
  organisationId: string | null;
  passwordHash: string;
  mustChangePassword: boolean;
  /** A 推荐单位 account's region prefixes (see users.recommenderRegions). */
  recommenderRegions?: string[];
}

export function assertRoleCombination(roles: Role[], organisationId: string | null, field = 'roles'): void {
  const problems = roleCombinationProblems(roles, organisationId !== null);
  if (problems.length) throw accountProblem('INVALID_ROLES', problems.join('；'), problems.map((message) => ({ field, message })));
}

export async function assertUsernameFree(tx: Tx, username: string, field = 'username'): Promise<void> {
  const [taken] = await tx.select({ id: users.id }).from(users).where(eq(sql`lower(${users.username})`, username.toLowerCase()));
  if (taken) throw accountProblem('USERNAME_TAKEN', `用户名“${username}”已被使用`, [{ field, message: '该用户名已被使用' }]);
}

export async function insertUser(tx: Tx, actor: Actor, input: NewUser, action: AuditAction = 'user.create'): Promise<typeof users.$inferSelect> {
  assertRoleCombination(input.roles, input.organisationId);
  await assertUsernameFree(tx, input.username);
  const now = new Date();
  const [row] = await tx
    .insert(users)
    .values({ id: randomUUID(), ...input, passwordChangedAt: now, status: 'active', createdAt: now, updatedAt: now })
    .returning();
  await rememberPassword(tx, row!.id, input.passwordHash);
  const { passwordHash: _h, ...visible } = input;
  await recordAudit(tx, actor, { action, entityType: 'user', entityId: row!.id, changes: changedFields(null, visible) });
  return row!;
}
