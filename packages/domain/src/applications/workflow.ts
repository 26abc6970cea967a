/**
 * The application (申报书) workflow as a table: state × event → state with a named guard and the role whose
 * turn it is. The chain is draft → submitted → endorsed (单位管理员) → recommended (推荐单位, only where the
 * call requires it) → accepted (经办人, 形式审查); any level may send it back (returned) with reasons, and the
 * applicant revises and resubmits.
 *
 *   draft     --submit-->    submitted   guard callOpen          applicant
 *   submitted --withdraw-->  draft       guard callOpen          applicant  (撤回: the unit admin has not acted yet)
 *   submitted --endorse-->   endorsed    guard always            unitAdmin
 *   submitted --return-->    returned    guard always            unitAdmin
 *   endorsed  --recommend--> recommended guard needsRecommendation  recommender
 *   endorsed  --accept-->    accepted    guard noRecommendation  officer
 *   endorsed  --return-->    returned    guard always            recommender where the call requires one, else officer
 *   recommended --accept-->  accepted    guard always            officer
 *   recommended --return-->  returned    guard always            officer
 *   returned  --resubmit-->  submitted   guard always            applicant  (a return invites a revision, so the
 *                                                                           call's close does not cut it off)
 * Withdrawal (撤回) is not a state of its own: the application goes back to draft and can be submitted again
 * while the call is open. Once a higher level has acted, only that level can send it back.
 */
import { isCallOpen } from '../programmes/call-workflow.js';
import type { Role } from '../accounts/roles.js';

export const APPLICATION_STATES = ['draft', 'submitted', 'endorsed', 'recommended', 'accepted', 'returned'] as const;
export type ApplicationState = (typeof APPLICATION_STATES)[number];

export const APPLICATION_EVENTS = ['submit', 'withdraw', 'endorse', 'recommend', 'accept', 'return', 'resubmit'] as const;
export type ApplicationEvent = (typeof APPLICATION_EVENTS)[number];

export const APPLICATION_STATE_LABELS: Record<ApplicationState, string> = {
  draft: '草稿',
  submitted: '已提交（待单位审核）',
  endorsed: '单位已审核',
  recommended: '已推荐',
  accepted: '已受理（形式审查通过）',
  returned: '已退回修改',
};

export const APPLICATION_EVENT_LABELS: Record<ApplicationEvent, string> = {
  submit: '提交',
  withdraw: '撤回',
  endorse: '单位审核通过',
  recommend: '推荐',
  accept: '受理（形式审查通过）',
  return: '退回修改',
  resubmit: '重新提交',
};

/** What the workflow needs to know about the call and the clock. */
export interface ApplicationTransitionContext {
  now: Date;
  call: { status?: string; opensAt: Date | string; closesAt: Date | string; requiresRecommendation: boolean };
}

export type ApplicationGuard = 'always' | 'callOpen' | 'needsRecommendation' | 'noRecommendation';

/** The level that acts on an event: the applicant side, the unit admin, the recommending unit or the bureau officer. */
export type ApplicationActor = 'applicant' | 'unitAdmin' | 'recommender' | 'officer';

const GUARDS: Record<ApplicationGuard, (ctx: ApplicationTransitionContext) => string[]> = {
  always: () => [],
  callOpen: (ctx) => (isCallOpen(ctx.call as Parameters<typeof isCallOpen>[0], ctx.now) ? [] : ['申报指南不在申报时间内（已截止或尚未开始），不能执行此操作']),
  needsRecommendation: (ctx) => (ctx.call.requiresRecommendation ? [] : ['本指南不需要推荐单位推荐']),
  noRecommendation: (ctx) => (ctx.call.requiresRecommendation ? ['本指南须先经推荐单位推荐'] : []),
};

interface Transition {
  to: ApplicationState;
  guard: ApplicationGuard;
  /** Who acts; a function where it depends on the call (the return after endorsement). */
  actor: ApplicationActor | ((ctx: ApplicationTransitionContext) => ApplicationActor);
}

export const APPLICATION_TRANSITIONS: Record<ApplicationState, Partial<Record<ApplicationEvent, Transition>>> = {
  draft: { submit: { to: 'submitted', guard: 'callOpen', actor: 'applicant' } },
  submitted: {
    withdraw: { to: 'draft', guard: 'callOpen', actor: 'applicant' },
    endorse: { to: 'endorsed', guard: 'always', actor: 'unitAdmin' },
    return: { to: 'returned', guard: 'always', actor: 'unitAdmin' },
  },
  endorsed: {
    recommend: { to: 'recommended', guard: 'needsRecommendation', actor: 'recommender' },
    accept: { to: 'accepted', guard: 'noRecommendation', actor: 'officer' },
    return: { to: 'returned', guard: 'always', actor: (ctx) => (ctx.call.requiresRecommendation ? 'recommender' : 'officer') },
  },
  recommended: {
    accept: { to: 'accepted', guard: 'always', actor: 'officer' },
    return: { to: 'returned', guard: 'always', actor: 'officer' },
  },
  accepted: {},
  returned: { resubmit: { to: 'submitted', guard: 'always', actor: 'applicant' } },
};

/** Roles that may act as each level. A unit admin is also an applicant of its organisation. */
export const APPLICATION_ACTOR_ROLES: Record<ApplicationActor, readonly Role[]> = {
  applicant: ['applicant', 'unitAdmin'],
  unitAdmin: ['unitAdmin'],
  recommender: ['recommender'],
  officer: ['officer'],
};

export type ApplicationTransitionResult = { ok: true; to: ApplicationState; actor: ApplicationActor } | { ok: false; reason: string };

/** The table alone (no roles): whether the event applies in this state under the call's settings and time. */
export function applicationTransition(state: ApplicationState, event: ApplicationEvent, ctx: ApplicationTransitionContext): ApplicationTransitionResult {
  const t = APPLICATION_TRANSITIONS[state]?.[event];
  if (!t) return { ok: false, reason: `“${APPLICATION_STATE_LABELS[state] ?? state}”状态的申报书不能${APPLICATION_EVENT_LABELS[event] ?? event}` };
  const reasons = GUARDS[t.guard](ctx);
  if (reasons.length) return { ok: false, reason: reasons.join('；') };
  return { ok: true, to: t.to, actor: typeof t.actor === 'function' ? t.actor(ctx) : t.actor };
}

/** The level that acts on the event in this state (null when the table has no such transition). */
export function applicationActorOf(state: ApplicationState, event: ApplicationEvent, ctx: ApplicationTransitionContext): ApplicationActor | null {
  const t = APPLICATION_TRANSITIONS[state]?.[event];
  if (!t) return null;
  return typeof t.actor === 'function' ? t.actor(ctx) : t.actor;
}

/** Whether one of the roles may act as the level. */
export function canActAs(roles: readonly Role[], actor: ApplicationActor): boolean {
  return roles.some((r) => APPLICATION_ACTOR_ROLES[actor].includes(r));
}

/** The table plus the caller's roles: the one check every action endpoint runs. */
export function authoriseApplicationEvent(state: ApplicationState, event: ApplicationEvent, roles: readonly Role[], ctx: ApplicationTransitionContext): ApplicationTransitionResult {
  const r = applicationTransition(state, event, ctx);
  if (!r.ok) return r;
  if (!canActAs(roles, r.actor)) return { ok: false, reason: `只有${ACTOR_LABELS[r.actor]}可以${APPLICATION_EVENT_LABELS[event]}` };
  return r;
}

const ACTOR_LABELS: Record<ApplicationActor, string> = { applicant: '申报单位', unitAdmin: '单位管理员', recommender: '推荐单位', officer: '科技局经办人' };

/** States in which the applicant edits the content (autosave). */
export function isApplicationEditable(state: ApplicationState): boolean {
  return state === 'draft' || state === 'returned';
}

export type ApplicationAction = ApplicationEvent | 'edit';

/**
 * What the caller may do now, for the response's `actions` (the web never re-derives permissions). `edit` is
 * the autosave of a draft or a returned application by the applicant side; the record-level check (own
 * organisation) is the server's.
 */
export function allowedApplicationActions(state: ApplicationState, roles: readonly Role[], ctx: ApplicationTransitionContext): ApplicationAction[] {
  const out: ApplicationAction[] = [];
  if (isApplicationEditable(state) && canActAs(roles, 'applicant')) out.push('edit');
  for (const event of APPLICATION_EVENTS) if (authoriseApplicationEvent(state, event, roles, ctx).ok) out.push(event);
  return out;
}
