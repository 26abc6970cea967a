/** The system administrator's account management (三员: accounts and roles, never the audit trail). */
import { and, asc, count, eq, gt, ilike, or, sql, type SQL } from 'drizzle-orm';
import { changedFields, ROLE_LABELS, type Role } from '@kechuang/domain';
import { uniqueViolation } from '../../db/errors.js';
import type { Db } from '../../db/client.js';
import type { AuthContext, UserRow } from '../../http/auth.js';
import { recordAudit, type Actor } from '../audit/record.js';
import { findOrganisation, organisationNames } from '../organisations/service.js';
import { organisationProblem } from '../organisations/errors.js';
import { assertRoleCombination, insertUser } from './create-user.js';
import { accountProblem } from './errors.js';
import { hashPassword, rememberPassword, temporaryPassword } from './passwords.js';
import { presentUser } from './present.js';
import { users } from './schema.js';
import { deleteUserSessions } from './sessions.js';

export interface UserListQuery {
  page: number;
  pageSize: number;
  q?: string | undefined;
  role?: Role | undefined;
  status?: 'active' | 'disabled' | 'locked' | undefined;
  organisationId?: string | undefined;
  sort: 'username' | '-username' | 'createdAt' | '-createdAt' | 'lastLoginAt' | '-lastLoginAt';
}

function whereOf(q: Omit<UserListQuery, 'page' | 'pageSize' | 'sort'>): SQL | undefined {
  const c: SQL[] = [];
  if (q.q) {
    const like = `%${q.q.replace(/[\\%_]/g, (x) => `\\${x}`)}%`;
    c.push(or(ilike(users.username, like), ilike(users.name, like), ilike(users.phone, like))!);
  }
  if (q.role) c.push(sql`${q.role} = ANY(${users.roles})`);
  if (q.status === 'locked') c.push(gt(users.lockedUntil, new Date()));
  else if (q.status) c.push(eq(users.status, q.status));
  if (q.organisationId) c.push(eq(users.organisationId, q.organisationId));
  return c.length ? and(...c) : undefined;
}

/** Rows with their organisation's name, fetched in one extra query rather than one per row. */
export async function withOrganisations(db: Db, rows: UserRow[]) {
  const ids = [...new Set(rows.map((r) => r.organisationId).filter((x): x is string => x !== null))];
  const orgs = await organisationNames(db, ids);
  const byId = new Map(orgs.map((o) => [o.id, o]));
  return rows.map((r) => presentUser(r, r.organisationId ? (byId.get(r.organisationId) ?? null) : null));
}

export async function listUsers(db: Db, q: UserListQuery, limit = q.pageSize) {
  const where = whereOf(q);
  const key = q.sort.replace('-', '') as 'username' | 'createdAt' | 'lastLoginAt';
  const col = { username: users.username, createdAt: users.createdAt, lastLoginAt: users.lastLoginAt }[key];
  const order = q.sort.startsWith('-') ? sql`${col} desc nulls last` : sql`${col} asc nulls last`;
  const [rows, [total]] = await Promise.all([
    db.select().from(users).where(where).orderBy(order, asc(users.id)).limit(limit).offset((q.page - 1) * q.pageSize),
    db.select({ n: count() }).from(users).where(where),
  ]);
  return { items: await withOrganisations(db, rows), total: total?.n ?? 0, page: q.page, pageSize: q.pageSize };
}

/** 三员分立: the system administrator must not be able to make, or get into, a security administrator or auditor account. */
const GUARDED_ROLES: readonly Role[] = ['secadmin', 'auditor'];

function assertNotGuardedRoles(roles: readonly Role[]): void {
  const guarded = roles.filter((r) => GUARDED_ROLES.includes(r));
  if (guarded.length) {
    const message = `三员分立：系统管理员不能授予${guarded.map((r) => ROLE_LABELS[r]).join('、')}角色`;
    throw accountProblem('SEPARATION_OF_DUTIES', message, [{ field: 'roles', message }]);
  }
}

async function loadForUpdate(db: Db, id: string): Promise<UserRow> {
  const [row] = await db.select().from(users).where(eq(users.id, id)).for('update');
  if (!row) throw accountProblem('USER_NOT_FOUND');
  // Editing, resetting, disabling or unlocking one of them would hand its password or access to the sysadmin.
  if ((row.roles as Role[]).some((r) => GUARDED_ROLES.includes(r))) {
    throw accountProblem('SEPARATION_OF_DUTIES', '三员分立：系统管理员不能修改、重置、停用或解锁安全管理员和审计管理员的账号');
  }
  return row;
}

async function present(db: Db, row: UserRow) {
  return (await withOrganisations(db, [row]))[0]!;
}

/** Regions scope a 推荐单位 account only; on any other account they would mean nothing, so they are refused. */
function assertRecommenderRegions(roles: readonly Role[], regions: readonly string[]): void {
  if (regions.length > 0 && !roles.includes('recommender')) {
    throw accountProblem('INVALID_ROLES', '只有推荐单位账号可以设置推荐范围', [{ field: 'recommenderRegions', message: '只有推荐单位账号可以设置推荐范围' }]);
  }
}

export async function createUserByAdmin(
  db: Db,
  actor: Actor,
  input: { username: string; name: string; phone: string; email: string; roles: Role[]; organisationId: string | null; recommenderRegions?: string[] | undefined },
) {
  assertRoleCombination(input.roles, input.organisationId);
  assertRecommenderRegions(input.roles, input.recommenderRegions ?? []);
  assertNotGuardedRoles(input.roles);
  if (input.organisationId && !(await findOrganisation(db, input.organisationId))) {
    throw organisationProblem('ORGANISATION_NOT_FOUND', '所选单位不存在');
  }
  const password = temporaryPassword();
  const passwordHash = await hashPassword(password);
  const row = await db
    .transaction((tx) => insertUser(tx, actor, { ...input, passwordHash, mustChangePassword: true }))
    .catch((e: unknown) => {
      if (uniqueViolation(e)) throw accountProblem('USERNAME_TAKEN', `用户名“${input.username}”已被使用`, [{ field: 'username', message: '该用户名已被使用' }]);
      throw e;
    });
  return { user: await present(db, row), temporaryPassword: password };
}

export async function updateUserByAdmin(
  db: Db,
  auth: AuthContext,
  actor: Actor,
  id: string,
  input: { name?: string | undefined; phone?: string | undefined; email?: string | undefined; roles?: Role[] | undefined; recommenderRegions?: string[] | undefined },
) {
  const row = await db.transaction(async (tx) => {
    const before = await loadForUpdate(tx as Db, id);
    const roles = input.roles ?? (before.roles as Role[]);
    assertRoleCombination(roles, before.organisationId);
    assertNotGuardedRoles(roles);
    if (id === auth.user.id && !roles.includes('sysadmin')) {
      throw accountProblem('SELF_ACTION_REFUSED', '不能移除自己的系统管理员角色，以免无人管理账号');
    }
    // A role set without the recommender role drops any scope it had, so no stale scope returns with the role.
    const recommenderRegions = roles.includes('recommender') ? (input.recommenderRegions ?? before.recommenderRegions) : [];
    if (input.recommenderRegions) assertRecommenderRegions(roles, input.recommenderRegions);
    const patch = {
      name: input.name ?? before.name,
      phone: input.phone ?? before.phone,
      email: input.email ?? before.email,
      roles,
      recommenderRegions,
    };
    const [after] = await tx.update(users).set({ ...patch, updatedAt: new Date() }).where(eq(users.id, id)).returning();
    const pick = (u: UserRow) => ({ name: u.name, phone: u.phone, email: u.email, roles: u.roles, recommenderRegions: u.recommenderRegions });
    await recordAudit(tx, actor, { action: 'user.update', entityType: 'user', entityId: id, changes: changedFields(pick(before), pick(after!)) });
    // A changed role set takes effect now, not when the old session happens to expire.
    if (input.roles && before.roles.join(',') !== roles.join(',')) await deleteUserSessions(tx, id);
    return after!;
  });
  return present(db, row);
}

export async function setUserStatus(db: Db, auth: AuthContext, actor: Actor, id: string, status: 'active' | 'disabled') {
  if (id === auth.user.id && status === 'disabled') throw accountProblem('SELF_ACTION_REFUSED', '不能停用自己的账号');
  const row = await db.transaction(async (tx) => {
    const before = await loadForUpdate(tx as Db, id);
    const [after] = await tx.update(users).set({ status, updatedAt: new Date() }).where(eq(users.id, id)).returning();
    if (status === 'disabled') await deleteUserSessions(tx, id);
    await recordAudit(tx, actor, {
      action: status === 'disabled' ? 'user.disable' : 'user.enable',
      entityType: 'user',
      entityId: id,
      changes: changedFields({ status: before.status }, { status }),
    });
    return after!;
  });
  return present(db, row);
}

export async function unlockUser(db: Db, actor: Actor, id: string) {
  const row = await db.transaction(async (tx) => {
    const before = await loadForUpdate(tx as Db, id);
    const [after] = await tx.update(users).set({ failedLogins: 0, lockedUntil: null, updatedAt: new Date() }).where(eq(users.id, id)).returning();
    await recordAudit(tx, actor, {
      action: 'user.unlock',
      entityType: 'user',
      entityId: id,
      changes: changedFields({ failedLogins: before.failedLogins, lockedUntil: before.lockedUntil?.toISOString() ?? null }, { failedLogins: 0, lockedUntil: null }),
    });
    return after!;
  });
  return present(db, row);
}

/** Issues a temporary password shown once to the administrator; the user must replace it at next sign-in. */
export async function resetUserPassword(db: Db, auth: AuthContext, actor: Actor, id: string) {
  if (id === auth.user.id) throw accountProblem('SELF_ACTION_REFUSED', '请在“修改密码”中修改自己的密码');
  const password = temporaryPassword();
  const passwordHash = await hashPassword(password);
  const row = await db.transaction(async (tx) => {
    await loadForUpdate(tx as Db, id);
    const now = new Date();
    const [after] = await tx
      .update(users)
      .set({ passwordHash, passwordChangedAt: now, mustChangePassword: true, failedLogins: 0, lockedUntil: null, updatedAt: now })
      .where(eq(users.id, id))
      .returning();
    await rememberPassword(tx, id, passwordHash);
    await deleteUserSessions(tx, id);
    await recordAudit(tx, actor, { action: 'user.resetPassword', entityType: 'user', entityId: id, detail: { mustChangePassword: true } });
    return after!;
  });
  return { user: await present(db, row), temporaryPassword: password };
}

export async function countLockedUsers(db: Db): Promise<number> {
  const [r] = await db.select({ n: count() }).from(users).where(gt(users.lockedUntil, new Date()));
  return r?.n ?? 0;
}

export async function organisationMembers(db: Db, organisationId: string) {
  const rows = await db.select().from(users).where(eq(users.organisationId, organisationId)).orderBy(asc(users.createdAt));
  return withOrganisations(db, rows);
}

