import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CALL_EVENTS, CALL_STATUSES, CALL_STATUS_LABELS, callTransition, isCallEditable, isCallOpen, type CallEvent, type CallStatus } from './call-workflow.js';

const now = new Date('2026-03-01T09:00:00+08:00');
const good = { now, opensAt: new Date('2026-03-02T09:00:00+08:00'), closesAt: new Date('2026-04-01T17:00:00+08:00'), categoryCount: 2 };

// The expected table written out by hand, so a change to CALL_TRANSITIONS must be made twice, deliberately.
const EXPECTED: Record<CallStatus, Record<CallEvent, CallStatus | null>> = {
  draft: { publish: 'published', withdraw: 'archived', close: null, archive: null },
  published: { publish: null, withdraw: null, close: 'closed', archive: null },
  closed: { publish: null, withdraw: null, close: null, archive: 'archived' },
  archived: { publish: null, withdraw: null, close: null, archive: null },
};
const pairs = CALL_STATUSES.flatMap((s) => CALL_EVENTS.map((e) => [s, e, EXPECTED[s][e]] as const));

describe('call workflow table', () => {
  it.each(pairs)('%s --%s--> %s', (status, event, to) => {
    const r = callTransition(status, event, good);
    if (to === null) {
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.reason).toContain(`“${CALL_STATUS_LABELS[status]}”状态的申报指南不能`);
    } else expect(r).toEqual({ ok: true, to });
  });

  it('publish needs open < close, a category and a close time in the future, and says every reason', () => {
    const r = callTransition('draft', 'publish', { now, opensAt: new Date('2026-02-01T00:00:00+08:00'), closesAt: new Date('2026-01-01T00:00:00+08:00'), categoryCount: 0 });
    expect(r).toEqual({ ok: false, reason: '截止时间须晚于开始时间；至少选择一个项目类别；截止时间已过，不能发布' });
    expect(callTransition('draft', 'publish', { ...good, opensAt: good.closesAt })).toEqual({ ok: false, reason: '截止时间须晚于开始时间' });
    expect(callTransition('draft', 'publish', { ...good, now: good.closesAt })).toEqual({ ok: false, reason: '截止时间已过，不能发布' });
  });

  it('publish is allowed when the window has already opened, as long as it has not closed', () => {
    expect(callTransition('draft', 'publish', { ...good, now: new Date('2026-03-10T00:00:00+08:00') })).toEqual({ ok: true, to: 'published' });
  });

  it('close is allowed from published before and after the close time (officer or scheduler)', () => {
    expect(callTransition('published', 'close', good).ok).toBe(true);
    expect(callTransition('published', 'close', { ...good, now: new Date('2026-04-02T00:00:00+08:00') }).ok).toBe(true);
  });

  it('BL-1 only a draft is editable: a published call’s rules are frozen', () => {
    expect(CALL_STATUSES.filter(isCallEditable)).toEqual(['draft']);
  });
});

describe('isCallOpen', () => {
  const call = { status: 'published' as const, opensAt: '2026-03-02T09:00:00+08:00', closesAt: '2026-04-01T17:00:00+08:00' };

  it('opensAt ≤ now < closesAt, exact to the second in Asia/Shanghai', () => {
    expect(isCallOpen(call, new Date('2026-03-02T08:59:59+08:00'))).toBe(false);
    expect(isCallOpen(call, new Date('2026-03-02T09:00:00+08:00'))).toBe(true);
    expect(isCallOpen(call, new Date('2026-03-02T01:00:00Z'))).toBe(true);
    expect(isCallOpen(call, new Date('2026-04-01T16:59:59.999+08:00'))).toBe(true);
    expect(isCallOpen(call, new Date('2026-04-01T17:00:00+08:00'))).toBe(false);
    expect(isCallOpen(call, new Date('2026-04-01T09:00:00Z'))).toBe(false);
  });

  it('a call that is not published is never open', () => {
    for (const status of ['draft', 'closed', 'archived'] as const) expect(isCallOpen({ ...call, status }, new Date('2026-03-10T00:00:00+08:00'))).toBe(false);
    expect(isCallOpen({ opensAt: new Date(call.opensAt), closesAt: new Date(call.closesAt) }, new Date('2026-03-10T00:00:00+08:00'))).toBe(true);
  });

  it('agrees with whole-second comparison for any instant (property)', () => {
    const open = Date.parse(call.opensAt);
    const close = Date.parse(call.closesAt);
    fc.assert(
      fc.property(fc.integer({ min: open - 5_000, max: close + 5_000 }), (t) => {
        const s = Math.floor(t / 1000) * 1000;
        expect(isCallOpen(call, new Date(t))).toBe(open <= s && s < close);
      }),
    );
  });
});
