import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareMerit } from '../funding-plan/plan.js';
import { aggregateScores, rankByMerit, roundHalfUp, sheetTotalCenti, type SheetScore } from './aggregation.js';
import { defaultRubricCriteria, parsePointsCenti, scoringRubricSchema, sheetProblems } from './scoring.js';

const settings = { dropExtremesMin: 5 as number | null, normalise: false, divergencePoints: 20, championBonusCenti: 0 };

describe('sheet total (评分表总分)', () => {
  it('rounds half up once from the exact value', () => {
    expect(roundHalfUp(5n, 2n)).toBe(3);
    expect(roundHalfUp(7n, 3n)).toBe(2);
    expect(roundHalfUp(8n, 3n)).toBe(3);
    expect(roundHalfUp(0n, 7n)).toBe(0);
  });
  it('is the plain sum when every weight equals its maximum', () => {
    const c = defaultRubricCriteria();
    expect(sheetTotalCenti(c, { innovation: 3050, feasibility: 2000, team: 1525, benefit: 1800 })).toBe(8375);
  });
  it('weights a criterion by weight / maximum, exactly (10-point criterion worth 30: 7.33 → 21.99)', () => {
    const c = [
      { key: 'a', maxPoints: 10, weight: 30 },
      { key: 'b', maxPoints: 3, weight: 70 },
    ];
    // 733·30/10 + 100·70/3 = 2199 + 2333.33… = 4532.33… → 4532
    expect(sheetTotalCenti(c, { a: 733, b: 100 })).toBe(4532);
    // 200·70/3 = 4666.67 → 4667
    expect(sheetTotalCenti(c, { a: 0, b: 200 })).toBe(4667);
  });
  it('property: a total lies in [0, 100] points and never falls when one criterion rises', () => {
    const crit = fc.array(fc.record({ max: fc.integer({ min: 1, max: 100 }), w: fc.integer({ min: 1, max: 40 }) }), { minLength: 1, maxLength: 6 });
    fc.assert(
      fc.property(crit, fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 6, maxLength: 6 }), fc.nat(5), (cs, fr, bump) => {
        const total = cs.reduce((s, c) => s + c.w, 0);
        // Scale the weights so they add up to 100 (the last one absorbs the remainder).
        const weights = cs.map((c) => Math.max(1, Math.floor((c.w * 100) / total)));
        weights[weights.length - 1]! += 100 - weights.reduce((s, w) => s + w, 0);
        if (weights.some((w) => w < 1)) return;
        const criteria = cs.map((c, i) => ({ key: `c${i}`, maxPoints: c.max, weight: weights[i]! }));
        const points = Object.fromEntries(criteria.map((c, i) => [c.key, Math.floor(fr[i]! * c.maxPoints * 100)]));
        const t = sheetTotalCenti(criteria, points);
        expect(t).toBeGreaterThanOrEqual(0);
        expect(t).toBeLessThanOrEqual(10_000);
        const k = criteria[bump % criteria.length]!;
        const up = { ...points, [k.key]: Math.min(k.maxPoints * 100, points[k.key]! + 1) };
        expect(sheetTotalCenti(criteria, up)).toBeGreaterThanOrEqual(t);
        const full = Object.fromEntries(criteria.map((c) => [c.key, c.maxPoints * 100]));
        expect(sheetTotalCenti(criteria, full)).toBe(10_000);
      }),
    );
  });
  it('refuses points above the criterion maximum', () => {
    expect(() => sheetTotalCenti([{ key: 'a', maxPoints: 10, weight: 100 }], { a: 1001 })).toThrow(RangeError);
  });
  it('reads typed points as text (no float rounding)', () => {
    expect(parsePointsCenti('8.5')).toBe(850);
    expect(parsePointsCenti('8.25')).toBe(825);
    expect(parsePointsCenti('30')).toBe(3000);
    expect(parsePointsCenti('8.255')).toBeNull();
    expect(parsePointsCenti('-1')).toBeNull();
  });
});

describe('rubric and sheet validation', () => {
  it('weights must add up to 100 and keys be unique', () => {
    const base = { closesAt: '2026-12-20T17:00:00+08:00', aggregation: { dropExtremesMin: 5, normalise: false, divergencePoints: 20, championBonusCenti: 0 } };
    expect(scoringRubricSchema.safeParse({ ...base, criteria: defaultRubricCriteria() }).success).toBe(true);
    const bad = scoringRubricSchema.safeParse({ ...base, criteria: defaultRubricCriteria().map((c, i) => (i === 0 ? { ...c, weight: 30 } : c)) });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues[0]!.message).toContain('权重之和须为100');
  });
  it('YJ-9: marking a champion needs a bonus set by the call', () => {
    const r = scoringRubricSchema.safeParse({
      criteria: defaultRubricCriteria(),
      closesAt: '2026-12-20T17:00:00+08:00',
      aggregation: { dropExtremesMin: 5, normalise: false, divergencePoints: 20, championBonusCenti: 0 },
      champions: [{ applicationId: '6f1c1a9e-0000-4000-8000-000000000001', basis: '工信部第八批制造业单项冠军企业' }],
    });
    expect(r.success).toBe(false);
  });
  it('a submission needs every score and every required comment; a draft only the limits', () => {
    const c = defaultRubricCriteria();
    const draft = { entries: { innovation: { pointsCenti: 3600, comment: '' } }, opinion: '' };
    expect(sheetProblems({ criteria: c }, draft, false).map((p) => p.field)).toEqual(['entries.innovation.pointsCenti']);
    const full = sheetProblems({ criteria: c }, { entries: { innovation: { pointsCenti: 3000, comment: '' } }, opinion: '' }, true);
    expect(full.map((p) => p.field)).toEqual(['entries.innovation.comment', 'entries.feasibility.pointsCenti', 'entries.team.pointsCenti', 'entries.benefit.pointsCenti']);
  });
});

const sheet = (applicationId: string, expertId: string, totalCenti: number): SheetScore => ({ applicationId, expertId, totalCenti });

describe('aggregation (不见面评审)', () => {
  it('P315-5: with 5 or more scores the highest and the lowest are dropped, else a plain average', () => {
    const five = [9000, 8000, 8500, 6000, 9500].map((s, i) => sheet('A', `e${i}`, s));
    const [a] = aggregateScores(['A'], five, settings);
    expect(a!.scoreCenti).toBe(8500); // (9000 + 8000 + 8500) / 3
    expect(a!.dropped.sort()).toEqual(['e3', 'e4']);
    const four = five.slice(0, 4);
    expect(aggregateScores(['A'], four, settings)[0]!.scoreCenti).toBe(7875);
    expect(aggregateScores(['A'], five, { ...settings, dropExtremesMin: null })[0]!.scoreCenti).toBe(8200);
  });
  it('P315-5: divergence is flagged at 20 points or more between highest and lowest', () => {
    expect(aggregateScores(['A'], [sheet('A', 'x', 9000), sheet('A', 'y', 7000)], settings)[0]!.divergent).toBe(true);
    expect(aggregateScores(['A'], [sheet('A', 'x', 9000), sheet('A', 'y', 7001)], settings)[0]!.divergent).toBe(false);
  });
  it('YJ-9: a champion gets the bonus on top of the average', () => {
    const [a, b] = aggregateScores(['A', 'B'], [sheet('A', 'x', 8000), sheet('B', 'x', 8000)], { ...settings, championBonusCenti: 300 }, new Set(['A']));
    expect(a!.scoreCenti).toBe(8300);
    expect(b!.scoreCenti).toBe(8000);
  });
  it('normalisation centres a severe reviewer on the round mean, exactly', () => {
    // x gives 90 and 80, y gives 60 and 50: round mean 70; x's mean 85, y's 55.
    const sheets = [sheet('A', 'x', 9000), sheet('B', 'x', 8000), sheet('A', 'y', 6000), sheet('B', 'y', 5000)];
    const [a, b] = aggregateScores(['A', 'B'], sheets, { ...settings, normalise: true });
    expect(a!.scoreCenti).toBe(7500); // (75 + 75) / 2
    expect(b!.scoreCenti).toBe(6500);
    // A rounding case: thirds round half up once, at the end.
    const odd = [sheet('A', 'x', 9000), sheet('B', 'x', 8000), sheet('C', 'x', 8001), sheet('A', 'y', 7000)];
    // x: A 9000 − 25001/3 + 32001/4 = 103999/12 (y has one sheet: left raw) → (103999/12 + 7000) / 2 = 187999/24 = 7833.29…
    expect(aggregateScores(['A'], odd, { ...settings, normalise: true })[0]!.scoreCenti).toBe(7833);
  });
  it('property: the score lies between the lowest and highest sheet and ignores input order', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 10_000 }), { minLength: 1, maxLength: 9 }), fc.boolean(), (scores, normalise) => {
        const sheets = scores.map((s, i) => sheet('A', `e${i}`, s));
        const [a] = aggregateScores(['A'], sheets, { ...settings, normalise });
        expect(a!.scoreCenti!).toBeGreaterThanOrEqual(Math.min(...scores));
        expect(a!.scoreCenti!).toBeLessThanOrEqual(Math.max(...scores));
        const [b] = aggregateScores(['A'], [...sheets].reverse(), { ...settings, normalise });
        expect(b).toEqual({ ...a, dropped: b!.dropped });
        expect([...b!.dropped].sort()).toEqual([...a!.dropped].sort());
      }),
    );
  });
});

describe('ranking', () => {
  it('BL-4: equal scores are ranked by earlier submission, then application number', () => {
    const ranks = rankByMerit([
      { applicationId: 'a', applicationNo: 'BL2026-0003', scoreCenti: 8500, submittedAt: '2026-03-01T09:00:00+08:00' },
      { applicationId: 'b', applicationNo: 'BL2026-0002', scoreCenti: 8500, submittedAt: '2026-03-01T10:00:00+08:00' },
      { applicationId: 'c', applicationNo: 'BL2026-0001', scoreCenti: 8500, submittedAt: '2026-03-01T09:00:00+08:00' },
      { applicationId: 'd', applicationNo: 'BL2026-0004', scoreCenti: 9000, submittedAt: '2026-03-02T09:00:00+08:00' },
      { applicationId: 'e', applicationNo: 'BL2026-0005', scoreCenti: null, submittedAt: '2026-03-02T09:00:00+08:00' },
    ]);
    expect(Object.fromEntries(ranks)).toEqual({ d: 1, c: 2, a: 3, b: 4, e: null });
  });
  it('BL-4: property — ranks are 1…n in compareMerit order, whatever the input order', () => {
    const item = fc.record({ score: fc.integer({ min: 0, max: 30 }), t: fc.integer({ min: 0, max: 5 }), no: fc.integer({ min: 1, max: 9999 }) });
    fc.assert(
      fc.property(fc.uniqueArray(item, { minLength: 1, maxLength: 12, selector: (x) => x.no }), (xs) => {
        const items = xs.map((x) => ({ applicationId: `id${x.no}`, applicationNo: `NO${String(x.no).padStart(4, '0')}`, scoreCenti: x.score * 50, submittedAt: x.t * 1000 }));
        const ranks = rankByMerit(items);
        const again = rankByMerit([...items].reverse());
        expect(again).toEqual(ranks);
        const ordered = [...items].sort((a, b) => ranks.get(a.applicationId)! - ranks.get(b.applicationId)!);
        expect(ordered.map((_, i) => ranks.get(ordered[i]!.applicationId))).toEqual(items.map((_, i) => i + 1));
        for (let i = 1; i < ordered.length; i++) {
          const c = (r: (typeof items)[number]) => ({ applicationNo: r.applicationNo, score: r.scoreCenti, submittedAt: r.submittedAt, requestedYuan: 0, computedYuan: 0, category: '' });
          expect(compareMerit(c(ordered[i - 1]!), c(ordered[i]!))).toBeLessThan(0);
        }
      }),
    );
  });
});
