import { describe, expect, it } from 'vitest';
import { hasPermission, PERMISSIONS, ROLE_PERMISSIONS, ROLES, roleCombinationProblems, type Permission, type Role } from './roles.js';

// The expected matrix written out by hand, so a change to ROLE_PERMISSIONS must be made twice, deliberately.
const EXPECTED: Record<Role, Permission[]> = {
  applicant: ['profile.read', 'organisation.read', 'application.read', 'application.apply', 'project.read', 'project.undertake'],
  unitAdmin: ['profile.read', 'organisation.read', 'organisation.update', 'organisation.members', 'application.read', 'application.apply', 'application.endorse', 'project.read', 'project.undertake', 'project.unitApprove'],
  recommender: ['profile.read', 'application.read', 'application.recommend'],
  expert: ['profile.read', 'expert.profile', 'review.score', 'acceptance.review'],
  officer: ['profile.read', 'organisation.readAll', 'programme.manage', 'call.manage', 'budget.read', 'budget.manage', 'monitoring.read', 'monitoring.manage', 'application.read', 'application.review', 'expert.manage', 'review.manage', 'review.observe', 'project.read', 'project.manage', 'integrity.read', 'integrity.manage'],
  leader: ['profile.read', 'organisation.readAll', 'budget.read', 'monitoring.read', 'review.observe', 'review.signoff', 'project.read', 'integrity.read'],
  department: ['profile.read', 'monitoring.read', 'monitoring.report'],
  sysadmin: ['profile.read', 'user.manage', 'security.read', 'organisation.readAll', 'admin.recover'],
  secadmin: ['profile.read', 'security.read', 'security.manage', 'admin.recover'],
  auditor: ['profile.read', 'audit.read', 'audit.export', 'audit.verify', 'admin.recover', 'review.unseal'],
  observer: ['profile.read', 'review.observe', 'review.witness', 'review.unseal', 'integrity.read'],
};

const cases = ROLES.flatMap((role) => PERMISSIONS.map((permission) => [role, permission, EXPECTED[role].includes(permission)] as const));

describe('role → permission table', () => {
  it.each(cases)('%s has %s: %s', (role, permission, allowed) => {
    expect(hasPermission([role], permission)).toBe(allowed);
  });

  it('三员分立: only the auditor reads the audit trail, only the security admin edits the policy, only the system admin manages users', () => {
    const holders = (p: Permission) => ROLES.filter((r) => ROLE_PERMISSIONS[r].includes(p));
    expect(holders('audit.read')).toEqual(['auditor']);
    expect(holders('security.manage')).toEqual(['secadmin']);
    expect(holders('user.manage')).toEqual(['sysadmin']);
  });
});

describe('role combinations', () => {
  it.each([
    [['sysadmin'], false, []],
    [['sysadmin', 'auditor'], false, ['三员分立']],
    [['secadmin', 'officer'], false, ['三员分立']],
    [['officer', 'leader'], false, []],
    [['applicant', 'unitAdmin'], true, []],
    [['applicant', 'officer'], true, ['只能拥有申报单位用户或单位管理员']],
    [['applicant'], false, ['必须属于某个申报单位']],
    [[], false, ['至少分配一个角色']],
    [['expert', 'expert'], false, ['不能重复']],
  ] as [Role[], boolean, string[]][])('%j with organisation=%s', (roles, hasOrg, fragments) => {
    const problems = roleCombinationProblems(roles, hasOrg);
    expect(problems.length).toBe(fragments.length);
    fragments.forEach((f, i) => expect(problems[i]).toContain(f));
  });
});
