/** What the API shows of accounts: never the password hash, always the permissions that follow from the roles. */
import { daysUntilPasswordExpiry, isPasswordExpired, permissionsOf, type Role, type SecurityPolicy, type UserStatus } from '@kechuang/domain';
import type { UserRow } from '../../http/auth.js';
import { presentOrganisation, type OrganisationRow } from '../organisations/present.js';

export function presentUser(u: UserRow, organisation: { id: string; name: string } | null = null) {
  return {
    id: u.id,
    username: u.username,
    name: u.name,
    phone: u.phone,
    email: u.email,
    roles: u.roles as Role[],
    status: u.status as UserStatus,
    organisation,
    recommenderRegions: u.recommenderRegions,
    lockedUntil: u.lockedUntil && u.lockedUntil.getTime() > Date.now() ? u.lockedUntil.toISOString() : null,
    failedLogins: u.failedLogins,
    mustChangePassword: u.mustChangePassword,
    lastLoginAt: u.lastLoginAt?.toISOString() ?? null,
    createdAt: u.createdAt.toISOString(),
  };
}

export function presentMe(u: UserRow, org: OrganisationRow | null, policy: SecurityPolicy) {
  const roles = u.roles as Role[];
  const now = new Date();
  return {
    user: {
      id: u.id,
      username: u.username,
      name: u.name,
      phone: u.phone,
      email: u.email,
      roles,
      mustChangePassword: u.mustChangePassword || isPasswordExpired(u.passwordChangedAt, now, policy),
      passwordExpiresInDays: daysUntilPasswordExpiry(u.passwordChangedAt, now, policy),
      lastLoginAt: u.lastLoginAt?.toISOString() ?? null,
      previousLoginAt: u.previousLoginAt?.toISOString() ?? null,
      previousLoginIp: u.previousLoginIp,
    },
    organisation: org ? presentOrganisation(org, roles, u.organisationId) : null,
    roles,
    permissions: [...permissionsOf(roles)].sort(),
  };
}
