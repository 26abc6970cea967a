import { describe, expect, it } from 'vitest';
import { DedupeIndex } from '../dedupe/index.js';
import { archivableText, buildDuplicateReport, DUPLICATE_THRESHOLDS, type ArchivedDoc } from './duplicate-report.js';

const form = [{ key: 'bg', title: '背景', items: [{ key: 'bg.a', title: '发展趋势', kind: 'richText' as const, required: true }, { key: 'bg.b', title: '产业基础', kind: 'richText' as const, required: true }] }];

function prose(seed: number, chars: number): string {
  const pool = '研究开发技术装备材料工艺系统平台数据智能制造模具压铸寿命精度检测控制算法优化结构设计验证应用推广产业链条协同创新';
  let x = seed * 7919 + 17;
  let s = '';
  while (s.length < chars) {
    x = (x * 1103515245 + 12345) % 2147483648;
    s += pool[x % pool.length];
  }
  return s;
}

describe('查重 report (BL-9)', () => {
  it('archivableText keeps the template order, titles each section and records where its text lies', () => {
    const a = archivableText({ 'bg.b': '产业基础文字', extra: '附加', 'bg.a': '趋势文字', empty: '  ' }, form);
    expect(a.sections.map((s) => s.key)).toEqual(['bg.a', 'bg.b', 'extra']);
    for (const s of a.sections) expect(a.text.slice(s.start, s.end)).toBe({ 'bg.a': '趋势文字', 'bg.b': '产业基础文字', extra: '附加' }[s.key]);
    expect(a.text.startsWith('发展趋势\n')).toBe(true);
  });

  it('BL-9: another organisation’s copied section is flagged with spans on both sides; the own organisation’s earlier text is a revision, not copying', () => {
    const copied = prose(1, 120);
    const other: ArchivedDoc = { docId: 'o', sourceType: 'application', title: '他人', organisationId: 'org-b', applicationId: 'app-b', version: 2, ...archivableText({ 'bg.a': `前言${copied}`, 'bg.b': prose(2, 200) }, form) };
    const mine = { 'bg.a': prose(3, 200), 'bg.b': prose(4, 200) };
    const own: ArchivedDoc = { docId: 'm', sourceType: 'application', title: '本单位', organisationId: 'org-a', applicationId: 'app-a', version: 2, ...archivableText(mine, form) };
    const index = DedupeIndex.build([other, own].map((d) => ({ id: d.docId, text: d.text })));
    const query = archivableText({ 'bg.a': `开头${copied}`, 'bg.b': mine['bg.b'] }, form);
    const whole = index.query(query.text);
    const report = buildDuplicateReport({
      organisationId: 'org-a',
      query,
      whole,
      wholeOthers: index.query(query.text, { excludeIds: ['m'] }),
      perSection: query.sections.map((s) => ({ key: s.key, result: index.query(query.text.slice(s.start, s.end)) })),
      archived: new Map([other, own].map((d) => [d.docId, d])),
      archivedTexts: 2,
    });
    const o = report.matches.find((m) => m.docId === 'o')!;
    const m = report.matches.find((x) => x.docId === 'm')!;
    expect(report.matches[0]!.docId).toBe('o');
    expect(o).toMatchObject({ relation: 'other', flagged: true });
    const p = o.passages[0]!;
    expect(p.query).toMatchObject({ section: 'bg.a', start: 2, end: 122, text: copied });
    expect(p.source).toMatchObject({ section: 'bg.a', start: 2, end: 122, text: copied });
    expect(m).toMatchObject({ relation: 'ownRevision', relationLabel: '本单位历史申报', flagged: false, flags: [] });
    expect(m.passages[0]!.query.section).toBe('bg.b');
    // The ratio counts the copy from the other organisation only: about half the text, not all of it.
    expect(report.copyRatio).toBeCloseTo(whole.sources.find((s) => s.docId === 'o')!.copyRatio, 6);
    expect(report.copyRatio).toBeLessThan(0.6);
    expect(report.flagged).toBe(report.copyRatio >= DUPLICATE_THRESHOLDS.copyRatio || o.flagged);
    expect(report.sections.find((s) => s.key === 'bg.a')!.flagged).toBe(true);
  });
});
