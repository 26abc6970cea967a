/**
 * 管理员密码找回 (dual-control recovery): 三员分立 forbids the system administrator from resetting the
 * security or audit administrator, so a separated administrator who forgot a password is recovered by
 * the two OTHER administrators together: one opens the request, the other approves it, and only the
 * approval issues a one-time password that must be changed at first sign-in. Nobody can do it alone,
 * nobody recovers themselves, and a request lapses after RECOVERY_TTL_HOURS.
 */
import { z } from 'zod';
import { ROLE_LABELS, type Role } from './roles.js';

export type SeparatedAdminRole = 'sysadmin' | 'secadmin' | 'auditor';
export const RECOVERY_TTL_HOURS = 24;

/** For each locked-out administrator, the two roles that together recover the account. */
export const RECOVERY_PARTIES: Record<SeparatedAdminRole, readonly [SeparatedAdminRole, SeparatedAdminRole]> = {
  secadmin: ['sysadmin', 'auditor'],
  auditor: ['sysadmin', 'secadmin'],
  sysadmin: ['secadmin', 'auditor'],
};

export function isSeparatedAdmin(role: string): role is SeparatedAdminRole {
  return Object.hasOwn(RECOVERY_PARTIES, role);
}

/** The separated administrator role an account holds (those roles are always held alone), if any. */
export function separatedAdminRoleOf(roles: readonly string[]): SeparatedAdminRole | null {
  return roles.find(isSeparatedAdmin) ?? null;
}

/** The rule in words, for the page that explains who may do what. */
export function recoveryRuleText(target: SeparatedAdminRole): string {
  const [a, b] = RECOVERY_PARTIES[target];
  return `${ROLE_LABELS[target]}的密码由${ROLE_LABELS[a]}和${ROLE_LABELS[b]}共同找回：一人发起，另一人批准`;
}

export type RecoveryStatus = 'pending' | 'approved' | 'cancelled' | 'expired';
export const RECOVERY_STATUS_LABELS: Record<RecoveryStatus, string> = { pending: '待批准', approved: '已批准', cancelled: '已撤销', expired: '已过期' };

export function recoveryStatus(r: { status: string; expiresAt: Date | string }, now: Date): RecoveryStatus {
  if (r.status === 'pending') return new Date(r.expiresAt).getTime() <= now.getTime() ? 'expired' : 'pending';
  return r.status as RecoveryStatus;
}

export type RecoveryRefusal = 'self' | 'notParty' | 'sameParty' | 'notPending' | 'expired' | 'notAdmin';

/** Who may open a request for `target`: one of its two parties, never the target itself. */
export function initiateRefusal(actor: { id: string; roles: readonly Role[] }, target: { id: string; roles: readonly string[] }): RecoveryRefusal | null {
  if (actor.id === target.id) return 'self';
  const targetRole = separatedAdminRoleOf(target.roles);
  if (!targetRole) return 'notAdmin';
  const mine = separatedAdminRoleOf(actor.roles);
  return mine && RECOVERY_PARTIES[targetRole].includes(mine) ? null : 'notParty';
}

/** Who may approve: the OTHER party of the request, while it is pending and not expired. */
export function approveRefusal(
  actor: { id: string; roles: readonly Role[] },
  request: { targetUserId: string; targetRole: string; initiatedBy: string; initiatorRole: string; status: string; expiresAt: Date | string },
  now: Date,
): RecoveryRefusal | null {
  if (actor.id === request.targetUserId) return 'self';
  if (!isSeparatedAdmin(request.targetRole)) return 'notAdmin';
  const mine = separatedAdminRoleOf(actor.roles);
  if (!mine || !RECOVERY_PARTIES[request.targetRole].includes(mine)) return 'notParty';
  if (actor.id === request.initiatedBy || mine === request.initiatorRole) return 'sameParty';
  const status = recoveryStatus(request, now);
  if (status === 'expired') return 'expired';
  return status === 'pending' ? null : 'notPending';
}

/** Either party may withdraw a pending request (the initiator's mistake, or the approver's refusal). */
export function cancelRefusal(
  actor: { id: string; roles: readonly Role[] },
  request: { targetRole: string; status: string; expiresAt: Date | string },
  now: Date,
): RecoveryRefusal | null {
  const mine = separatedAdminRoleOf(actor.roles);
  if (!isSeparatedAdmin(request.targetRole) || !mine || !RECOVERY_PARTIES[request.targetRole].includes(mine)) return 'notParty';
  const status = recoveryStatus(request, now);
  if (status === 'expired') return 'expired';
  return status === 'pending' ? null : 'notPending';
}

export const recoveryRequestSchema = z.object({
  targetUserId: z.uuid('请选择要找回密码的管理员'),
  reason: z.string().trim().min(4, '请说明原因（至少 4 个字）').max(200, '原因不能超过 200 字'),
});
export type RecoveryRequestInput = z.infer<typeof recoveryRequestSchema>;

export const recoveryRequestViewSchema = z.object({
  id: z.uuid(),
  target: z.object({ id: z.uuid(), username: z.string(), name: z.string() }),
  targetRole: z.string(),
  reason: z.string(),
  initiator: z.object({ id: z.uuid(), username: z.string(), name: z.string() }),
  initiatorRole: z.string(),
  decider: z.object({ id: z.uuid(), username: z.string(), name: z.string() }).nullable(),
  status: z.enum(['pending', 'approved', 'cancelled', 'expired']),
  createdAt: z.string(),
  expiresAt: z.string(),
  decidedAt: z.string().nullable(),
  actions: z.object({ approve: z.boolean(), cancel: z.boolean() }),
});
export type RecoveryRequestView = z.infer<typeof recoveryRequestViewSchema>;

export const recoveryOverviewSchema = z.object({
  /** Administrators the caller may open a request for, each with the rule that applies. */
  targets: z.array(z.object({ id: z.uuid(), username: z.string(), name: z.string(), role: z.string(), rule: z.string() })),
  items: z.array(recoveryRequestViewSchema),
});
export type RecoveryOverview = z.infer<typeof recoveryOverviewSchema>;

export const recoveryApprovalSchema = z.object({ request: recoveryRequestViewSchema, temporaryPassword: z.string() });
export type RecoveryApproval = z.infer<typeof recoveryApprovalSchema>;
