import { describe, expect, it } from 'vitest';
import { applicationCountsByItem, applicationStatistics, isWaitingFor, orderQueue, type QueueRow } from './queue.js';

const row = (id: string, over: Partial<QueueRow> = {}): QueueRow => ({ id, applicationNo: `SB-2026-00000${id}`, title: '', organisationName: '', submittedAt: null, requestedFiscalYuan: 0, actions: [], ...over });

describe('orderQueue', () => {
  const rows = [
    row('1', { title: '乙项目', organisationName: '宁波乙公司', submittedAt: new Date('2026-07-02T00:00:00Z'), requestedFiscalYuan: 3_000_000, actions: ['endorse', 'return'] }),
    row('2', { title: '甲项目', organisationName: '宁波甲公司', submittedAt: null, requestedFiscalYuan: 5_000_000, actions: ['edit', 'submit'] }),
    row('3', { title: '丙项目', organisationName: '宁波丙公司', submittedAt: new Date('2026-07-01T00:00:00Z'), requestedFiscalYuan: 1_000_000, actions: ['withdraw'] }),
  ];
  const ids = (r: QueueRow[]) => r.map((x) => x.id);

  it('sorts by submission time either way, with never-submitted rows last both ways', () => {
    expect(ids(orderQueue(rows, { sort: 'submittedAt', order: 'asc' }))).toEqual(['3', '1', '2']);
    expect(ids(orderQueue(rows, { sort: 'submittedAt', order: 'desc' }))).toEqual(['1', '3', '2']);
  });

  it('sorts by requested fiscal amount, number, title and organisation in Chinese order (pinyin)', () => {
    expect(ids(orderQueue(rows, { sort: 'requestedFiscal', order: 'desc' }))).toEqual(['2', '1', '3']);
    expect(ids(orderQueue(rows, { sort: 'applicationNo', order: 'desc' }))).toEqual(['3', '2', '1']);
    // 丙 bing < 甲 jia < 乙 yi
    expect(ids(orderQueue(rows, { sort: 'title', order: 'asc' }))).toEqual(['3', '2', '1']);
    expect(ids(orderQueue(rows, { sort: 'organisation', order: 'asc' }))).toEqual(['3', '2', '1']);
  });

  it('ties fall back to the application number, so paging is stable', () => {
    const same = [row('9'), row('4'), row('7')];
    expect(ids(orderQueue(same, { sort: 'requestedFiscal', order: 'desc' }))).toEqual(['4', '7', '9']);
  });

  it('待我处理 keeps rows with a duty; withdrawal alone is not one', () => {
    expect(ids(orderQueue(rows, { sort: 'applicationNo', order: 'asc', waitingForMe: true }))).toEqual(['1', '2']);
    expect(isWaitingFor(['withdraw'])).toBe(false);
    expect(isWaitingFor(['edit'])).toBe(false);
    expect(isWaitingFor(['accept', 'return'])).toBe(true);
  });
});

describe('applicationCountsByItem', () => {
  const items = [{ code: 'A', title: '甲条目' }, { code: 'B', title: '乙条目' }, { code: 'C', title: '丙条目' }];
  const categories = [{ code: 'leading', name: '领军型' }, { code: 'chain', name: '强链型' }];

  it('NB-13 flags items with fewer than 2 submitted applications, drafts not counted; counts by category × state', () => {
    const counts = applicationCountsByItem(items, categories, [
      { guidelineItemCode: 'A', categoryCode: 'leading', state: 'submitted' },
      { guidelineItemCode: 'A', categoryCode: 'chain', state: 'accepted' },
      { guidelineItemCode: 'A', categoryCode: 'chain', state: 'draft' },
      { guidelineItemCode: 'B', categoryCode: 'chain', state: 'returned' },
      { guidelineItemCode: 'B', categoryCode: 'chain', state: 'draft' },
      { guidelineItemCode: 'B', categoryCode: 'chain', state: 'draft' },
    ]);
    expect(counts.map((c) => [c.code, c.submitted, c.total, c.flagged, c.rule])).toEqual([
      ['A', 2, 3, false, 'NB-13'],
      ['B', 1, 3, true, 'NB-13'],
      ['C', 0, 0, true, 'NB-13'],
    ]);
    const a = counts[0]!;
    expect(a.byState).toMatchObject({ submitted: 1, accepted: 1, draft: 1, endorsed: 0 });
    expect(a.categories).toEqual([
      { code: 'leading', name: '领军型', byState: { draft: 0, submitted: 1, endorsed: 0, recommended: 0, accepted: 0, returned: 0 }, submitted: 1, total: 1 },
      { code: 'chain', name: '强链型', byState: { draft: 1, submitted: 0, endorsed: 0, recommended: 0, accepted: 1, returned: 0 }, submitted: 1, total: 2 },
    ]);
  });
});

describe('applicationStatistics', () => {
  it('counts and sums requested fiscal funds of submitted applications by category, field, region and organisation type, in Chinese', () => {
    const s = applicationStatistics(
      [
        { state: 'submitted', categoryCode: 'chain', fieldCode: 'equipment', region: '北仑区', organisationType: 'enterprise', requestedFiscalYuan: 2_000_000 },
        { state: 'accepted', categoryCode: 'chain', fieldCode: 'materials', region: '北仑区', organisationType: 'enterprise', requestedFiscalYuan: 1_000_000 },
        { state: 'endorsed', categoryCode: 'leading', fieldCode: null, region: '鄞州区', organisationType: 'university', requestedFiscalYuan: 500_000 },
        { state: 'draft', categoryCode: 'leading', fieldCode: 'equipment', region: '镇海区', organisationType: 'institute', requestedFiscalYuan: 9_000_000 },
      ],
      { categories: [{ code: 'leading', name: '领军型' }, { code: 'chain', name: '强链型' }, { code: 'incubation', name: '育成型' }], fields: [{ code: 'equipment', name: '高端装备' }, { code: 'materials', name: '新材料' }] },
    );
    expect(s.total).toEqual({ count: 3, requestedFiscalYuan: 3_500_000 });
    expect(s.byCategory).toEqual([
      { key: 'leading', label: '领军型', count: 1, requestedFiscalYuan: 500_000 },
      { key: 'chain', label: '强链型', count: 2, requestedFiscalYuan: 3_000_000 },
      { key: 'incubation', label: '育成型', count: 0, requestedFiscalYuan: 0 },
    ]);
    expect(s.byField.map((b) => [b.label, b.count])).toEqual([['高端装备', 1], ['新材料', 1], ['未填写领域', 1]]);
    expect(s.byRegion.map((b) => [b.label, b.count, b.requestedFiscalYuan])).toEqual([['北仑区', 2, 3_000_000], ['鄞州区', 1, 500_000]]);
    expect(s.byOrganisationType.map((b) => [b.key, b.label, b.count])).toEqual([['enterprise', '企业', 2], ['university', '高等院校', 1]]);
  });
});
