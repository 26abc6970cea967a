import { describe, expect, it } from 'vitest';
import { ATTACHMENT_KINDS, ATTACHMENT_KIND_LABELS, DEFAULT_PROPOSAL_TEMPLATE, FORM_ITEM_KINDS, FORM_ITEM_KIND_LABELS, formFieldLabels, requiredFieldKeys, withFormKeys } from './proposal-template.js';

describe('default proposal template', () => {
  it('NB-11 follows 附件1: five sections with the document’s items', () => {
    expect(DEFAULT_PROPOSAL_TEMPLATE.map((s) => [s.title, s.items.map((i) => i.title)])).toEqual([
      ['项目所在领域发展背景分析', ['结合国家重大需求，分析国内外发展趋势', '宁波相关产业基础与需求分析', '开展该项目的意义']],
      ['项目实施思路', ['项目目标', '主要研究开发内容以及考核目标（包含技术指标）', '技术路线图']],
      ['项目管理机制', ['项目组织模式', '经费投入概算及筹措', '指标完成评价方法与考核依据', '年度推进计划']],
      ['已有工作基础', ['已有研究基础', '已有工作条件与技术优势']],
      ['项目完成后拟取得的标志性成果', ['关键共性技术', '颠覆性技术', '前瞻性技术']],
    ]);
    expect(DEFAULT_PROPOSAL_TEMPLATE[4]!.items.map((i) => i.hint)).toEqual(['对已有产业的提升', '培育全新产业', '推动科学发展，对未来产业潜在影响']);
  });

  it('has unique item keys, all required, usable as a call’s required field keys', () => {
    const keys = requiredFieldKeys(DEFAULT_PROPOSAL_TEMPLATE);
    expect(keys).toHaveLength(15);
    expect(new Set(keys).size).toBe(keys.length);
    expect(formFieldLabels(DEFAULT_PROPOSAL_TEMPLATE)['plan.roadmap']).toBe('项目实施思路 / 技术路线图');
  });

  it('labels every form item kind and attachment kind in Chinese', () => {
    for (const k of FORM_ITEM_KINDS) expect(FORM_ITEM_KIND_LABELS[k]).toMatch(/[\u4e00-\u9fff]/);
    for (const k of ATTACHMENT_KINDS) expect(ATTACHMENT_KIND_LABELS[k]).toMatch(/[\u4e00-\u9fff]/);
    expect(Object.keys(ATTACHMENT_KIND_LABELS)).toEqual([...ATTACHMENT_KINDS]);
  });
});

describe('withFormKeys: officers type Chinese titles only, the storage keys are generated', () => {
  const richText = (title: string, key?: string) => ({ title, kind: 'richText' as const, required: true, ...(key === undefined ? {} : { key }) });

  it('keeps existing keys and gives new sections and items keys from their position', () => {
    const out = withFormKeys([
      ...DEFAULT_PROPOSAL_TEMPLATE,
      { title: '知识产权', items: [richText('专利情况'), richText('软件著作权', '')] },
    ]);
    expect(out.slice(0, 5)).toEqual(DEFAULT_PROPOSAL_TEMPLATE);
    expect(out[5]).toMatchObject({ key: 'section6', title: '知识产权', items: [{ key: 'section6.item1', title: '专利情况' }, { key: 'section6.item2', title: '软件著作权' }] });
  });

  it('a new item in an existing section never takes a key already used, and the same draft gets the same keys', () => {
    const draft = [{ key: 'plan', title: '项目实施思路', items: [richText('项目目标', 'plan.item2'), richText('新栏目'), richText('又一个')] }, { title: '新章', items: [richText('甲')] }, { key: 'section2', title: '旧章', items: [richText('乙')] }];
    const out = withFormKeys(draft);
    expect(out.map((s) => s.key)).toEqual(['plan', 'section3', 'section2']);
    expect(out[0]!.items.map((i) => i.key)).toEqual(['plan.item2', 'plan.item3', 'plan.item4']);
    expect(out[1]!.items.map((i) => i.key)).toEqual(['section3.item1']);
    expect(withFormKeys(draft)).toEqual(out);
    const all = out.flatMap((s) => s.items.map((i) => i.key));
    expect(new Set(all).size).toBe(all.length);
    for (const k of all) expect(k).toMatch(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/);
  });
});

