/**
 * The call (申报指南) workflow as a table: state × event → state with a named guard.
 *
 *   draft     --publish-->  published   guard windowValid: opens < closes, ≥ 1 category, closes in the future
 *   draft     --withdraw--> archived    guard always: a draft that will not be published is kept, read-only,
 *                                       for the record instead of being deleted (nobody could have applied)
 *   published --close-->    closed      guard always: by an officer (e.g. the call is cancelled) or by the
 *                                       scheduler once closesAt has passed; the window check below stops
 *                                       applications at closesAt even before the scheduler runs
 *   closed    --archive-->  archived    guard always
 *
 * A published call cannot be withdrawn or reopened: applicants rely on its frozen rules, so it is closed.
 */

export const CALL_STATUSES = ['draft', 'published', 'closed', 'archived'] as const;
export type CallStatus = (typeof CALL_STATUSES)[number];

export const CALL_EVENTS = ['publish', 'withdraw', 'close', 'archive'] as const;
export type CallEvent = (typeof CALL_EVENTS)[number];

export const CALL_STATUS_LABELS: Record<CallStatus, string> = { draft: '草稿', published: '已发布', closed: '已截止', archived: '已归档' };
export const CALL_EVENT_LABELS: Record<CallEvent, string> = { publish: '发布', withdraw: '撤回草稿', close: '截止', archive: '归档' };

export interface CallTransitionContext {
  now: Date;
  opensAt: Date;
  closesAt: Date;
  categoryCount: number;
}

export type CallGuard = 'always' | 'windowValid';

/** Guards return every reason a transition is refused (empty = allowed). */
const GUARDS: Record<CallGuard, (ctx: CallTransitionContext) => string[]> = {
  always: () => [],
  windowValid: (ctx) => {
    const reasons: string[] = [];
    if (!(ctx.opensAt.getTime() < ctx.closesAt.getTime())) reasons.push('截止时间须晚于开始时间');
    if (ctx.categoryCount < 1) reasons.push('至少选择一个项目类别');
    if (!(ctx.closesAt.getTime() > ctx.now.getTime())) reasons.push('截止时间已过，不能发布');
    return reasons;
  },
};

export const CALL_TRANSITIONS: Record<CallStatus, Partial<Record<CallEvent, { to: CallStatus; guard: CallGuard }>>> = {
  draft: { publish: { to: 'published', guard: 'windowValid' }, withdraw: { to: 'archived', guard: 'always' } },
  published: { close: { to: 'closed', guard: 'always' } },
  closed: { archive: { to: 'archived', guard: 'always' } },
  archived: {},
};

export function callTransition(status: CallStatus, event: CallEvent, ctx: CallTransitionContext): { ok: true; to: CallStatus } | { ok: false; reason: string } {
  const t = CALL_TRANSITIONS[status]?.[event];
  if (!t) return { ok: false, reason: `“${CALL_STATUS_LABELS[status] ?? status}”状态的申报指南不能${CALL_EVENT_LABELS[event] ?? event}` };
  const reasons = GUARDS[t.guard](ctx);
  return reasons.length ? { ok: false, reason: reasons.join('；') } : { ok: true, to: t.to };
}

/** Only a draft may be edited: once published, the call's rules are frozen (BL-1). */
export function isCallEditable(status: CallStatus): boolean {
  return status === 'draft';
}

const toDate = (d: Date | string) => (d instanceof Date ? d : new Date(d));
const wholeSeconds = (d: Date) => Math.floor(d.getTime() / 1000);

/**
 * Whether a call accepts applications at `now`: opensAt ≤ now < closesAt, to the second (the window is set in
 * whole seconds of Asia/Shanghai time; the offset does not change the instant). A status other than
 * 'published', when given, means closed.
 */
export function isCallOpen(call: { status?: CallStatus; opensAt: Date | string; closesAt: Date | string }, now: Date): boolean {
  if (call.status !== undefined && call.status !== 'published') return false;
  const t = wholeSeconds(now);
  return wholeSeconds(toDate(call.opensAt)) <= t && t < wholeSeconds(toDate(call.closesAt));
}
