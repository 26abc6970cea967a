/**
 * Per call: counts per guideline item and category with the NB-13 flag, and statistics by category, field,
 * region and organisation type. The server only reads the rows the caller may see (`visibleTo`); the domain
 * counts. A caller who sees part of the applications (its organisation, its level) gets counts of that part,
 * marked scope 'own', so nobody learns of other organisations' applications from a total.
 */
import { and, eq, ne, sql } from 'drizzle-orm';
import { applicationCountsByItem, applicationStatistics, hasPermission, type ApplicationState } from '@kechuang/domain';
import type { Db } from '../../db/client.js';
import type { AuthContext } from '../../http/auth.js';
import { organisationProfiles } from '../organisations/service.js';
import { visibleTo } from './access.js';
import { loadCallContext } from './call-context.js';
import { budgetColumns, requestedFiscalOf } from './queue.js';
import { applications } from './schema.js';

/** NB-13: an item should draw at least this many competing applications. */
const NB13_THRESHOLD = 2;

const scopeOf = (auth: AuthContext) => (hasPermission(auth.roles, 'application.review') ? ('all' as const) : ('own' as const));

/** The call's categories and fields in rule-set order, with their Chinese names. */
function callLabels(ctx: Awaited<ReturnType<typeof loadCallContext>>) {
  const p = ctx.ruleSet.parameters;
  return {
    categories: ctx.call.categoryCodes.map((code) => ({ code, name: p.categories.find((c) => c.code === code)?.name ?? code })),
    fields: ctx.call.fieldCodes.map((code) => ({ code, name: p.fields.find((f) => f.code === code)?.name ?? code })),
  };
}

export async function applicationCounts(db: Db, auth: AuthContext, callId: string, now = new Date()) {
  const ctx = await loadCallContext(db, callId, now);
  const visible = visibleTo(auth);
  const rows = visible
    ? await db.select({ guidelineItemId: applications.guidelineItemId, categoryCode: applications.categoryCode, state: applications.state }).from(applications).where(and(visible, eq(applications.callId, callId)))
    : [];
  const codeOf = new Map(ctx.items.map((i) => [i.id, i.code]));
  const items = applicationCountsByItem(
    ctx.items.map((i) => ({ code: i.code, title: i.title })),
    callLabels(ctx).categories,
    rows.map((r) => ({ guidelineItemCode: r.guidelineItemId ? (codeOf.get(r.guidelineItemId) ?? null) : null, categoryCode: r.categoryCode, state: r.state as ApplicationState })),
    NB13_THRESHOLD,
  );
  return {
    call: { id: ctx.call.id, title: ctx.call.title },
    scope: scopeOf(auth),
    threshold: NB13_THRESHOLD,
    rule: 'NB-13',
    note: `NB-13：每个指南条目应有竞争性申报，已提交（不含草稿）的申报书不足${NB13_THRESHOLD}项的条目予以标注。`,
    items,
  };
}

export async function applicationStatisticsOf(db: Db, auth: AuthContext, callId: string, now = new Date()) {
  const ctx = await loadCallContext(db, callId, now);
  const visible = visibleTo(auth);
  const rows = visible
    ? await db
        .select({
          state: applications.state,
          categoryCode: applications.categoryCode,
          organisationId: applications.organisationId,
          fieldCode: sql<string | null>`${applications.content}->'basic'->>'fieldCode'`,
          ...budgetColumns,
        })
        .from(applications)
        .where(and(visible, eq(applications.callId, callId), ne(applications.state, 'draft')))
    : [];
  const orgs = new Map((await organisationProfiles(db, [...new Set(rows.map((r) => r.organisationId))])).map((o) => [o.id, o]));
  const stats = applicationStatistics(
    rows.map((r) => ({
      state: r.state as ApplicationState,
      categoryCode: r.categoryCode,
      fieldCode: r.fieldCode,
      region: orgs.get(r.organisationId)?.region ?? '',
      organisationType: orgs.get(r.organisationId)?.type ?? 'other',
      requestedFiscalYuan: requestedFiscalOf(r),
    })),
    callLabels(ctx),
  );
  return { call: { id: ctx.call.id, title: ctx.call.title }, scope: scopeOf(auth), ...stats };
}
