import { describe, expect, it } from 'vitest';
import { compareReported, compareReportedCount, isEnterpriseInvolved, isJointProject, mergePortfolioRecords, portfolioStats } from './portfolio.js';
import type { PortfolioProject } from './types.js';

function projects(year: number, counts: { joint: number; enterpriseOnly: number; universityOnly: number }): PortfolioProject[] {
  return [
    ...Array.from({ length: counts.joint }, (_, i): PortfolioProject => (i % 2 === 0 ? { year, leadType: 'enterprise', participantTypes: ['enterprise', 'university'] } : { year, leadType: 'institute', participantTypes: ['institute', 'enterprise'] })),
    ...Array.from({ length: counts.enterpriseOnly }, (): PortfolioProject => ({ year, leadType: 'enterprise', participantTypes: ['enterprise'] })),
    ...Array.from({ length: counts.universityOnly }, (): PortfolioProject => ({ year, leadType: 'university', participantTypes: ['university', 'hospital'] })),
  ];
}

describe('YJ-2 portfolio statistics', () => {
  it('YJ-2 2024: 301 projects, 169 joint → 56.15%, not the reported 56.17% (differs by 0.02)', () => {
    const stats = portfolioStats(projects(2024, { joint: 169, enterpriseOnly: 60, universityOnly: 72 }));
    expect(stats).toEqual([{ year: 2024, approved: 301, joint: 169, jointShare: '56.15', enterpriseInvolved: 229, enterpriseShare: '76.08' }]);
    const c = compareReported({ num: 169, den: 301 }, '56.17%');
    expect(c).toEqual({ computed: '56.15', reported: '56.17', reportedPlaces: 2, differs: true, difference: '0.02', text: '按记录计算 169/301 = 56.15%，报告值 56.17%，相差 0.02 个百分点' });
  });

  it('YJ-2 a reported "76%" is compared at its own precision: 76.08% is not a discrepancy', () => {
    const c = compareReported({ num: 229, den: 301 }, '76%');
    expect(c).toMatchObject({ computed: '76.08', reported: '76', reportedPlaces: 0, differs: false, difference: '-0.08' });
    expect(c.text).toBe('按记录计算 229/301 = 76.08%，报告值 76%；报告值精确到整数，按此精度计算值为 76%，与报告值一致，不视为差异');
    expect(compareReported({ num: 232, den: 301 }, '76%')).toMatchObject({ computed: '77.08', differs: true, difference: '-1.08' });
    expect(compareReported({ num: 232, den: 301 }, '76%').text).toBe('按记录计算 232/301 = 77.08%，报告值 76%，相差 1.08 个百分点');
  });

  it('an equal figure agrees; more reported places are compared at those places', () => {
    expect(compareReported({ num: 169, den: 301 }, '56.15').text).toBe('按记录计算 169/301 = 56.15%，与报告值 56.15% 一致');
    expect(compareReported({ num: 169, den: 301 }, '56.146%')).toMatchObject({ computed: '56.146', differs: false, difference: '0.000' });
    expect(compareReported({ num: 169, den: 301 }, '56.1%')).toMatchObject({ computed: '56.15', reportedPlaces: 1, differs: false });
  });

  it('refuses a reported figure that is not a number, and a zero denominator', () => {
    expect(() => compareReported({ num: 1, den: 2 }, '约五成')).toThrow('报告值无效');
    expect(() => compareReported({ num: 1, den: 0 }, '50%')).toThrow(RangeError);
  });

  it('counts per year in year order; the lead counts as a participant', () => {
    const stats = portfolioStats([
      { year: 2025, leadType: 'enterprise', participantTypes: [] },
      { year: 2023, leadType: 'university', participantTypes: ['enterprise'] },
      { year: 2023, leadType: 'hospital', participantTypes: ['other'] },
    ]);
    expect(stats).toEqual([
      { year: 2023, approved: 2, joint: 1, jointShare: '50.00', enterpriseInvolved: 1, enterpriseShare: '50.00' },
      { year: 2025, approved: 1, joint: 0, jointShare: '0.00', enterpriseInvolved: 1, enterpriseShare: '100.00' },
    ]);
    expect(portfolioStats([])).toEqual([]);
    expect(isJointProject({ year: 2024, leadType: 'enterprise', participantTypes: ['hospital'] })).toBe(false);
    expect(isEnterpriseInvolved({ year: 2024, leadType: 'institute', participantTypes: ['university'] })).toBe(false);
  });
});

describe('YJ-2 reported counts', () => {
  it('compares a reported count with the records exactly, thousands separators allowed', () => {
    expect(compareReportedCount(301, '301')).toMatchObject({ computed: '301', reported: '301', differs: false, difference: '0', text: '按记录计算 301，与报告值一致' });
    expect(compareReportedCount(1230, '1,234')).toMatchObject({ reported: '1234', differs: true, difference: '4' });
    expect(compareReportedCount(302, '301')).toMatchObject({ differs: true, difference: '-1' });
    expect(() => compareReportedCount(1, 'abc')).toThrow(RangeError);
  });
});

describe('YJ-2 from the platform’s project records', () => {
  it('YJ-2 counts each platform project from its lead and partners’ types, adds imported rows not approved here, and counts a project in both once', () => {
    const platform = [
      { projectNo: 'P-1', year: 2026, leadType: 'enterprise', partnerTypes: ['university'] },
      { projectNo: 'P-2', year: 2026, leadType: 'enterprise', partnerTypes: [] },
      { projectNo: 'P-3', year: 2026, leadType: 'institute', partnerTypes: ['enterprise', 'mystery'] },
    ];
    const imported = [
      { projectNo: 'P-2', year: 2026, leadType: 'university' as const, participantTypes: ['university' as const] },
      { projectNo: 'H-1', year: 2024, leadType: 'university' as const, participantTypes: ['university' as const] },
    ];
    const { records, sources } = mergePortfolioRecords(platform, imported);
    expect(portfolioStats(records)).toEqual([
      { year: 2024, approved: 1, joint: 0, jointShare: '0.00', enterpriseInvolved: 0, enterpriseShare: '0.00' },
      { year: 2026, approved: 3, joint: 2, jointShare: '66.67', enterpriseInvolved: 3, enterpriseShare: '100.00' },
    ]);
    expect(records[2]!.participantTypes).toEqual(['institute', 'enterprise', 'other']);
    expect(sources.get(2026)).toEqual({ fromProjects: 3, fromImported: 0 });
    expect(sources.get(2024)).toEqual({ fromProjects: 0, fromImported: 1 });
  });
});
