/**
 * 形式审查 (formal review): the call's checklist, evaluated against one submitted version. Each item the call
 * turns on is either computed from the records (materials, leader's title, concurrent projects, partners, 查重)
 * or left to the officer's judgement (承诺书 signed and sealed); every item is then recorded pass or fail by an
 * officer, with a reason for a fail and for a pass that overrides a failed computation. Acceptance waits until
 * every item is recorded pass; a failed item means the officer returns the application instead.
 *
 * Rules: BL-9 (查重 is part of acceptance), NB-5/NB-8 (partners and topics, whose count the call may cap).
 * The concurrent-project limit and the partner cap have no figure in the policy documents: they are call
 * settings, defaulting to one project per leader within a programme and ten partners.
 */
import { z } from 'zod';
import { formatDuplicateRatio } from './duplicate-report.js';
import { ATTACHMENT_KIND_LABELS, type AttachmentKind } from '../programmes/proposal-template.js';

export const FORMAL_REVIEW_ITEM_KEYS = ['materialsComplete', 'commitmentSigned', 'leaderTitle', 'concurrentProjects', 'partnersCount', 'duplicateCheck'] as const;
export type FormalReviewItemKey = (typeof FORMAL_REVIEW_ITEM_KEYS)[number];

export const FORMAL_REVIEW_ITEM_LABELS: Record<FormalReviewItemKey, string> = {
  materialsComplete: '申报材料齐全（必备附件已上传）',
  commitmentSigned: '承诺书已签字盖章',
  leaderTitle: '项目负责人职称符合要求',
  concurrentProjects: '项目负责人限项（同一计划内在研/在申项目数）',
  partnersCount: '合作单位数量不超过上限',
  duplicateCheck: '查重结果（BL-9）',
};

/** Items computed from records; the rest are the officer's judgement alone. */
const AUTOMATIC: Record<FormalReviewItemKey, boolean> = {
  materialsComplete: true,
  commitmentSigned: false,
  leaderTitle: true,
  concurrentProjects: true,
  partnersCount: true,
  duplicateCheck: true,
};

const toggle = z.object({ enabled: z.boolean({ error: '请选择是否启用' }) });
export const formalReviewSettingsSchema = z.object({
  materialsComplete: toggle,
  commitmentSigned: toggle,
  leaderTitle: toggle.extend({
    /** The title must contain one of these words (e.g. 高级 covers 高级工程师 and 副高级); empty = any title given. */
    allowedTitles: z.array(z.string({ error: '职称须为文字' }).trim().min(1, '职称不能为空').max(20, '职称不超过20个字')).max(20, '职称不超过20项'),
  }),
  concurrentProjects: toggle.extend({
    /** How many applications or projects one leader (by ID number) may hold at once within the programme, this one included. */
    limit: z.number({ error: '限项数须为数字' }).int('限项数须为整数').min(1, '限项数至少为1').max(20, '限项数不超过20'),
  }),
  partnersCount: toggle.extend({ max: z.number({ error: '合作单位上限须为数字' }).int('合作单位上限须为整数').min(0, '合作单位上限不能为负数').max(30, '合作单位上限不超过30') }),
  duplicateCheck: toggle,
});
export type FormalReviewSettings = z.output<typeof formalReviewSettingsSchema>;

export const DEFAULT_FORMAL_REVIEW_SETTINGS: FormalReviewSettings = {
  materialsComplete: { enabled: true },
  commitmentSigned: { enabled: true },
  leaderTitle: { enabled: true, allowedTitles: ['高级', '教授', '研究员'] },
  concurrentProjects: { enabled: true, limit: 1 },
  partnersCount: { enabled: true, max: 10 },
  duplicateCheck: { enabled: true },
};

/** A stored setting (null before any was saved, or one saved before an item existed) filled from the defaults. */
export function formalReviewSettingsOf(stored: unknown): FormalReviewSettings {
  const s = (typeof stored === 'object' && stored !== null ? stored : {}) as Record<string, unknown>;
  const merged = Object.fromEntries(FORMAL_REVIEW_ITEM_KEYS.map((k) => [k, { ...DEFAULT_FORMAL_REVIEW_SETTINGS[k], ...((s[k] as object | undefined) ?? {}) }]));
  const r = formalReviewSettingsSchema.safeParse(merged);
  return r.success ? r.data : DEFAULT_FORMAL_REVIEW_SETTINGS;
}

export interface FormalReviewFacts {
  /** The attachment kinds the call requires, and those the submitted version carries. */
  requiredAttachments: readonly AttachmentKind[];
  attachmentKinds: readonly AttachmentKind[];
  leaderTitle: string | null;
  /** The leader's other open applications and projects within the programme, found by resident ID number. */
  otherOpenByLeader: { applicationNo: string; state: string }[];
  /** What the applicant declared as the leader's current projects (shown beside the count from records). */
  declaredActiveProjects: number | null;
  partnersCount: number;
  /** The submitted version's 查重: null when none was queued. */
  duplicateCheck: { status: 'queued' | 'running' | 'done' | 'failed'; flagged: boolean | null; copyRatio: number | null } | null;
}

export interface FormalReviewRecorded {
  pass: boolean;
  reason: string | null;
  by: string | null;
  at: string;
}

export interface FormalReviewItem {
  key: FormalReviewItemKey;
  label: string;
  automatic: boolean;
  computed: { pass: boolean; detail: string } | null;
  recorded: FormalReviewRecorded | null;
}

export interface FormalReviewResult {
  items: FormalReviewItem[];
  /** Every item has a recorded result. */
  complete: boolean;
  /** Every item is recorded pass: the application may be accepted. */
  passed: boolean;
}

// The report's own exact percentage, so the checklist and the 查重 report never show two different figures.
const pct = formatDuplicateRatio;

function compute(key: FormalReviewItemKey, s: FormalReviewSettings, f: FormalReviewFacts): { pass: boolean; detail: string } | null {
  switch (key) {
    case 'materialsComplete': {
      const have = new Set(f.attachmentKinds);
      const missing = f.requiredAttachments.filter((k) => !have.has(k));
      if (f.requiredAttachments.length === 0) return { pass: true, detail: '本指南未要求必备附件' };
      return missing.length === 0 ? { pass: true, detail: `必备附件${f.requiredAttachments.length}项均已上传` } : { pass: false, detail: `缺少：${missing.map((k) => ATTACHMENT_KIND_LABELS[k]).join('、')}` };
    }
    case 'commitmentSigned':
      return null;
    case 'leaderTitle': {
      const title = f.leaderTitle?.trim() ?? '';
      if (!title) return { pass: false, detail: '未填写项目负责人职称' };
      const allowed = s.leaderTitle.allowedTitles;
      if (allowed.length === 0) return { pass: true, detail: `职称：${title}` };
      const hit = allowed.find((a) => title.includes(a));
      return hit ? { pass: true, detail: `职称“${title}”符合要求（${hit}）` } : { pass: false, detail: `职称“${title}”不含要求的${allowed.join('、')}` };
    }
    case 'concurrentProjects': {
      const limit = s.concurrentProjects.limit;
      const held = f.otherOpenByLeader.length + 1;
      const others = f.otherOpenByLeader.map((o) => o.applicationNo).join('、');
      const declared = f.declaredActiveProjects === null ? '' : `；申报书填报在研项目${f.declaredActiveProjects}项`;
      const detail = `本计划内负责人共有${held}项在申/在研（限${limit}项）${others ? `，另有：${others}` : ''}${declared}`;
      return { pass: held <= limit, detail };
    }
    case 'partnersCount': {
      const max = s.partnersCount.max;
      return { pass: f.partnersCount <= max, detail: `合作单位${f.partnersCount}家（上限${max}家）` };
    }
    case 'duplicateCheck': {
      const c = f.duplicateCheck;
      if (!c) return { pass: false, detail: '本次提交尚未查重' };
      if (c.status === 'failed') return { pass: false, detail: '查重运行失败，请重新发起查重' };
      if (c.status !== 'done') return { pass: false, detail: '查重尚未完成' };
      const ratio = c.copyRatio === null ? '' : `，文字复制比${pct(c.copyRatio)}`;
      return c.flagged ? { pass: false, detail: `查重有超过阈值的提示${ratio}，须经办人查看报告后判断` } : { pass: true, detail: `查重已完成，无超过阈值的提示${ratio}` };
    }
  }
}

/** The call's checklist for one submitted version: each enabled item with its computed and recorded result. */
export function evaluateFormalReview(settings: FormalReviewSettings, facts: FormalReviewFacts, recorded: Partial<Record<string, FormalReviewRecorded>>): FormalReviewResult {
  const items = FORMAL_REVIEW_ITEM_KEYS.filter((k) => settings[k].enabled).map<FormalReviewItem>((key) => ({
    key,
    label: FORMAL_REVIEW_ITEM_LABELS[key],
    automatic: AUTOMATIC[key],
    computed: compute(key, settings, facts),
    recorded: recorded[key] ?? null,
  }));
  const complete = items.every((i) => i.recorded !== null);
  return { items, complete, passed: complete && items.every((i) => i.recorded!.pass) };
}

export interface FormalReviewEntry {
  key: string;
  pass: boolean;
  reason?: string | null | undefined;
}

/**
 * What is wrong with the officer's entries, per field (`items.<i>.<field>`): an item the call does not check, a
 * fail without a reason, a pass over a failed computation without a reason, and a pass on 查重 before the check
 * has finished (BL-9: the result it weighs must exist).
 */
export function formalReviewEntryProblems(result: FormalReviewResult, facts: Pick<FormalReviewFacts, 'duplicateCheck'>, entries: readonly FormalReviewEntry[]): { field: string; message: string }[] {
  const out: { field: string; message: string }[] = [];
  const byKey = new Map(result.items.map((i) => [i.key as string, i]));
  entries.forEach((e, i) => {
    const item = byKey.get(e.key);
    const reason = e.reason?.trim() ?? '';
    if (!item) return void out.push({ field: `items.${i}.key`, message: `本指南的形式审查不含“${e.key}”一项` });
    if (entries.findIndex((x) => x.key === e.key) !== i) return void out.push({ field: `items.${i}.key`, message: `“${item.label}”重复填写` });
    if (!e.pass && !reason) out.push({ field: `items.${i}.reason`, message: `“${item.label}”不通过，须填写理由` });
    if (e.pass && item.key === 'duplicateCheck' && facts.duplicateCheck?.status !== 'done') {
      out.push({ field: `items.${i}.pass`, message: '查重尚未完成，不能记为通过' });
    } else if (e.pass && item.computed && !item.computed.pass && !reason) {
      out.push({ field: `items.${i}.reason`, message: `“${item.label}”自动核查未通过，记为通过须说明理由` });
    }
  });
  return out;
}

/** The items that stand in the way of acceptance, each with why: not yet recorded, or recorded fail. */
export function formalReviewBlockers(result: FormalReviewResult): { field: string; message: string }[] {
  return result.items
    .filter((i) => !i.recorded || !i.recorded.pass)
    .map((i) => ({ field: `formalReview.${i.key}`, message: i.recorded ? `“${i.label}”记录为不通过：${i.recorded.reason ?? ''}（应退回修改）` : `“${i.label}”尚未记录审查结果` }));
}
