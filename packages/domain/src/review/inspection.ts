/**
 * Site inspection (实地核查, BL-8's step after expert review): the round's checklist, which applications are
 * inspected, and the rules a recorded inspection must meet. Pure: the server and the web call the same checks.
 */
import { z } from 'zod';
import { FILE_KINDS, type FileKind } from '../files/file-type.js';

export interface InspectionChecklistItem {
  /** Stable within the round, so a result answers an item even after its label is reworded. */
  key: string;
  label: string;
}

/**
 * The platform's default checklist (默认核查清单). The seeds carry no bureau's own list, so these are the points a
 * district bureau usually checks on site; the officer edits them per round, and the page labels them as defaults.
 */
export const DEFAULT_INSPECTION_CHECKLIST: readonly InspectionChecklistItem[] = [
  { key: 'premises', label: '注册地址与实际经营、研发场所一致' },
  { key: 'facilities', label: '研发场地、仪器设备满足项目实施需要' },
  { key: 'team', label: '项目负责人及核心团队在岗，与申报材料一致' },
  { key: 'foundation', label: '前期研发基础真实（样机、试验记录、知识产权等）' },
  { key: 'finance', label: '财务制度健全，研发费用设有辅助账且可核实' },
  { key: 'selfFunding', label: '自筹资金来源明确、落实到位' },
  { key: 'compliance', label: '无安全生产、环保等违法违规及失信情形' },
];

/** Photos of one inspection: JPEG or PNG (told by content, never by name), each at most 5 MB, at most 12. */
export const INSPECTION_PHOTO_KINDS: readonly FileKind[] = [FILE_KINDS.jpeg, FILE_KINDS.png];
export const INSPECTION_PHOTO_MAX_BYTES = 5 * 1024 * 1024;
export const INSPECTION_PHOTO_MAX_COUNT = 12;

export const INSPECTION_RESULTS = ['passed', 'failed'] as const;
export type InspectionResult = (typeof INSPECTION_RESULTS)[number];
export const INSPECTION_RESULT_LABELS: Record<InspectionResult, string> = { passed: '通过', failed: '不通过' };

const checklistKey = z.string().regex(/^[A-Za-z][A-Za-z0-9_-]{0,39}$/, '清单项代码须以字母开头，仅含字母、数字、下划线或连字符');

export const inspectionChecklistInput = z.object({
  items: z
    .array(z.object({ key: checklistKey.optional(), label: z.string().trim().min(1, '请填写核查事项').max(100, '核查事项不超过100字') }))
    .min(1, '核查清单至少一项')
    .max(30, '核查清单不超过30项'),
});
export type InspectionChecklistInput = z.infer<typeof inspectionChecklistInput>;

/** Keeps the keys given, makes one for a new item (`item1`, `item2` … not yet used), and refuses duplicates. */
export function normaliseChecklist(input: InspectionChecklistInput): { items: InspectionChecklistItem[]; errors: { field: string; message: string }[] } {
  const used = new Set(input.items.map((i) => i.key).filter((k): k is string => !!k));
  const errors: { field: string; message: string }[] = [];
  const seen = new Set<string>();
  let n = 1;
  const items = input.items.map((item, i) => {
    let key = item.key;
    if (!key) {
      while (used.has(`item${n}`)) n++;
      key = `item${n}`;
      used.add(key);
    }
    if (seen.has(key)) errors.push({ field: `items.${i}.key`, message: `清单项代码“${key}”重复` });
    seen.add(key);
    return { key, label: item.label };
  });
  const labels = new Set<string>();
  input.items.forEach((item, i) => {
    if (labels.has(item.label)) errors.push({ field: `items.${i}.label`, message: `核查事项“${item.label}”重复` });
    labels.add(item.label);
  });
  return { items, errors };
}

export const inspectionSelectionInput = z.object({
  /** Inspect only the first N in rank order; null = every application still in review. */
  topN: z.number().int('请填写整数').min(1, '至少核查1份').max(10_000).nullable(),
  reason: z.string().trim().max(500, '理由不超过500字'),
});
export type InspectionSelectionInput = z.infer<typeof inspectionSelectionInput>;

export const inspectionRecordInput = z.object({
  inspectedOn: z.iso.date('核查日期须为 YYYY-MM-DD'),
  inspectors: z.array(z.string().trim().min(1, '请填写核查人员').max(40, '姓名不超过40字')).min(1, '至少一名核查人员').max(10, '核查人员不超过10人'),
  items: z.array(z.object({ key: checklistKey, passed: z.boolean(), finding: z.string().trim().max(500, '核查情况不超过500字') })).max(30),
  findings: z.string().trim().max(2000, '其他发现不超过2000字'),
  result: z.enum(INSPECTION_RESULTS, '请选择核查结论'),
  basis: z.string().trim().max(2000, '结论依据不超过2000字'),
});
export type InspectionRecordInput = z.infer<typeof inspectionRecordInput>;

/**
 * Field errors of an inspection against the round's checklist: every item answered once, a failed item says what
 * was found, a failing verdict states its basis (不通过须说明依据), and a pass despite a failed item says why.
 */
export function inspectionRecordProblems(checklist: readonly InspectionChecklistItem[], input: InspectionRecordInput, today: string): { field: string; message: string }[] {
  const errors: { field: string; message: string }[] = [];
  if (input.inspectedOn > today) errors.push({ field: 'inspectedOn', message: '核查日期不能晚于今天' });
  const known = new Set(checklist.map((c) => c.key));
  const answered = new Map<string, number>();
  input.items.forEach((item, i) => {
    if (!known.has(item.key)) errors.push({ field: `items.${i}.key`, message: `核查清单中没有“${item.key}”这一项` });
    else if (answered.has(item.key)) errors.push({ field: `items.${i}.key`, message: '同一核查事项只能填写一次' });
    answered.set(item.key, i);
    if (!item.passed && !item.finding) errors.push({ field: `items.${i}.finding`, message: '不符合的事项请写明核查情况' });
  });
  checklist.forEach((c) => {
    if (!answered.has(c.key)) errors.push({ field: `items.${c.key}`, message: `请填写“${c.label}”的核查结果` });
  });
  if (input.result === 'failed' && !input.basis) errors.push({ field: 'basis', message: '核查不通过须说明依据' });
  if (input.result === 'passed' && input.items.some((i) => !i.passed) && !input.basis) errors.push({ field: 'basis', message: '有不符合事项仍判定通过的，须说明依据' });
  return errors;
}

export interface InspectionCandidate {
  applicationId: string;
  applicationNo: string;
  rank: number | null;
  status: string;
  /** The inspection already recorded in this round, if any. */
  inspection: InspectionResult | null;
}

/**
 * The applications to inspect, in rank order (unranked last, then by application number): every one still in
 * review, plus those this step already failed (a failure sets them rejected, and they stay on the list that
 * produced it), cut to the first `topN` when the officer narrowed it.
 */
export function inspectionSelection<T extends InspectionCandidate>(candidates: readonly T[], topN: number | null): T[] {
  const eligible = candidates
    .filter((c) => c.status === 'inReview' || c.inspection !== null)
    .sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || a.applicationNo.localeCompare(b.applicationNo));
  return topN === null ? eligible : eligible.slice(0, topN);
}
