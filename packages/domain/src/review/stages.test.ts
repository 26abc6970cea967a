import { describe, expect, it } from 'vitest';
import { canAdvanceStage, nextReviewStage, REVIEW_STAGES, stageProblems } from './stages.js';

describe('review stages (BL-8)', () => {
  it('BL-8: the procedure runs in the seed order, review → inspection → party meeting → executive meeting → notice → approval', () => {
    const order = REVIEW_STAGES.filter((s) => ['scoring', 'inspection', 'partyMeeting', 'executiveMeeting', 'notice', 'approved'].includes(s));
    expect(order).toEqual(['scoring', 'inspection', 'partyMeeting', 'executiveMeeting', 'notice', 'approved']);
  });
  it('BL-8: only one step forward, no skipping and no going back', () => {
    for (const [i, from] of REVIEW_STAGES.entries()) {
      for (const [j, to] of REVIEW_STAGES.entries()) expect(canAdvanceStage(from, to)).toBe(j === i + 1);
    }
    expect(nextReviewStage('approved')).toBeNull();
  });
  it('explains in Chinese which stage an action needs', () => {
    expect(stageProblems('scoring', 'scoring')).toEqual([]);
    expect(stageProblems('assigning', ['notice', 'approved'])[0]).toContain('社会公示');
  });
});

describe('formatCenti', () => {
  it('shows 1/100 points exactly', async () => {
    const { formatCenti } = await import('./format.js');
    expect(formatCenti(8725)).toBe('87.25');
    expect(formatCenti(5)).toBe('0.05');
    expect(formatCenti(-150)).toBe('-1.50');
    expect(() => formatCenti(1.5)).toThrow();
  });
});
