/**
 * A unit admin invites a colleague to join the organisation; the link carries a random token of which
 * only the hash is stored, it works once and expires after a week.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { and, desc, eq } from 'drizzle-orm';
import type { InvitationRole, Role } from '@kechuang/domain';
import type { Db } from '../../db/client.js';
import type { AuthContext } from '../../http/auth.js';
import { uniqueViolation } from '../../db/errors.js';
import { insertUser } from '../accounts/create-user.js';
import { accountProblem } from '../accounts/errors.js';
import { assertPasswordStrong, hashPassword } from '../accounts/passwords.js';
import { createSession } from '../accounts/sessions.js';
import { markSignedIn } from '../accounts/login.js';
import { recordAudit, sha256Hex, type Actor } from '../audit/record.js';
import { getSecurityPolicy } from '../security/service.js';
import { organisationProblem } from './errors.js';
import { invitations, organisations } from './schema.js';
import { assertOwnOrganisation } from './service.js';

export const INVITATION_DAYS = 7;
type InvitationRow = typeof invitations.$inferSelect;

export function invitationStatus(i: InvitationRow, now = new Date()): 'pending' | 'accepted' | 'revoked' | 'expired' {
  if (i.status === 'pending' && i.expiresAt <= now) return 'expired';
  return i.status as 'pending' | 'accepted' | 'revoked';
}

function present(i: InvitationRow) {
  return {
    id: i.id,
    name: i.name,
    email: i.email,
    role: i.role as InvitationRole,
    status: invitationStatus(i),
    createdAt: i.createdAt.toISOString(),
    expiresAt: i.expiresAt.toISOString(),
    acceptedAt: i.acceptedAt?.toISOString() ?? null,
  };
}

export async function createInvitation(db: Db, auth: AuthContext, actor: Actor, organisationId: string, input: { name: string; email: string; role: 'applicant' | 'unitAdmin' }) {
  assertOwnOrganisation(auth, organisationId, 'organisation.members');
  const token = randomBytes(24).toString('base64url');
  const now = new Date();
  const row: InvitationRow = {
    id: randomUUID(),
    organisationId,
    tokenHash: sha256Hex(token),
    name: input.name,
    email: input.email,
    role: input.role,
    status: 'pending',
    invitedBy: auth.user.id,
    createdAt: now,
    expiresAt: new Date(now.getTime() + INVITATION_DAYS * 86_400_000),
    acceptedAt: null,
    acceptedUserId: null,
    revokedAt: null,
  };
  await db.transaction(async (tx) => {
    await tx.insert(invitations).values(row);
    await recordAudit(tx, actor, { action: 'invitation.create', entityType: 'invitation', entityId: row.id, detail: { organisationId, name: input.name, email: input.email, role: input.role } });
  });
  return { invitation: present(row), link: `/invite/${token}` };
}

export async function listInvitations(db: Db, auth: AuthContext, organisationId: string) {
  assertOwnOrganisation(auth, organisationId, 'organisation.members');
  const rows = await db.select().from(invitations).where(eq(invitations.organisationId, organisationId)).orderBy(desc(invitations.createdAt));
  return rows.map(present);
}

export async function revokeInvitation(db: Db, auth: AuthContext, actor: Actor, organisationId: string, invitationId: string) {
  assertOwnOrganisation(auth, organisationId, 'organisation.members');
  const row = await db.transaction(async (tx) => {
    const [inv] = await tx
      .select()
      .from(invitations)
      .where(and(eq(invitations.id, invitationId), eq(invitations.organisationId, organisationId)))
      .for('update');
    if (!inv) throw organisationProblem('INVITATION_NOT_FOUND', '邀请不存在');
    const status = invitationStatus(inv);
    if (status === 'accepted') throw organisationProblem('INVITATION_USED', '该邀请已被接受，无法撤销；如需移除成员请联系系统管理员停用其账号');
    if (status === 'revoked') throw organisationProblem('INVITATION_REVOKED');
    const [after] = await tx.update(invitations).set({ status: 'revoked', revokedAt: new Date() }).where(eq(invitations.id, inv.id)).returning();
    await recordAudit(tx, actor, { action: 'invitation.revoke', entityType: 'invitation', entityId: inv.id, changes: { status: { before: 'pending', after: 'revoked' } } });
    return after!;
  });
  return present(row);
}

async function usableInvitation(db: Db, token: string, lock: boolean) {
  const query = db.select().from(invitations).where(eq(invitations.tokenHash, sha256Hex(token)));
  const [inv] = lock ? await query.for('update') : await query;
  if (!inv) throw organisationProblem('INVITATION_NOT_FOUND', '邀请链接无效，请向单位管理员索取新的链接');
  const status = invitationStatus(inv);
  if (status === 'expired') throw organisationProblem('INVITATION_EXPIRED', '邀请链接已过期，请向单位管理员索取新的链接');
  if (status === 'accepted') throw organisationProblem('INVITATION_USED', '该邀请链接已被使用，请直接登录');
  if (status === 'revoked') throw organisationProblem('INVITATION_REVOKED', '该邀请已被单位管理员撤销');
  return inv;
}

export async function describeInvitation(db: Db, token: string) {
  const inv = await usableInvitation(db, token, false);
  const [org] = await db.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, inv.organisationId));
  return { organisationName: org?.name ?? '', name: inv.name, role: inv.role as InvitationRole, expiresAt: inv.expiresAt.toISOString() };
}

export async function acceptInvitation(
  db: Db,
  token: string,
  input: { username: string; password: string; name: string; phone: string; email: string },
  ip: string,
  userAgent: string,
) {
  await usableInvitation(db, token, false);
  assertPasswordStrong(input.password, await getSecurityPolicy(db), input.username, 'password');
  const passwordHash = await hashPassword(input.password);
  try {
    return await db.transaction(async (tx) => {
      const inv = await usableInvitation(tx as Db, token, true);
      const actor: Actor = { id: null, name: input.username, role: inv.role, ip };
      const { password: _p, ...profile } = input;
      const user = await insertUser(tx, actor, { ...profile, roles: [inv.role as Role], organisationId: inv.organisationId, passwordHash, mustChangePassword: false });
      await tx.update(invitations).set({ status: 'accepted', acceptedAt: new Date(), acceptedUserId: user.id }).where(eq(invitations.id, inv.id));
      await recordAudit(tx, { ...actor, id: user.id }, { action: 'invitation.accept', entityType: 'invitation', entityId: inv.id, changes: { status: { before: 'pending', after: 'accepted' } }, detail: { userId: user.id } });
      const sessionToken = await createSession(tx, user.id, ip, userAgent);
      await markSignedIn(tx, user.id, ip);
      return { token: sessionToken, userId: user.id };
    });
  } catch (e) {
    if (uniqueViolation(e)) throw accountProblem('USERNAME_TAKEN', `用户名“${input.username}”已被使用`, [{ field: 'username', message: '该用户名已被使用' }]);
    throw e;
  }
}
