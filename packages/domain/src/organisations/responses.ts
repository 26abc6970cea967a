/** What the organisations endpoints answer (2xx): the web's types are inferred from these. */
import { z } from 'zod';
import { instantOut, itemsOf, pageOf } from '../common/responses.js';
import { INDUSTRY_SECTIONS, ORGANISATION_TYPES, type IndustrySection } from './schemas.js';

export const organisationResponse = z.object({
  id: z.string(),
  name: z.string(),
  creditCode: z.string(),
  type: z.enum(ORGANISATION_TYPES),
  region: z.string(),
  industry: z.enum(Object.keys(INDUSTRY_SECTIONS) as [IndustrySection, ...IndustrySection[]]),
  address: z.string(),
  contactName: z.string(),
  contactPhone: z.string(),
  contactEmail: z.string(),
  /** Innovation consortia (创新联合体) it belongs to: read by 回避 in expert review. */
  consortia: z.array(z.string()),
  createdAt: instantOut,
  updatedAt: instantOut,
  /** What the caller may do with it, so the web never re-derives permissions. */
  actions: z.object({ update: z.boolean(), manageMembers: z.boolean(), editConsortia: z.boolean() }),
});

export const organisationPageResponse = pageOf(organisationResponse);

export const INVITATION_ROLES = ['applicant', 'unitAdmin'] as const;
export const INVITATION_STATUSES = ['pending', 'accepted', 'revoked', 'expired'] as const;
export type InvitationRole = (typeof INVITATION_ROLES)[number];
export type InvitationStatus = (typeof INVITATION_STATUSES)[number];

export const invitationResponse = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  role: z.enum(INVITATION_ROLES),
  status: z.enum(INVITATION_STATUSES),
  createdAt: instantOut,
  expiresAt: instantOut,
  acceptedAt: instantOut.nullable(),
});

export const invitationListResponse = itemsOf(invitationResponse);
/** The link is shown once, when the invitation is made. */
export const invitationCreatedResponse = z.object({ invitation: invitationResponse, link: z.string() });
export const invitationRevokedResponse = z.object({ invitation: invitationResponse });
/** What the public invitation page shows before the invitee signs up. */
export const invitationPreviewResponse = z.object({ organisationName: z.string(), name: z.string(), role: z.enum(INVITATION_ROLES), expiresAt: instantOut });


/** Officers set the consortia an organisation belongs to (a district keeps the city and provincial lists, YJ-5). */
export const organisationConsortiaSchema = z.object({
  consortia: z.array(z.string().trim().min(2, '创新联合体名称至少 2 个字').max(100, '创新联合体名称不超过 100 个字')).max(20, '每个单位最多登记 20 个创新联合体'),
});
