/**
 * Roles and the permissions they grant: the one declarative table that every server route and
 * every web menu consults, so a permission is never re-derived ad hoc.
 */

export const ROLES = [
  'applicant',
  'unitAdmin',
  'recommender',
  'expert',
  'officer',
  'leader',
  'department',
  'sysadmin',
  'secadmin',
  'auditor',
  'observer',
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  applicant: '申报单位用户',
  unitAdmin: '单位管理员',
  recommender: '推荐单位',
  expert: '评审专家',
  officer: '科技局经办人',
  leader: '领导',
  department: '责任单位',
  sysadmin: '系统管理员',
  secadmin: '安全管理员',
  auditor: '审计管理员',
  observer: '纪检监督',
};

export const PERMISSIONS = [
  'profile.read', // own account, change own password
  'organisation.read', // own organisation's profile
  'organisation.update', // edit own organisation's profile
  'organisation.members', // list members, invite and revoke invitations
  'organisation.readAll', // every organisation (bureau staff)
  'user.manage', // create, edit, disable, unlock users and assign roles
  'security.read',
  'security.manage', // password, lockout and session policy
  'audit.read',
  'audit.export',
  'audit.verify',
  'admin.recover', // 管理员密码找回: with another separated administrator, recover the third one's password
  'programme.manage', // programmes, rule-set versions, categories, fields
  'call.manage', // calls (申报指南) and their guideline items
  'budget.read', // programme-year budget ledgers
  'budget.manage', // budget movements
  'monitoring.read', // plans, indicators, tasks, dashboards, portfolio statistics (规划监测)
  'monitoring.manage', // edit indicator systems, review monthly reports, remind late units
  'monitoring.report', // a responsible unit (责任单位) reports its own indicators and tasks
  'application.read', // applications (申报书): one's own organisation's, or those at one's level of the chain
  'application.apply', // draft, save, submit, withdraw and resubmit for one's own organisation
  'application.endorse', // 单位管理员: endorse or return one's own organisation's submissions
  'application.recommend', // 推荐单位: recommend or return where the call requires recommendation
  'application.review', // 经办人: 形式审查, accept or return, read every application
  'expert.profile', // 评审专家: keep one's own expert profile (专家库), declare conflicts (回避)
  'expert.manage', // 经办人: the expert pool — import, activate, suspend, history, workload, ratings
  'review.manage', // 经办人: review rounds — assignment, draws, rubric, aggregation, inspection, meetings, notice, funding plan, approval (立项)
  'review.score', // 评审专家: open and score the applications assigned to oneself (不见面评审)
  'review.observe', // 纪检监督 and leaders: witness draws and read every review step, never edit
  'review.signoff', // 领导: sign off a decision meeting's minutes
  'review.witness', // 纪检监督: record the observer's input to a draw before it runs (the only thing the observer writes)
  'review.unseal', // 纪检监督 and 审计管理员: open the salted pseudonyms of a draw record (who is behind A001, E001 …)
  'project.read', // approved projects (立项项目): bureau staff read all, an organisation its own
  'project.manage', // 经办人: task books, disbursements, report windows, change approvals, mid-term checks, termination, acceptance, performance evaluation
  'project.undertake', // 承担单位: sign the task book, report progress, request changes, apply for acceptance — own organisation's projects only
  'project.unitApprove', // 单位管理员: approve the changes the table files with the unit (e.g. budget between expense subjects)
  'acceptance.review', // 评审专家: verify the indicators of a project whose acceptance panel one was drawn onto
  'integrity.read', // 科研失信记录: bureau staff and 纪检监督 read the records
  'integrity.manage', // 经办人: record, amend, revoke integrity records and their appeals
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  applicant: ['profile.read', 'organisation.read', 'application.read', 'application.apply', 'project.read', 'project.undertake'],
  unitAdmin: ['profile.read', 'organisation.read', 'organisation.update', 'organisation.members', 'application.read', 'application.apply', 'application.endorse', 'project.read', 'project.undertake', 'project.unitApprove'],
  // 推荐单位 (e.g. a district bureau or competent department) passes applications on to the bureau.
  recommender: ['profile.read', 'application.read', 'application.recommend'],
  expert: ['profile.read', 'expert.profile', 'review.score', 'acceptance.review'],
  officer: ['profile.read', 'organisation.readAll', 'programme.manage', 'call.manage', 'budget.read', 'budget.manage', 'monitoring.read', 'monitoring.manage', 'application.read', 'application.review', 'expert.manage', 'review.manage', 'review.observe', 'project.read', 'project.manage', 'integrity.read', 'integrity.manage'],
  leader: ['profile.read', 'organisation.readAll', 'budget.read', 'monitoring.read', 'review.observe', 'review.signoff', 'project.read', 'integrity.read'],
  department: ['profile.read', 'monitoring.read', 'monitoring.report'],
  // 三员分立: the system administrator manages accounts but never reads the audit trail …
  sysadmin: ['profile.read', 'user.manage', 'security.read', 'organisation.readAll', 'admin.recover'],
  // … the security administrator owns the security policy …
  secadmin: ['profile.read', 'security.read', 'security.manage', 'admin.recover'],
  // … and the auditor reads and exports the trail and nothing else; each takes part in recovering
  // the other two (dual control, see recovery.ts).
  auditor: ['profile.read', 'audit.read', 'audit.export', 'audit.verify', 'admin.recover', 'review.unseal'],
  // 纪检监督 (discipline inspection) witnesses every draw and reads every review step — it never edits, and it
  // can open the salted pseudonyms of a published draw record.
  observer: ['profile.read', 'review.observe', 'review.witness', 'review.unseal', 'integrity.read'],
};

/** Roles whose holder belongs to an applicant organisation (申报单位). */
export const ORGANISATION_ROLES: readonly Role[] = ['applicant', 'unitAdmin'];
/** The three separated administrator roles (三员): each must be held alone. */
export const SEPARATED_ADMIN_ROLES: readonly Role[] = ['sysadmin', 'secadmin', 'auditor'];

export function permissionsOf(roles: readonly Role[]): Set<Permission> {
  const out = new Set<Permission>();
  for (const r of roles) for (const p of ROLE_PERMISSIONS[r]) out.add(p);
  return out;
}

export function hasPermission(roles: readonly Role[], permission: Permission): boolean {
  return roles.some((r) => ROLE_PERMISSIONS[r].includes(permission));
}

/**
 * Checks a set of roles for one account. Returns the Chinese reasons it is not allowed, empty if fine.
 * An account in an organisation holds only organisation roles; bureau accounts hold none of them.
 */
export function roleCombinationProblems(roles: readonly Role[], hasOrganisation: boolean): string[] {
  const problems: string[] = [];
  if (roles.length === 0) problems.push('至少分配一个角色');
  if (new Set(roles).size !== roles.length) problems.push('角色不能重复');
  const admin = roles.filter((r) => SEPARATED_ADMIN_ROLES.includes(r));
  if (admin.length > 0 && roles.length > 1) {
    problems.push(`三员分立：${admin.map((r) => ROLE_LABELS[r]).join('、')}不能与其他角色兼任`);
  }
  const orgRoles = roles.filter((r) => ORGANISATION_ROLES.includes(r));
  if (hasOrganisation && orgRoles.length !== roles.length) {
    problems.push('申报单位的账号只能拥有申报单位用户或单位管理员角色');
  }
  if (!hasOrganisation && orgRoles.length > 0) {
    problems.push('申报单位用户和单位管理员角色必须属于某个申报单位');
  }
  return problems;
}
