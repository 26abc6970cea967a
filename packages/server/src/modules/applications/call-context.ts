/** The call, rule set and lead organisation an application is checked against, from the contexts that own them. */
import type { ApplicationCall, ApplicationLead, AttachmentKind, FormSection, OrganisationType } from '@kechuang/domain';
import type { Tx } from '../../db/client.js';
import { findOrganisation } from '../organisations/service.js';
import { callForApplications } from '../programmes/calls.js';
import type { ApplicationRow } from './access.js';

export type CallContext = Awaited<ReturnType<typeof loadCallContext>>;

export async function loadCallContext(db: Tx, callId: string, at: Date) {
  const { call, items, programme, ruleSet } = await callForApplications(db, callId, at);
  const checkCall: ApplicationCall = {
    status: call.status,
    opensAt: call.opensAt,
    closesAt: call.closesAt,
    categoryCodes: call.categoryCodes,
    fieldCodes: call.fieldCodes,
    guidelineItemCodes: items.map((i) => i.code),
    formSections: call.formSections as FormSection[],
    requiredAttachments: call.requiredAttachments as AttachmentKind[],
    eligibility: call.eligibility as ApplicationCall['eligibility'],
    requiresRecommendation: call.requiresRecommendation,
    hasTopics: call.hasTopics,
  };
  return { call, items, programme, ruleSet, checkCall };
}

export async function loadLead(db: Tx, row: Pick<ApplicationRow, 'organisationId'>): Promise<ApplicationLead & { creditCode: string }> {
  const org = await findOrganisation(db, row.organisationId);
  if (!org) throw new Error(`organisation ${row.organisationId} of an application is missing`);
  return { name: org.name, organisationType: org.type as OrganisationType, region: org.region, tiers: [], creditCode: org.creditCode };
}

/** The workflow's view of the call. */
export function workflowCall(c: CallContext['call']) {
  return { status: c.status, opensAt: c.opensAt, closesAt: c.closesAt, requiresRecommendation: c.requiresRecommendation };
}
