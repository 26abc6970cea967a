import { describe, expect, it } from 'vitest';
import { REPORT_STATES, type ReportState } from './types.js';
import { isEvidenceEditable, REPORT_EVENTS, reportActions, reportTransition, revisionAfter, saveEventFor, type ReportEvent } from './report-workflow.js';

const EXPECTED: Record<ReportState, Partial<Record<ReportEvent, ReportState>>> = {
  draft: { save: 'draft', submit: 'submitted' },
  returned: { save: 'draft', submit: 'submitted' },
  submitted: { accept: 'accepted', return: 'returned' },
  accepted: { correct: 'draft' },
};

const pairs = REPORT_STATES.flatMap((s) => REPORT_EVENTS.map((e) => [s, e, EXPECTED[s][e] ?? null] as const));

describe('P315-3 monthly report workflow', () => {
  it.each(pairs)('%s --%s--> %s', (state, event, to) => {
    const r = reportTransition(state, event);
    if (to === null) {
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.reason).toMatch(/[\u4e00-\u9fff]/);
    } else {
      expect(r).toEqual({ ok: true, to });
    }
  });

  it('covers every state and event (4 × 5 pairs)', () => {
    expect(pairs).toHaveLength(20);
  });

  it('a save on an accepted report is a correction and opens a new revision', () => {
    expect(saveEventFor('accepted')).toBe('correct');
    expect(saveEventFor('draft')).toBe('save');
    expect(saveEventFor('returned')).toBe('save');
    expect(revisionAfter('correct', 3)).toBe(4);
    expect(revisionAfter('save', 3)).toBe(3);
    expect(revisionAfter('accept', 3)).toBe(3);
  });

  it.each([
    ['draft', 'unit', ['save', 'submit']],
    ['returned', 'unit', ['save', 'submit']],
    ['submitted', 'unit', []],
    ['accepted', 'unit', ['correct']],
    ['submitted', 'bureau', ['accept', 'return']],
    ['draft', 'bureau', []],
    ['accepted', 'bureau', []],
  ] as const)('actions on %s for the %s', (state, actor, actions) => {
    expect(reportActions(state, actor)).toEqual(actions);
  });

  it.each([
    ['draft', true],
    ['returned', true],
    ['submitted', false],
    ['accepted', false],
  ] as const)('evidence on a %s report editable: %s', (state, editable) => {
    expect(isEvidenceEditable(state)).toBe(editable);
  });
});
