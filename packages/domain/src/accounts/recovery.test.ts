import { describe, expect, it } from 'vitest';
import { approveRefusal, cancelRefusal, initiateRefusal, RECOVERY_PARTIES, recoveryRuleText, recoveryStatus, type SeparatedAdminRole } from './recovery.js';
import type { Role } from './roles.js';

const now = new Date('2026-12-06T02:00:00Z');
const later = new Date(now.getTime() + 3600_000);
const ADMINS: SeparatedAdminRole[] = ['sysadmin', 'secadmin', 'auditor'];
const person = (id: string, role: Role) => ({ id, roles: [role] });

describe('管理员密码找回 rules (issue 15 item 5)', () => {
  it('each administrator is recovered by exactly the two others', () => {
    for (const t of ADMINS) expect([...RECOVERY_PARTIES[t], t].sort()).toEqual([...ADMINS].sort());
    expect(recoveryRuleText('sysadmin')).toBe('系统管理员的密码由安全管理员和审计管理员共同找回：一人发起，另一人批准');
  });

  it.each(ADMINS.flatMap((target) => (['sysadmin', 'secadmin', 'auditor', 'officer'] as Role[]).map((actor) => [target, actor] as const)))(
    'target %s, initiator %s',
    (target, actor) => {
      const expected = actor === 'officer' || actor === target ? 'notParty' : null;
      expect(initiateRefusal(person('a', actor), { id: 't', roles: [target] })).toBe(expected);
    },
  );

  it('refuses self, a non-admin target, the same party, expiry and a closed request', () => {
    expect(initiateRefusal(person('t', 'secadmin'), { id: 't', roles: ['secadmin'] })).toBe('self');
    expect(initiateRefusal(person('a', 'sysadmin'), { id: 't', roles: ['officer'] })).toBe('notAdmin');
    const req = { targetUserId: 't', targetRole: 'secadmin', initiatedBy: 'a', initiatorRole: 'sysadmin', status: 'pending', expiresAt: later };
    expect(approveRefusal(person('b', 'auditor'), req, now)).toBeNull();
    expect(approveRefusal(person('a', 'sysadmin'), req, now)).toBe('sameParty');
    expect(approveRefusal(person('c', 'sysadmin'), req, now)).toBe('sameParty');
    expect(approveRefusal(person('t', 'secadmin'), req, now)).toBe('self');
    expect(approveRefusal(person('d', 'secadmin'), req, now)).toBe('notParty');
    expect(approveRefusal(person('b', 'auditor'), { ...req, expiresAt: now }, now)).toBe('expired');
    expect(approveRefusal(person('b', 'auditor'), { ...req, status: 'approved' }, now)).toBe('notPending');
    expect(cancelRefusal(person('a', 'sysadmin'), req, now)).toBeNull();
    expect(cancelRefusal(person('d', 'secadmin'), req, now)).toBe('notParty');
    expect(recoveryStatus({ status: 'pending', expiresAt: now }, now)).toBe('expired');
  });
});
