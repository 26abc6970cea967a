import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PROJECT_STATES } from './lifecycle.js';
import { portfolioDashboard, portfolioSums, type PortfolioGroup } from './portfolio.js';

const names = { programmes: new Map([['beilun-kct', '北仑区关键核心技术攻关项目']]), fields: new Map([['f01', '高端装备']]) };

const group = fc.record({
  state: fc.constantFrom(...PROJECT_STATES),
  programmeCode: fc.constantFrom('beilun-kct', 'other'),
  year: fc.integer({ min: 2019, max: 2027 }),
  fieldCode: fc.constantFrom('f01', 'f02', null),
  count: fc.integer({ min: 1, max: 1000 }),
  approvedYuan: fc.integer({ min: 0, max: 10 ** 10 }),
}).chain((g) =>
  fc.record({ disbursed: fc.integer({ min: 0, max: g.approvedYuan }), releasedPart: fc.integer({ min: 0, max: 100 }), repaidPart: fc.integer({ min: 0, max: 100 }) }).map(({ disbursed, releasedPart, repaidPart }): PortfolioGroup => {
    const released = Math.floor(((g.approvedYuan - disbursed) * releasedPart) / 100);
    return { ...g, committedYuan: g.approvedYuan, disbursedYuan: disbursed, releasedYuan: released, repaidYuan: Math.floor((disbursed * repaidPart) / 100) };
  }),
);

describe('portfolio dashboard', () => {
  it('every dimension adds up to the same totals, to the 元 (BL-4 reconciliation)', () => {
    fc.assert(
      fc.property(fc.array(group, { maxLength: 40 }), (groups) => {
        const d = portfolioDashboard(groups, names, '2026-12-06');
        for (const rows of [d.byState, d.byProgramme, d.byYear, d.byField, d.byProgrammeYear]) {
          for (const key of ['count', 'approvedYuan', 'committedYuan', 'disbursedYuan', 'releasedYuan', 'repaidYuan', 'undisbursedYuan'] as const) {
            expect(rows.reduce((s, r) => s + r[key], 0)).toBe(d.total[key]);
          }
        }
        expect(d.byState.map((s) => s.state)).toEqual([...PROJECT_STATES]);
      }),
    );
  });

  it('shows the disbursed share exactly, never through a float; none when nothing stays committed', () => {
    expect(portfolioSums({ count: 1, approvedYuan: 3_000_000, committedYuan: 3_000_000, disbursedYuan: 1_000_000, releasedYuan: 0, repaidYuan: 0 })).toMatchObject({ undisbursedYuan: 2_000_000, disbursedShare: '33.33' });
    expect(portfolioSums({ count: 1, approvedYuan: 1, committedYuan: 1, disbursedYuan: 0, releasedYuan: 1, repaidYuan: 0 }).disbursedShare).toBeNull();
  });

  it('names programmes and fields, a missing field last as 未填领域, and refuses an unsafe sum', () => {
    const g = (fieldCode: string | null): PortfolioGroup => ({ state: 'executing', programmeCode: 'beilun-kct', year: 2026, fieldCode, count: 1, approvedYuan: 10, committedYuan: 10, disbursedYuan: 0, releasedYuan: 0, repaidYuan: 0 });
    const d = portfolioDashboard([g(null), g('f01'), g('f09')], names, '2026-12-06');
    expect(d.byField.map((f) => f.name)).toEqual(['高端装备', 'f09', '未填领域']);
    expect(d.byProgramme[0]!.name).toBe('北仑区关键核心技术攻关项目');
    expect(() => portfolioDashboard([{ ...g('f01'), approvedYuan: 2 ** 60 }], names, '2026-12-06')).toThrow(RangeError);
  });
});
