import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../accounts/roles.js';
import {
  allowedApplicationActions,
  APPLICATION_EVENTS,
  APPLICATION_STATE_LABELS,
  APPLICATION_STATES,
  applicationTransition,
  authoriseApplicationEvent,
  isApplicationEditable,
  type ApplicationEvent,
  type ApplicationState,
} from './workflow.js';

const open = { status: 'published', opensAt: '2026-03-02T09:00:00+08:00', closesAt: '2026-04-01T17:00:00+08:00', requiresRecommendation: false };
const now = new Date('2026-03-10T10:00:00+08:00');
const ctx = { now, call: open };
const withRec = { now, call: { ...open, requiresRecommendation: true } };
const afterClose = { now: new Date('2026-04-01T17:00:00+08:00'), call: open };

// The expected tables written out by hand, so a change to APPLICATION_TRANSITIONS must be made twice, deliberately.
type Table = Record<ApplicationState, Partial<Record<ApplicationEvent, ApplicationState>>>;
const WITHOUT_RECOMMENDATION: Table = {
  draft: { submit: 'submitted' },
  submitted: { withdraw: 'draft', endorse: 'endorsed', return: 'returned' },
  endorsed: { accept: 'accepted', return: 'returned' },
  recommended: { accept: 'accepted', return: 'returned' },
  accepted: {},
  returned: { resubmit: 'submitted' },
};
const WITH_RECOMMENDATION: Table = { ...WITHOUT_RECOMMENDATION, endorsed: { recommend: 'recommended', return: 'returned' } };
const AFTER_CLOSE: Table = { ...WITHOUT_RECOMMENDATION, draft: {}, submitted: { endorse: 'endorsed', return: 'returned' } };

const pairs = (table: Table) => APPLICATION_STATES.flatMap((s) => APPLICATION_EVENTS.map((e) => [s, e, table[s][e] ?? null] as const));

describe('application workflow table', () => {
  it.each(pairs(WITHOUT_RECOMMENDATION))('call without recommendation, open: %s --%s--> %s', (state, event, to) => {
    const r = applicationTransition(state, event, ctx);
    if (to === null) expect(r.ok).toBe(false);
    else expect(r).toMatchObject({ ok: true, to });
  });

  it.each(pairs(WITH_RECOMMENDATION))('call requiring 推荐单位 recommendation: %s --%s--> %s', (state, event, to) => {
    const r = applicationTransition(state, event, withRec);
    if (to === null) expect(r.ok).toBe(false);
    else expect(r).toMatchObject({ ok: true, to });
  });

  it.each(pairs(AFTER_CLOSE))('after the close to the second: %s --%s--> %s', (state, event, to) => {
    const r = applicationTransition(state, event, afterClose);
    if (to === null) expect(r.ok).toBe(false);
    else expect(r).toMatchObject({ ok: true, to });
  });

  it('a refused event names the state in Chinese', () => {
    const r = applicationTransition('accepted', 'withdraw', ctx);
    expect(r).toEqual({ ok: false, reason: `“${APPLICATION_STATE_LABELS.accepted}”状态的申报书不能撤回` });
  });

  it('submission is refused one second before opening and at the close, to the second in Asia/Shanghai', () => {
    expect(applicationTransition('draft', 'submit', { now: new Date('2026-03-02T08:59:59+08:00'), call: open }).ok).toBe(false);
    expect(applicationTransition('draft', 'submit', { now: new Date('2026-04-01T16:59:59.999+08:00'), call: open }).ok).toBe(true);
    expect(applicationTransition('draft', 'submit', { now: new Date('2026-04-01T09:00:00Z'), call: open })).toEqual({ ok: false, reason: '申报指南不在申报时间内（已截止或尚未开始），不能执行此操作' });
  });

  it('a call that is no longer published refuses submission even inside its window', () => {
    expect(applicationTransition('draft', 'submit', { now, call: { ...open, status: 'closed' } }).ok).toBe(false);
  });

  it('the return after endorsement belongs to the recommending unit where the call requires one, else to the officer', () => {
    expect(applicationTransition('endorsed', 'return', ctx)).toMatchObject({ actor: 'officer' });
    expect(applicationTransition('endorsed', 'return', withRec)).toMatchObject({ actor: 'recommender' });
  });
});

describe('who may act', () => {
  it.each([
    ['draft', 'submit', ['applicant'], true],
    ['draft', 'submit', ['unitAdmin', 'applicant'], true],
    ['draft', 'submit', ['officer'], false],
    ['submitted', 'withdraw', ['applicant'], true],
    ['submitted', 'endorse', ['applicant'], false],
    ['submitted', 'endorse', ['unitAdmin'], true],
    ['submitted', 'return', ['officer'], false],
    ['endorsed', 'accept', ['officer'], true],
    ['endorsed', 'accept', ['unitAdmin'], false],
    ['recommended', 'return', ['recommender'], false],
    ['returned', 'resubmit', ['applicant'], true],
    ['returned', 'resubmit', ['expert'], false],
  ] as [ApplicationState, ApplicationEvent, Role[], boolean][])('%s --%s-- by %j: %s', (state, event, roles, ok) => {
    expect(authoriseApplicationEvent(state, event, roles, ctx).ok).toBe(ok);
  });

  it('an expert, a department, a leader and the 三员 have no action in any state', () => {
    for (const s of APPLICATION_STATES) for (const role of ['expert', 'department', 'leader', 'sysadmin', 'secadmin', 'auditor'] as Role[]) expect(allowedApplicationActions(s, [role], withRec)).toEqual([]);
  });

  it('actions: the applicant edits and submits a draft; the unit admin endorses or returns; only the recommender recommends', () => {
    expect(allowedApplicationActions('draft', ['applicant'], ctx)).toEqual(['edit', 'submit']);
    expect(allowedApplicationActions('draft', ['applicant'], afterClose)).toEqual(['edit']);
    expect(allowedApplicationActions('submitted', ['applicant'], ctx)).toEqual(['withdraw']);
    expect(allowedApplicationActions('submitted', ['unitAdmin', 'applicant'], ctx)).toEqual(['withdraw', 'endorse', 'return']);
    expect(allowedApplicationActions('endorsed', ['recommender'], withRec)).toEqual(['recommend', 'return']);
    expect(allowedApplicationActions('endorsed', ['officer'], withRec)).toEqual([]);
    expect(allowedApplicationActions('endorsed', ['officer'], ctx)).toEqual(['accept', 'return']);
    expect(allowedApplicationActions('returned', ['applicant'], afterClose)).toEqual(['edit', 'resubmit']);
    expect(allowedApplicationActions('accepted', ['officer'], ctx)).toEqual([]);
  });

  it('only a draft or a returned application is editable', () => {
    expect(APPLICATION_STATES.filter(isApplicationEditable)).toEqual(['draft', 'returned']);
  });

  it('every allowed action is a transition the table accepts for those roles (property)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...APPLICATION_STATES),
        fc.subarray([...ROLES]),
        fc.boolean(),
        fc.integer({ min: Date.parse('2026-02-01T00:00:00Z'), max: Date.parse('2026-05-01T00:00:00Z') }),
        (state, roles, requiresRecommendation, t) => {
          const c = { now: new Date(t), call: { ...open, requiresRecommendation } };
          for (const a of allowedApplicationActions(state, roles, c)) {
            if (a === 'edit') expect(isApplicationEditable(state)).toBe(true);
            else expect(authoriseApplicationEvent(state, a, roles, c).ok).toBe(true);
          }
          // accepted is terminal; nothing leaves it
          if (state === 'accepted') expect(allowedApplicationActions(state, roles, c)).toEqual([]);
        },
      ),
    );
  });
});
