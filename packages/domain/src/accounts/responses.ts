/** What the accounts and security endpoints answer (2xx): the web's types are inferred from these. */
import { z } from 'zod';
import { instantOut, itemsOf, pageOf } from '../common/responses.js';
import { organisationResponse } from '../organisations/responses.js';
import { securityPolicySchema } from './password-policy.js';
import { PERMISSIONS } from './roles.js';
import { roleSchema, USER_STATUSES } from './schemas.js';

export const csrfTokenResponse = z.object({ token: z.string() });

/** The rules a password form shows before it is submitted (public). */
export const passwordPolicyResponse = z.object({ minLength: z.number(), minCharClasses: z.number(), rejectWeakPasswords: z.boolean(), historyCount: z.number(), expiryDays: z.number() });

/** `GET /api/auth/me` for an anonymous visitor or an ended session. */
export const anonymousMeResponse = z.object({ user: z.null() });

export const meResponse = z.object({
  user: z.object({
    id: z.string(),
    username: z.string(),
    name: z.string(),
    phone: z.string(),
    email: z.string(),
    roles: z.array(roleSchema),
    mustChangePassword: z.boolean(),
    passwordExpiresInDays: z.number().nullable(),
    lastLoginAt: instantOut.nullable(),
    /** The sign-in before this one, shown so a user notices a login that was not theirs. */
    previousLoginAt: instantOut.nullable(),
    previousLoginIp: z.string().nullable(),
  }),
  organisation: organisationResponse.nullable(),
  roles: z.array(roleSchema),
  permissions: z.array(z.enum(PERMISSIONS)),
});

export const userRowResponse = z.object({
  id: z.string(),
  username: z.string(),
  name: z.string(),
  phone: z.string(),
  email: z.string(),
  roles: z.array(roleSchema),
  status: z.enum(USER_STATUSES),
  organisation: z.object({ id: z.string(), name: z.string() }).nullable(),
  /** A 推荐单位 account's region prefixes (empty for every other account). */
  recommenderRegions: z.array(z.string()),
  lockedUntil: instantOut.nullable(),
  failedLogins: z.number().int(),
  mustChangePassword: z.boolean(),
  lastLoginAt: instantOut.nullable(),
  createdAt: instantOut,
});

export const userPageResponse = pageOf(userRowResponse);
export const userListResponse = itemsOf(userRowResponse);
/** The one-time temporary password is shown once, to the administrator who created or reset the account. */
export const userWithPasswordResponse = z.object({ user: userRowResponse, temporaryPassword: z.string() });

export const securityPolicyStateResponse = z.object({ policy: securityPolicySchema, updatedAt: instantOut.nullable(), updatedBy: z.string().nullable() });
