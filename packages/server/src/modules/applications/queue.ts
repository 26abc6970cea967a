/**
 * The queues of applications per level (申报单位, 单位管理员, 推荐单位, 经办人): filters in SQL over the rows the
 * caller may see (`visibleTo`, the one access decision), then the domain orders them, keeps 待我处理 and pages.
 * The export is the same filtered, ordered list without paging.
 */
import { and, asc, count, desc, eq, gte, inArray, lt, sql, type SQL } from 'drizzle-orm';
import {
  allowedApplicationActions,
  APPLICATION_STATE_LABELS,
  formatShanghai,
  isWaitingFor,
  orderQueue,
  projectBudget,
  yuanToWan,
  type ApplicationContent,
  type ApplicationSortKey,
  type ApplicationState,
} from '@kechuang/domain';
import type { Db } from '../../db/client.js';
import type { AuthContext } from '../../http/auth.js';
import type { ExcelColumn } from '../../http/excel.js';
import { organisationProfiles, organisationsMatching } from '../organisations/service.js';
import { guidelineItemsWithCode } from '../programmes/call-queries.js';
import { visibleTo } from './access.js';
import { loadCallContext, workflowCall, type CallContext } from './call-context.js';
import { presentSummary } from './present.js';
import { applications } from './schema.js';

export interface QueueFilter {
  callId?: string | undefined;
  state?: ApplicationState | undefined;
  guidelineItemCode?: string | undefined;
  categoryCode?: string | undefined;
  fieldCode?: string | undefined;
  /** Part of the organisation's name or 统一社会信用代码. */
  organisation?: string | undefined;
  /** Calendar days (Asia/Shanghai), both included. */
  submittedFrom?: string | undefined;
  submittedTo?: string | undefined;
  waitingForMe?: boolean | undefined;
  sort?: ApplicationSortKey | undefined;
  order?: 'asc' | 'desc' | undefined;
}

/** Only the budget parts of the content (its text sections can be long): the project's lines and each topic's. */
export const budgetColumns = {
  budget: sql<ApplicationContent['budget'] | null>`${applications.content}->'budget'`,
  topicBudgets: sql<{ budget?: unknown }[] | null>`(select jsonb_agg(jsonb_build_object('budget', t->'budget')) from jsonb_array_elements(case when jsonb_typeof(${applications.content}->'topics') = 'array' then ${applications.content}->'topics' else '[]'::jsonb end) t)`,
};

/** 财政经费 asked for (city + district), by the domain's own budget sum (topics' when there are any, NB-8). */
export const requestedFiscalOf = (r: { budget: ApplicationContent['budget'] | null; topicBudgets: { budget?: unknown }[] | null }) =>
  projectBudget({ budget: r.budget ?? undefined, topics: r.topicBudgets ?? [] } as ApplicationContent).fiscalYuan;

const shanghaiMidnight = (day: string) => new Date(`${day}T00:00:00+08:00`);
const nextDay = (day: string) => new Date(shanghaiMidnight(day).getTime() + 86_400_000);

/** The SQL conditions of the filter on top of what the caller may see; null when it may see nothing. */
function conditions(auth: AuthContext, f: QueueFilter): SQL | null {
  const visible = visibleTo(auth);
  if (!visible) return null;
  const c: SQL[] = [visible];
  if (f.callId) c.push(eq(applications.callId, f.callId));
  if (f.state) c.push(eq(applications.state, f.state));
  if (f.guidelineItemCode) c.push(inArray(applications.guidelineItemId, guidelineItemsWithCode(f.guidelineItemCode)));
  if (f.categoryCode) c.push(eq(applications.categoryCode, f.categoryCode));
  if (f.fieldCode) c.push(sql`${applications.content}->'basic'->>'fieldCode' = ${f.fieldCode}`);
  if (f.organisation) c.push(inArray(applications.organisationId, organisationsMatching(f.organisation)));
  if (f.submittedFrom) c.push(gte(applications.submittedAt, shanghaiMidnight(f.submittedFrom)));
  if (f.submittedTo) c.push(lt(applications.submittedAt, nextDay(f.submittedTo)));
  return and(...c)!;
}

const lightColumns = {
  id: applications.id,
  applicationNo: applications.applicationNo,
  state: applications.state,
  callId: applications.callId,
  guidelineItemId: applications.guidelineItemId,
  categoryCode: applications.categoryCode,
  organisationId: applications.organisationId,
  submittedAt: applications.submittedAt,
  title: sql<string | null>`${applications.content}->'basic'->>'title'`,
  fieldCode: sql<string | null>`${applications.content}->'basic'->>'fieldCode'`,
  ...budgetColumns,
};
const lightRows = (db: Db) => db.select(lightColumns).from(applications);
type LightRow = Awaited<ReturnType<typeof lightRows>>[number];

/** Light rows with what ordering, 待我处理 and the export need: organisation, requested amount, the caller's actions. */
async function enrich(db: Db, auth: AuthContext, raw: LightRow[], now: Date) {
  const calls = new Map<string, CallContext>();
  for (const id of new Set(raw.map((r) => r.callId))) calls.set(id, await loadCallContext(db, id, now));
  const orgs = new Map((await organisationProfiles(db, [...new Set(raw.map((r) => r.organisationId))])).map((o) => [o.id, o]));
  const rows = raw.map((r) => {
    const ctx = calls.get(r.callId)!;
    const state = r.state as ApplicationState;
    const org = orgs.get(r.organisationId);
    return {
      ...r,
      state,
      title: r.title ?? '',
      organisationName: org?.name ?? '',
      creditCode: org?.creditCode ?? '',
      requestedFiscalYuan: requestedFiscalOf(r),
      actions: allowedApplicationActions(state, auth.roles, { now, call: workflowCall(ctx.call) }),
    };
  });
  return { rows, calls };
}

/** Every matching row, light (no text sections), ordered and filtered to 待我处理 by the domain. */
async function matchingRows(db: Db, auth: AuthContext, f: QueueFilter, now: Date) {
  const where = conditions(auth, f);
  if (!where) return { rows: [], calls: new Map<string, CallContext>() };
  const { rows, calls } = await enrich(db, auth, await lightRows(db).where(where), now);
  return { rows: orderQueue(rows, { sort: f.sort ?? 'submittedAt', order: f.order ?? 'desc', waitingForMe: f.waitingForMe === true }), calls };
}

/**
 * One page ordered by the database, when it can order exactly as orderQueue does (submission time with the
 * never-submitted last, or the number; ties by number) and 待我处理 is off: the common case reads one page only.
 */
async function sqlPage(db: Db, auth: AuthContext, f: QueueFilter & { page: number; pageSize: number }, now: Date) {
  const where = conditions(auth, f);
  if (!where) return { rows: [], calls: new Map<string, CallContext>(), total: 0 };
  const dir = f.order === 'asc' ? asc : desc;
  const order = f.sort === 'applicationNo' ? [dir(applications.applicationNo)] : [sql`${applications.submittedAt} ${f.order === 'asc' ? sql`asc` : sql`desc`} nulls last`, asc(applications.applicationNo)];
  const [raw, [total]] = await Promise.all([
    lightRows(db).where(where).orderBy(...order).limit(f.pageSize).offset((f.page - 1) * f.pageSize),
    db.select({ n: count() }).from(applications).where(where),
  ]);
  return { ...(await enrich(db, auth, raw, now)), total: total?.n ?? 0 };
}

/** One page of the queue, each row with the summary, its field, requested amount and whether it waits for the caller. */
export async function listQueue(db: Db, auth: AuthContext, f: QueueFilter & { page: number; pageSize: number }, now = new Date()) {
  const inSql = !f.waitingForMe && (f.sort === undefined || f.sort === 'submittedAt' || f.sort === 'applicationNo');
  let page: Awaited<ReturnType<typeof enrich>>['rows'];
  let calls: Map<string, CallContext>;
  let total: number;
  if (inSql) {
    ({ rows: page, calls, total } = await sqlPage(db, auth, f, now));
  } else {
    const all = await matchingRows(db, auth, f, now);
    ({ calls } = all);
    page = all.rows.slice((f.page - 1) * f.pageSize, f.page * f.pageSize);
    total = all.rows.length;
  }
  const full = page.length ? await db.select().from(applications).where(inArray(applications.id, page.map((r) => r.id))) : [];
  const byId = new Map(full.map((r) => [r.id, r]));
  const items = page.flatMap((r) => {
    const row = byId.get(r.id);
    // A row deleted between the two reads is simply left out of this page.
    if (!row) return [];
    return [{ ...presentSummary(row, calls.get(r.callId)!, r.organisationName || null), fieldCode: r.fieldCode, requestedFiscalYuan: r.requestedFiscalYuan, waitingForMe: isWaitingFor(r.actions) }];
  });
  return { items, total, page: f.page, pageSize: f.pageSize };
}

type ExportRow = Awaited<ReturnType<typeof matchingRows>>['rows'][number] & { ctx: CallContext };

/** Amounts in 万元 as numbers Excel can sum: 元 / 10,000 is exact in four decimals. */

export const QUEUE_EXPORT_COLUMNS: ExcelColumn<ExportRow>[] = [
  { header: '申报编号', width: 18, value: (r) => r.applicationNo },
  { header: '项目名称', width: 36, value: (r) => r.title },
  { header: '申报指南', width: 30, value: (r) => r.ctx.call.title },
  { header: '指南条目', width: 26, value: (r) => {
    const item = r.ctx.items.find((i) => i.id === r.guidelineItemId);
    return item ? `${item.code} ${item.title}` : '';
  } },
  { header: '类别', width: 12, value: (r) => r.ctx.ruleSet.parameters.categories.find((c) => c.code === r.categoryCode)?.name ?? r.categoryCode },
  { header: '领域', width: 14, value: (r) => (r.fieldCode ? r.ctx.ruleSet.parameters.fields.find((x) => x.code === r.fieldCode)?.name ?? r.fieldCode : '') },
  { header: '申报单位', width: 30, value: (r) => r.organisationName },
  { header: '统一社会信用代码', width: 22, value: (r) => r.creditCode },
  { header: '状态', width: 18, value: (r) => APPLICATION_STATE_LABELS[r.state] },
  { header: '申请财政经费（万元）', width: 18, value: (r) => yuanToWan(r.requestedFiscalYuan) },
  { header: '提交时间', width: 20, value: (r) => (r.submittedAt ? formatShanghai(r.submittedAt) : '') },
  { header: '待我处理', width: 10, value: (r) => (isWaitingFor(r.actions) ? '是' : '') },
];

/** The whole filtered, ordered list for the Excel export. */
export async function exportQueue(db: Db, auth: AuthContext, f: QueueFilter, now = new Date()): Promise<ExportRow[]> {
  const { rows, calls } = await matchingRows(db, auth, f, now);
  return rows.map((r) => ({ ...r, ctx: calls.get(r.callId)! }));
}
