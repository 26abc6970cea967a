/**
 * The default application form of a call, and the kinds of form items and attachments a call may ask for.
 * The template is NB-11 附件1 of seed 002 (《关键基础零部件组项目实施方案征集》), section and item titles
 * verbatim; a call copies it and may edit it until it is published.
 */

export const FORM_ITEM_KINDS = ['richText', 'text', 'number', 'money', 'date', 'table'] as const;
export type FormItemKind = (typeof FORM_ITEM_KINDS)[number];
export const FORM_ITEM_KIND_LABELS: Record<FormItemKind, string> = {
  richText: '长文本（可含图表）',
  text: '短文本',
  number: '数字',
  money: '金额（万元录入，按元保存）',
  date: '日期',
  table: '表格',
};

export interface FormItem {
  /** Stable key the application stores the answer under; a call's required field keys refer to it. */
  key: string;
  title: string;
  /** The document's own gloss, shown under the title. */
  hint?: string;
  kind: FormItemKind;
  required: boolean;
  /** Character limit of a text answer; the kind's default (applications/content.ts) when absent. */
  maxChars?: number;
}

export interface FormSection {
  key: string;
  title: string;
  items: FormItem[];
}

const item = (key: string, title: string, hint?: string): FormItem => (hint === undefined ? { key, title, kind: 'richText', required: true } : { key, title, hint, kind: 'richText', required: true });

/** NB-11 附件1, five sections. */
export const DEFAULT_PROPOSAL_TEMPLATE: readonly FormSection[] = [
  {
    key: 'background',
    title: '项目所在领域发展背景分析',
    items: [
      item('background.trends', '结合国家重大需求，分析国内外发展趋势'),
      item('background.localBase', '宁波相关产业基础与需求分析'),
      item('background.significance', '开展该项目的意义'),
    ],
  },
  {
    key: 'plan',
    title: '项目实施思路',
    items: [
      item('plan.goals', '项目目标'),
      item('plan.contentAndIndicators', '主要研究开发内容以及考核目标（包含技术指标）'),
      item('plan.roadmap', '技术路线图'),
    ],
  },
  {
    // The source numbers these items 1, 2, 4, 5: no third item is printed, and none is invented here.
    key: 'management',
    title: '项目管理机制',
    items: [
      item('management.organisation', '项目组织模式'),
      item('management.budget', '经费投入概算及筹措'),
      item('management.evaluation', '指标完成评价方法与考核依据'),
      item('management.yearlyPlan', '年度推进计划'),
    ],
  },
  {
    key: 'foundation',
    title: '已有工作基础',
    items: [item('foundation.research', '已有研究基础'), item('foundation.conditions', '已有工作条件与技术优势')],
  },
  {
    key: 'results',
    title: '项目完成后拟取得的标志性成果',
    items: [
      item('results.commonTechnology', '关键共性技术', '对已有产业的提升'),
      item('results.disruptiveTechnology', '颠覆性技术', '培育全新产业'),
      item('results.forwardTechnology', '前瞻性技术', '推动科学发展，对未来产业潜在影响'),
    ],
  },
];

/** Keys of every required item of a form: what a call passes to checkEligibility as requiredFieldKeys. */
export function requiredFieldKeys(sections: readonly FormSection[]): string[] {
  return sections.flatMap((s) => s.items.filter((i) => i.required).map((i) => i.key));
}

/** Item key → title, for messages about missing items. */
export function formFieldLabels(sections: readonly FormSection[]): Record<string, string> {
  return Object.fromEntries(sections.flatMap((s) => s.items.map((i) => [i.key, `${s.title} / ${i.title}`])));
}

/** A section or item as an officer edits it: the key may still be missing (a new one) or already set (kept). */
export type FormSectionDraft = Omit<FormSection, 'key' | 'items'> & { key?: string | null; items: (Omit<FormItem, 'key'> & { key?: string | null })[] };

/**
 * Fills in the storage keys officers are no longer asked for. Existing keys are kept unchanged (answers
 * already stored under them stay reachable); a new section gets `section<n>` and a new item
 * `<section key>.item<m>`, numbered by position and skipping any key already in use in the call, so the
 * result is unique and the same draft always gets the same keys.
 */
export function withFormKeys(sections: readonly FormSectionDraft[]): FormSection[] {
  const has = (k: string | null | undefined): k is string => typeof k === 'string' && k.trim() !== '';
  const sectionKeys = new Set(sections.map((s) => s.key).filter(has).map((k) => k.trim()));
  const itemKeys = new Set(sections.flatMap((s) => s.items.map((i) => i.key)).filter(has).map((k) => k.trim()));
  const fresh = (used: Set<string>, base: string, from: number) => {
    let n = from;
    while (used.has(`${base}${n}`)) n++;
    used.add(`${base}${n}`);
    return `${base}${n}`;
  };
  return sections.map((s, si) => {
    const key = has(s.key) ? s.key.trim() : fresh(sectionKeys, 'section', si + 1);
    // Item keys must match the item-key pattern: a section key typed in Chinese long ago is not a usable prefix.
    const prefix = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(key) ? key : `section${si + 1}`;
    return {
      ...s,
      key,
      items: s.items.map((i, ii) => ({ ...i, key: has(i.key) ? i.key.trim() : fresh(itemKeys, `${prefix}.item`, ii + 1) })),
    };
  });
}

export const ATTACHMENT_KINDS = [
  'proposal',
  'enterpriseSurvey',
  'businessLicence',
  'financialStatements',
  'rdInvestmentProof',
  'budgetTable',
  'cooperationAgreement',
  'localTransferCommitment',
  'localRegistrationCommitment',
  'nonDuplicationCommitment',
  'integrityCommitment',
  'talentProof',
  'intellectualProperty',
  'challengeSolution',
  'competitionResult',
  'other',
] as const;
export type AttachmentKind = (typeof ATTACHMENT_KINDS)[number];

/** What each attachment is for is noted where a rule asks for it. */
export const ATTACHMENT_KIND_LABELS: Record<AttachmentKind, string> = {
  proposal: '项目实施方案（申报书）', // NB-11 附件1
  enterpriseSurvey: '行业重点企业基本情况调查表', // NB-12 附件2
  businessLicence: '营业执照或法人登记证书',
  financialStatements: '财务报表（上年度审计报告）',
  rdInvestmentProof: '研发投入证明', // BL-5 ratio base
  budgetTable: '经费预算表',
  cooperationAgreement: '联合实施（产学研合作）协议', // NB-5, BL-11
  localTransferCommitment: '成果本地转化承诺书', // NB-6
  localRegistrationCommitment: '成果企业本地注册承诺书', // NB-6
  nonDuplicationCommitment: '项目不重复申报承诺书', // BL-9
  integrityCommitment: '科研诚信承诺书',
  talentProof: '高层次人才认定证明', // BL-2 育成类
  intellectualProperty: '知识产权证明',
  challengeSolution: '揭榜方案', // YJ-1 揭榜挂帅
  competitionResult: '赛事成绩证明', // YJ-1 以赛代评
  other: '其他材料',
};
