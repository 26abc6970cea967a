/**
 * The officer, unit and recommender queues of applications: ordering and the 待我处理 filter, the per guideline
 * item counts with the NB-13 flag, and the statistics by category, field, region and organisation type. Pure:
 * the server reads the rows and hands them here, so the web, the export and the tests agree on one answer.
 */
import { z } from 'zod';
import { ORGANISATION_TYPE_LABELS, type OrganisationType } from '../organisations/schemas.js';
import { pageOf } from '../common/responses.js';
import { guidelineItemCounts } from './checks.js';
import { applicationSummaryResponse } from './responses.js';
import { APPLICATION_STATES, type ApplicationAction, type ApplicationState } from './workflow.js';

export const APPLICATION_SORT_KEYS = ['submittedAt', 'applicationNo', 'title', 'organisation', 'requestedFiscal'] as const;
export type ApplicationSortKey = (typeof APPLICATION_SORT_KEYS)[number];
export const APPLICATION_SORT_LABELS: Record<ApplicationSortKey, string> = { submittedAt: '提交时间', applicationNo: '申报编号', title: '项目名称', organisation: '申报单位', requestedFiscal: '申请财政经费' };

/** What ordering and 待我处理 need of one row. */
export interface QueueRow {
  id: string;
  applicationNo: string;
  title: string;
  organisationName: string;
  submittedAt: Date | null;
  requestedFiscalYuan: number;
  actions: readonly ApplicationAction[];
}

/**
 * 待我处理: the caller has something to do on it. 撤回 is a right, not a duty, and `edit` alone (a submitted
 * application is not editable anyway) never is; anything else the caller may do now counts.
 */
export function isWaitingFor(actions: readonly ApplicationAction[]): boolean {
  return actions.some((a) => a !== 'withdraw' && a !== 'edit');
}

const collator = new Intl.Collator('zh-Hans-CN', { numeric: true });

function compare(a: QueueRow, b: QueueRow, key: ApplicationSortKey): number {
  switch (key) {
    case 'submittedAt':
      // Never submitted sorts after every submitted one, whatever the direction is applied to the rest.
      return (a.submittedAt?.getTime() ?? Number.POSITIVE_INFINITY) - (b.submittedAt?.getTime() ?? Number.POSITIVE_INFINITY);
    case 'applicationNo':
      return a.applicationNo < b.applicationNo ? -1 : a.applicationNo > b.applicationNo ? 1 : 0;
    case 'title':
      return collator.compare(a.title, b.title);
    case 'organisation':
      return collator.compare(a.organisationName, b.organisationName);
    case 'requestedFiscal':
      return a.requestedFiscalYuan - b.requestedFiscalYuan;
  }
}

/**
 * The queue in the asked order, filtered to 待我处理 when asked. Ties fall back to the application number so
 * paging is stable (a row never shows on two pages).
 */
export function orderQueue<T extends QueueRow>(rows: readonly T[], opts: { sort: ApplicationSortKey; order: 'asc' | 'desc'; waitingForMe?: boolean }): T[] {
  const dir = opts.order === 'desc' ? -1 : 1;
  const kept = opts.waitingForMe ? rows.filter((r) => isWaitingFor(r.actions)) : [...rows];
  return kept.sort((a, b) => {
    if (opts.sort === 'submittedAt' && (a.submittedAt === null) !== (b.submittedAt === null)) return a.submittedAt === null ? 1 : -1;
    return dir * compare(a, b, opts.sort) || compare(a, b, 'applicationNo');
  });
}

export type StateCounts = Record<ApplicationState, number>;
const zeroStates = (): StateCounts => Object.fromEntries(APPLICATION_STATES.map((s) => [s, 0])) as StateCounts;
/** Reached submission: everything but a draft (a withdrawn application is a draft again). */
const submittedTotal = (c: StateCounts) => APPLICATION_STATES.reduce((n, s) => (s === 'draft' ? n : n + c[s]), 0);

export interface CountRow {
  guidelineItemCode: string | null;
  categoryCode: string;
  state: ApplicationState;
}

/**
 * Per guideline item and, within it, per category: counts by state and the submitted total. The NB-13 flag
 * (fewer than 2 submitted applications) is `guidelineItemCounts`'s decision, per item as the rule reads.
 */
export function applicationCountsByItem(items: readonly { code: string; title: string }[], categories: readonly { code: string; name: string }[], rows: readonly CountRow[], threshold = 2) {
  const nb13 = guidelineItemCounts(items, rows, threshold);
  return items.map((item, i) => {
    const mine = rows.filter((r) => r.guidelineItemCode === item.code);
    const tally = (rs: readonly CountRow[]) => {
      const byState = zeroStates();
      for (const r of rs) byState[r.state] += 1;
      return byState;
    };
    const byState = tally(mine);
    const codes = [...categories.map((c) => c.code), ...new Set(mine.map((r) => r.categoryCode).filter((c) => !categories.some((k) => k.code === c)))];
    return {
      code: item.code,
      title: item.title,
      byState,
      submitted: nb13[i]!.count,
      total: mine.length,
      flagged: nb13[i]!.flagged,
      rule: nb13[i]!.rule,
      categories: codes.map((code) => {
        const s = tally(mine.filter((r) => r.categoryCode === code));
        return { code, name: categories.find((c) => c.code === code)?.name ?? code, byState: s, submitted: submittedTotal(s), total: mine.filter((r) => r.categoryCode === code).length };
      }),
    };
  });
}

/** One application as the statistics count it. */
export interface StatisticsRow {
  state: ApplicationState;
  categoryCode: string;
  fieldCode: string | null;
  region: string;
  organisationType: string;
  requestedFiscalYuan: number;
}

export interface StatisticsBucket {
  key: string;
  label: string;
  count: number;
  requestedFiscalYuan: number;
}

/**
 * Counts and requested fiscal amounts (财政经费: city + district, 元) of the applications that reached submission,
 * by category, field, region and organisation type, labelled in Chinese. Buckets follow the rule set's order for
 * categories and fields (with every one listed, zero or not), then by count for region and organisation type.
 */
export function applicationStatistics(rows: readonly StatisticsRow[], labels: { categories: readonly { code: string; name: string }[]; fields: readonly { code: string; name: string }[] }) {
  const counted = rows.filter((r) => r.state !== 'draft');
  const group = (keyOf: (r: StatisticsRow) => string, fixed: readonly { code: string; name: string }[], labelOf: (k: string) => string): StatisticsBucket[] => {
    const m = new Map<string, StatisticsBucket>(fixed.map((f) => [f.code, { key: f.code, label: f.name, count: 0, requestedFiscalYuan: 0 }]));
    for (const r of counted) {
      const k = keyOf(r);
      const b = m.get(k) ?? { key: k, label: labelOf(k), count: 0, requestedFiscalYuan: 0 };
      b.count += 1;
      b.requestedFiscalYuan += r.requestedFiscalYuan;
      m.set(k, b);
    }
    const fixedPart = fixed.map((f) => m.get(f.code)!);
    const rest = [...m.values()].filter((b) => !fixed.some((f) => f.code === b.key)).sort((a, b) => b.count - a.count || b.requestedFiscalYuan - a.requestedFiscalYuan || collator.compare(a.label, b.label));
    return [...fixedPart, ...rest];
  };
  const none = '';
  return {
    total: { count: counted.length, requestedFiscalYuan: counted.reduce((s, r) => s + r.requestedFiscalYuan, 0) },
    byCategory: group((r) => r.categoryCode, labels.categories, (k) => k),
    byField: group((r) => r.fieldCode ?? none, labels.fields, (k) => (k === none ? '未填写领域' : k)),
    byRegion: group((r) => r.region, [], (k) => k || '未填写地区'),
    byOrganisationType: group((r) => r.organisationType, [], (k) => ORGANISATION_TYPE_LABELS[k as OrganisationType] ?? k),
  };
}

const bucket = z.object({ key: z.string(), label: z.string(), count: z.number().int(), requestedFiscalYuan: z.number().int() });
export const applicationStatisticsResponse = z.object({
  call: z.object({ id: z.string(), title: z.string() }),
  /** 'all' for the bureau; 'own' when the caller sees only some applications (its organisation or its level). */
  scope: z.enum(['all', 'own']),
  total: z.object({ count: z.number().int(), requestedFiscalYuan: z.number().int() }),
  byCategory: z.array(bucket),
  byField: z.array(bucket),
  byRegion: z.array(bucket),
  byOrganisationType: z.array(bucket),
});

const stateCounts = z.object(Object.fromEntries(APPLICATION_STATES.map((s) => [s, z.number().int()])) as Record<ApplicationState, z.ZodNumber>);
export const applicationCountsResponse = z.object({
  call: z.object({ id: z.string(), title: z.string() }),
  scope: z.enum(['all', 'own']),
  threshold: z.number().int(),
  rule: z.string(),
  note: z.string(),
  items: z.array(
    z.object({
      code: z.string(),
      title: z.string(),
      byState: stateCounts,
      submitted: z.number().int(),
      total: z.number().int(),
      flagged: z.boolean(),
      rule: z.string(),
      categories: z.array(z.object({ code: z.string(), name: z.string(), byState: stateCounts, submitted: z.number().int(), total: z.number().int() })),
    }),
  ),
});

/** One row of the queue: the summary plus what the queue shows and sorts by. */
export const applicationQueueItemResponse = applicationSummaryResponse.extend({
  fieldCode: z.string().nullable(),
  /** 财政经费 asked for (city + district), 元. */
  requestedFiscalYuan: z.number().int(),
  /** The caller has something to do on it now (待我处理). */
  waitingForMe: z.boolean(),
});
export const applicationQueueResponse = pageOf(applicationQueueItemResponse);
