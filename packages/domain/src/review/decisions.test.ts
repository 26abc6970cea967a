import { describe, expect, it } from 'vitest';
import { DEFAULT_INSPECTION_CHECKLIST, inspectionRecordProblems, inspectionSelection, normaliseChecklist, type InspectionRecordInput } from './inspection.js';
import { meetingDecisionProblems, type MeetingRecord } from './meetings.js';

const checklist = DEFAULT_INSPECTION_CHECKLIST;
const allPass = (): InspectionRecordInput => ({ inspectedOn: '2026-12-01', inspectors: ['张'], items: checklist.map((c) => ({ key: c.key, passed: true, finding: '' })), findings: '', result: 'passed', basis: '' });

describe('site inspection rules', () => {
  it('a complete pass has no problems', () => {
    expect(inspectionRecordProblems(checklist, allPass(), '2026-12-06')).toEqual([]);
  });
  it('BL-8: a failed verdict needs its basis; a failed item needs its finding; a pass despite a failed item needs a basis', () => {
    expect(inspectionRecordProblems(checklist, { ...allPass(), result: 'failed' }, '2026-12-06')).toEqual([{ field: 'basis', message: '核查不通过须说明依据' }]);
    const items = allPass().items.map((i, n) => (n === 0 ? { ...i, passed: false } : i));
    expect(inspectionRecordProblems(checklist, { ...allPass(), items }, '2026-12-06').map((e) => e.field)).toEqual(['items.0.finding', 'basis']);
  });
  it('every checklist item answered once, no unknown item, no future date', () => {
    const items = [...allPass().items.slice(1), { key: 'ghost', passed: true, finding: '' }, allPass().items[1]!];
    const fields = inspectionRecordProblems(checklist, { ...allPass(), items, inspectedOn: '2026-12-07' }, '2026-12-06').map((e) => e.field);
    expect(fields).toEqual(['inspectedOn', `items.${items.length - 2}.key`, `items.${items.length - 1}.key`, 'items.premises']);
  });
  it('new checklist items get unused keys; duplicates are refused', () => {
    const r = normaliseChecklist({ items: [{ key: 'item1', label: '甲' }, { label: '乙' }, { label: '丙' }] });
    expect(r.items.map((i) => i.key)).toEqual(['item1', 'item2', 'item3']);
    expect(normaliseChecklist({ items: [{ label: '甲' }, { label: '甲' }] }).errors).toHaveLength(1);
  });
  it('selection: in review or already inspected, in rank order (unranked last), cut to top N', () => {
    const c = (id: string, rank: number | null, status = 'inReview', inspection: 'passed' | 'failed' | null = null) => ({ applicationId: id, applicationNo: id, rank, status, inspection });
    const all = [c('d', null), c('b', 2), c('x', 3, 'withdrawn'), c('a', 1), c('f', 4, 'rejected', 'failed')];
    expect(inspectionSelection(all, null).map((a) => a.applicationId)).toEqual(['a', 'b', 'f', 'd']);
    expect(inspectionSelection(all, 2).map((a) => a.applicationId)).toEqual(['a', 'b']);
  });
});

describe('meeting decisions', () => {
  const A = '00000000-0000-4000-8000-00000000000a';
  const B = '00000000-0000-4000-8000-00000000000b';
  const agenda = [{ applicationId: A, capYuan: 3_000_000 }, { applicationId: B, capYuan: 1_000_000 }];
  const rec = (decisions: MeetingRecord['decisions']): MeetingRecord => ({ heldOn: '2026-12-01', minutesNo: '1号', agenda: '', minutes: '纪要', decisions });
  it('approvals within the plan and a reasoned deferral pass', () => {
    expect(meetingDecisionProblems(agenda, rec([{ applicationId: A, decision: 'approve', amountYuan: 2_500_000, note: '' }, { applicationId: B, decision: 'defer', amountYuan: null, note: '待定' }]), '2026-12-06')).toEqual([]);
  });
  it('BL-4: an amount above the planned amount is refused, in Chinese, on its field', () => {
    const errors = meetingDecisionProblems(agenda, rec([{ applicationId: A, decision: 'approve', amountYuan: 3_000_001, note: '' }, { applicationId: B, decision: 'approve', amountYuan: 1, note: '' }]), '2026-12-06');
    expect(errors).toEqual([{ field: 'decisions.0.amountYuan', message: '金额不能高于资金方案金额300万元：方案已按年度预算核定（BL-4），会议只能调减' }]);
  });
  it('reject/defer needs a note and no amount; approve needs a positive amount; every agenda item decided once', () => {
    const errors = meetingDecisionProblems(agenda, rec([{ applicationId: A, decision: 'reject', amountYuan: 5, note: '' }, { applicationId: A, decision: 'approve', amountYuan: 0, note: '' }]), '2026-12-06');
    expect(errors.map((e) => e.field)).toEqual(['decisions.0.amountYuan', 'decisions.0.note', 'decisions.1.applicationId', 'decisions.1.amountYuan', 'decisions']);
  });
});
