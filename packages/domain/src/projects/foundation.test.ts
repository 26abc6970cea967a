import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { blockingRecords, integrityBlockMessage, type IntegrityRecordFacts } from './integrity.js';
import { actionsFrom, PROJECT_STATES, PROJECT_TRANSITIONS, projectTransition } from './lifecycle.js';
import { addMonths, effectiveEndDate } from './dates.js';
import { apportion, splitFiscal, taskBookFromApplication, taskBookHash } from './task-book.js';
import { exampleBeilunContent } from '../applications/fixtures.js';

describe('project lifecycle', () => {
  it('every action leads to a known state, and revocation is open from every state but revoked', () => {
    for (const t of Object.values(PROJECT_TRANSITIONS)) expect(PROJECT_STATES).toContain(t.to);
    for (const s of PROJECT_STATES) expect(projectTransition(s, 'revoke').ok).toBe(s !== 'revoked');
  });
  it('a refused action names the states it needs, in Chinese', () => {
    const r = projectTransition('approved', 'applyAcceptance');
    expect(r).toEqual({ ok: false, message: expect.stringContaining('须为：执行中') });
    expect(actionsFrom('approved')).toEqual(['sign', 'terminate', 'revoke']);
  });
  it('one rectification at acceptance: rectifying can only resubmit or fail, never rectify again', () => {
    expect(projectTransition('acceptanceRectifying', 'acceptRectify').ok).toBe(false);
    expect(projectTransition('acceptanceRectifying', 'resubmitAcceptance')).toEqual({ ok: true, to: 'accepting' });
  });
  it('an early acceptance application returned by the bureau puts the project back to executing, only from accepting', () => {
    expect(projectTransition('accepting', 'returnAcceptance')).toEqual({ ok: true, to: 'executing' });
    expect(projectTransition('acceptanceRectifying', 'returnAcceptance').ok).toBe(false);
    expect(actionsFrom('accepting')).toContain('returnAcceptance');
  });
});

describe('deadlines move with the effective end date', () => {
  it('adds calendar months, clamping to the month end', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2027-12-31', 6)).toBe('2028-06-30');
    expect(addMonths('2026-03-15', -3)).toBe('2025-12-15');
    expect(effectiveEndDate('2027-12-31', [6, 3])).toBe('2028-09-30');
  });
});

describe('NB-7 exact money split', () => {
  it('city and district shares always sum to the approved amount, to the 元', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 1e10 }), fc.integer({ min: 0, max: 1e9 }), fc.integer({ min: 0, max: 1e9 }), (total, c, d) => {
      const s = splitFiscal(total, c, d);
      return s.cityYuan + s.districtYuan === total && s.cityYuan >= 0 && s.districtYuan >= 0;
    }));
  });
  it('apportion keeps each line\'s share and sums exactly (largest remainder)', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 1e10 }), fc.array(fc.integer({ min: 0, max: 1e8 }), { minLength: 1, maxLength: 10 }), (total, w) => {
      const out = apportion(total, w);
      const sum = w.reduce((a, b) => a + b, 0);
      return out.reduce((a, b) => a + b, 0) === total && (sum === 0 || out.every((x, i) => Math.abs(x * sum - total * w[i]!) < sum));
    }));
  });
  it('the first task book carries the application\'s indicators and plan, its fiscal budget scaled to the approved amount; the hash is stable', () => {
    const tb = taskBookFromApplication({ projectNo: 'BEILUN-2026-001', approvedAmountYuan: 1_234_567, bureauName: '演示科技局', undertaker: { name: '演示单位', creditCode: '91330206MA2AAAAA0X' }, department: null, content: exampleBeilunContent() });
    expect(tb.indicators.length).toBe(exampleBeilunContent().indicators!.length);
    expect(tb.budget.reduce((s, l) => s + l.fiscalCityYuan + l.fiscalDistrictYuan, 0)).toBe(1_234_567);
    expect(tb.fiscal.cityYuan + tb.fiscal.districtYuan).toBe(1_234_567);
    expect(taskBookHash(tb)).toBe(taskBookHash(structuredClone(tb)));
  });
});

describe('integrity records block while the ban runs', () => {
  const rec: IntegrityRecordFacts = { id: 'r1', subjectKind: 'person', subjectKey: '33020619800101001X', subjectName: '张某', behaviour: '数据造假', severity: 'serious', decisionNo: '仑科信〔2026〕1号', banFrom: '2026-01-01', banUntil: '2028-12-31', appealStatus: 'none', revoked: false };
  it('a person\'s record also bars the same ID number as an expert; lower-case x matches', () => {
    expect(blockingRecords([rec], [{ kind: 'expert', key: '33020619800101001x' }], '2026-06-01')).toHaveLength(1);
    expect(blockingRecords([rec], [{ kind: 'organisation', key: '33020619800101001X' }], '2026-06-01')).toHaveLength(0);
    expect(blockingRecords([rec], [{ kind: 'person', key: '33020619800101001X' }], '2029-01-01')).toHaveLength(0);
    expect(blockingRecords([{ ...rec, revoked: true }], [{ kind: 'person', key: rec.subjectKey }], '2026-06-01')).toHaveLength(0);
    expect(integrityBlockMessage('submit', [rec])).toContain('不能提交申报：个人「张某」因「数据造假」（较重，仑科信〔2026〕1号）限制至 2028-12-31');
  });
});
