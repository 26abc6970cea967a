/** The API view of an organisation, with the actions the caller may take on it. */
import { hasPermission, type IndustrySection, type OrganisationType, type Role } from '@kechuang/domain';
import type { organisations } from './schema.js';

export type OrganisationRow = typeof organisations.$inferSelect;

export function presentOrganisation(o: OrganisationRow, roles: readonly Role[], callerOrganisationId: string | null) {
  const own = callerOrganisationId === o.id;
  return {
    id: o.id,
    name: o.name,
    creditCode: o.creditCode,
    type: o.type as OrganisationType,
    region: o.region,
    industry: o.industry as IndustrySection,
    address: o.address,
    contactName: o.contactName,
    contactPhone: o.contactPhone,
    contactEmail: o.contactEmail,
    consortia: o.consortia,
    createdAt: o.createdAt.toISOString(),
    updatedAt: o.updatedAt.toISOString(),
    actions: {
      update: own && hasPermission(roles, 'organisation.update'),
      manageMembers: own && hasPermission(roles, 'organisation.members'),
      editConsortia: hasPermission(roles, 'review.manage'),
    },
  };
}
