/** What an application looks like to a caller: masked personal data, the caller's allowed actions, live checks. */
import {
  allowedApplicationActions,
  APPLICATION_STATE_LABELS,
  checkApplication,
  maskResidentId,
  type ApplicationContent,
  type ApplicationState,
} from '@kechuang/domain';
import type { AuthContext } from '../../http/auth.js';
import type { ApplicationRow } from './access.js';
import { workflowCall, type CallContext } from './call-context.js';

/** The ID number is stored once and shown masked in every view and export. */
export function maskContent(content: ApplicationContent): ApplicationContent {
  const id = content.team?.leader?.idNumber;
  if (!id) return content;
  return { ...content, team: { ...content.team, leader: { ...content.team!.leader, idNumber: maskResidentId(id) } } };
}

/** A save that sends back the masked ID number it was shown keeps the stored one. */
export function unmaskContent(incoming: ApplicationContent, stored: ApplicationContent): ApplicationContent {
  const was = stored.team?.leader?.idNumber;
  const now = incoming.team?.leader?.idNumber;
  if (!was || now === undefined || now !== maskResidentId(was)) return incoming;
  return { ...incoming, team: { ...incoming.team, leader: { ...incoming.team!.leader, idNumber: was } } };
}

export function presentSummary(row: ApplicationRow, ctx: Pick<CallContext, 'call' | 'items'>, organisationName: string | null) {
  const content = row.content as ApplicationContent;
  const item = ctx.items.find((i) => i.id === row.guidelineItemId);
  return {
    id: row.id,
    applicationNo: row.applicationNo,
    title: content.basic?.title ?? '',
    call: { id: ctx.call.id, title: ctx.call.title, closesAt: ctx.call.closesAt.toISOString(), requiresRecommendation: ctx.call.requiresRecommendation, hasTopics: ctx.call.hasTopics },
    guidelineItem: item ? { id: item.id, code: item.code, title: item.title } : null,
    categoryCode: row.categoryCode,
    organisation: { id: row.organisationId, name: organisationName },
    state: row.state as ApplicationState,
    stateLabel: APPLICATION_STATE_LABELS[row.state as ApplicationState],
    version: row.currentVersion,
    submittedVersion: row.submittedVersion,
    submittedAt: row.submittedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function presentDetail(row: ApplicationRow, ctx: CallContext, auth: AuthContext, organisationName: string | null, lead: Parameters<typeof checkApplication>[4], now = new Date()) {
  const content = row.content as ApplicationContent;
  const state = row.state as ApplicationState;
  return {
    ...presentSummary(row, ctx, organisationName),
    content: maskContent(content),
    returnReasons: (row.returnReasons as { field: string; reason: string }[] | null) ?? [],
    returnedBy: row.returnedBy,
    ruleSet: {
      programmeCode: ctx.ruleSet.programmeCode,
      version: ctx.ruleSet.version,
      documentNo: ctx.ruleSet.documentNo,
      chainAxes: ctx.ruleSet.parameters.chainAxes,
    },
    checks: checkApplication(content, ctx.checkCall, ctx.ruleSet, now, lead),
    actions: allowedApplicationActions(state, auth.roles, { now, call: workflowCall(ctx.call) }),
  };
}
