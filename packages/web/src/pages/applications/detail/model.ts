/**
 * Shared vocabulary of the application page: the parts (tabs) of the editor, where a field path lives, the id of
 * the element that edits it (so a check problem or a return reason can focus it), and Chinese names of paths.
 */
import type { ApplicationContent, FormSection } from '@kechuang/domain';

export type Content = ApplicationContent;
export interface Reason {
  field: string;
  reason: string;
}

/** The structured parts, in the order of the printed 申报书. Text sections of the template follow as `sec-<key>`. */
export const PART_TABS: { key: string; label: string; prefix: string }[] = [
  { key: 'basic', label: '基本信息', prefix: 'basic' },
  { key: 'indicators', label: '考核指标', prefix: 'indicators' },
  { key: 'plan', label: '年度计划', prefix: 'yearlyPlan' },
  { key: 'team', label: '项目团队', prefix: 'team' },
  { key: 'partners', label: '合作单位', prefix: 'partners' },
  { key: 'budget', label: '经费预算', prefix: 'budget' },
  { key: 'topics', label: '课题', prefix: 'topics' },
  { key: 'attachments', label: '附件', prefix: 'attachments' },
];

/**
 * The tab that holds a dotted field path ('sections.plan.goals' → 'sec-plan'): a text item's tab is the template
 * section that lists it (a call's own template need not prefix item keys with the section's).
 */
export function tabOf(field: string, sections: readonly FormSection[] = []): string {
  const [head, second] = field.split('.');
  if (head === 'sections' && second) {
    const key = field.slice('sections.'.length);
    const owner = sections.find((s) => s.key === key || s.items.some((i) => i.key === key));
    return `sec-${owner?.key ?? second}`;
  }
  if (head === 'lead' || head === 'outOfCity') return 'basic';
  return PART_TABS.find((t) => t.prefix === head)?.key ?? 'basic';
}

/** The DOM id of the input editing a path; text items keep their dotted key. */
export const fieldId = (path: string) => `af-${path.replace(/[^A-Za-z0-9_.-]/g, '_')}`;

/**
 * Focuses the input of a path, or of its nearest ancestor that has one ('budget.lines.2.selfRaisedYuan' may land on
 * the budget table). Called after the tab switched, so the element exists.
 */
export function focusPath(path: string): void {
  const parts = path.split('.');
  for (let n = parts.length; n > 0; n--) {
    const el = document.getElementById(fieldId(parts.slice(0, n).join('.')));
    if (!el) continue;
    el.scrollIntoView({ block: 'center', behavior: 'smooth' });
    const focusable = el.matches('input,textarea,button,[tabindex]') ? el : el.querySelector<HTMLElement>('input,textarea,button,[tabindex]');
    (focusable ?? el).focus({ preventScroll: true });
    return;
  }
}

const PART_FIELD_LABELS: Record<string, string> = {
  basic: '基本信息',
  'basic.title': '项目名称',
  'basic.categoryCode': '类别',
  'basic.guidelineItemCode': '指南条目',
  'basic.fieldCode': '所属领域',
  'basic.subDirection': '细分方向',
  'basic.taskType': '任务类型',
  'basic.industryChain': '产业链环节',
  'basic.innovationChain': '创新链环节',
  'basic.startDate': '开始日期',
  'basic.endDate': '结束日期',
  'basic.keywords': '关键词',
  'basic.industrialisationOriented': '产业化目标导向',
  indicators: '考核指标',
  yearlyPlan: '年度推进计划',
  'team.leader': '项目负责人',
  'team.members': '团队成员',
  partners: '合作单位',
  budget: '经费预算',
  'budget.lines': '预算表',
  topics: '课题',
  attachments: '附件',
};

/** Where a return reason may point: every structured part and field above, and every text item of the template. */
export function returnFieldOptions(sections: readonly FormSection[], hasTopics: boolean) {
  const parts = Object.entries(PART_FIELD_LABELS)
    .filter(([k]) => hasTopics || !k.startsWith('topics'))
    .map(([value, label]) => ({ value, label: value.includes('.') && value.startsWith('basic') ? `基本信息 · ${label}` : label }));
  const texts = sections.flatMap((s) => s.items.map((i) => ({ value: `sections.${i.key}`, label: `${s.title} · ${i.title}` })));
  return [
    { label: '结构化信息', options: parts },
    { label: '正文', options: texts },
  ];
}

/** A path in words: '经费预算 › 预算表 第2行' for 'budget.lines.1.fiscalCityYuan'. */
export function fieldLabel(path: string, sections: readonly FormSection[]): string {
  if (path.startsWith('sections.')) {
    const key = path.slice('sections.'.length);
    for (const s of sections) for (const i of s.items) if (i.key === key) return `${s.title} · ${i.title}`;
    return key;
  }
  const parts = path.split('.');
  for (let n = parts.length; n > 0; n--) {
    const label = PART_FIELD_LABELS[parts.slice(0, n).join('.')];
    if (label) {
      const row = parts.slice(n).find((p) => /^\d+$/.test(p));
      return row === undefined ? label : `${label} 第${Number(row) + 1}行`;
    }
  }
  return path;
}

/** Reasons about one path or anything inside it. */
export const reasonsFor = (reasons: readonly Reason[], prefix: string, exact = false) =>
  reasons.filter((r) => r.field === prefix || (!exact && r.field.startsWith(`${prefix}.`)));
