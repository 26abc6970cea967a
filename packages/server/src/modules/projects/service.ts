/**
 * Approved projects (立项项目): the use case review calls to approve a round's list, and the list every bureau
 * role reads (an organisation reads its own). Other contexts call these, never this context's tables.
 */
import { randomUUID } from 'node:crypto';
import { and, count, eq, inArray } from 'drizzle-orm';
import { commitFunds, formatWan, postAwardSettingsOf, splitFiscal, taskBookFromApplication, type ApplicationContent, type ProjectView, type RuleSetParameters } from '@kechuang/domain';
import type { Tx } from '../../db/client.js';
import { recordAudit, type Actor } from '../audit/record.js';
import { applicationsByIds } from '../applications/service.js';
import { organisationNames, organisationProfiles } from '../organisations/service.js';
import { callRuleVersion } from '../programmes/call-queries.js';
import { findProgramme } from '../programmes/service.js';
import { lockLedger, recordBudgetEntryInTx } from '../programmes/budget.js';
import { projectProblem } from './errors.js';
import { projects } from './schema.js';
import { insertTaskBookVersion } from './task-book-store.js';

export type { ProjectRow } from './lifecycle.js';
type ProjectRow = typeof projects.$inferSelect;

export interface ApprovalItem {
  applicationId: string;
  organisationId: string;
  title: string;
  categoryCode: string;
  categoryName: string;
  fieldCode: string | null;
  amountYuan: number;
}

export interface ApprovalBatch {
  roundId: string;
  callId: string;
  programmeCode: string;
  budgetYear: number;
  items: ApprovalItem[];
}

/**
 * Creates one project per item and commits its amount in the programme-year's ledger, inside the caller's
 * transaction. The whole list must fit what the ledger has available (BL-4), or nothing is created: the
 * refusal carries the shortfall of the list as a whole.
 */
export async function createApprovedProjects(tx: Tx, actor: Actor, batch: ApprovalBatch, now = new Date()): Promise<ProjectRow[]> {
  if (batch.items.length === 0) throw projectProblem('PROJECT_NOTHING_TO_APPROVE');
  const total = batch.items.reduce((s, i) => s + i.amountYuan, 0);
  const ledger = await lockLedger(tx, batch.programmeCode, batch.budgetYear);
  const fits = commitFunds(ledger, total);
  if (!fits.ok) {
    throw projectProblem('PROJECT_BUDGET_EXCEEDED', `BL-4：${batch.budgetYear}年度可用预算 ${formatWan(ledger.availableYuan)}，本批立项合计 ${formatWan(total)}，缺口 ${formatWan(fits.shortfallYuan)}；全部未立项。`, undefined, { shortfallYuan: fits.shortfallYuan, totalYuan: total, availableYuan: ledger.availableYuan });
  }
  const prefix = `${batch.programmeCode.toUpperCase()}-${batch.budgetYear}-`;
  const [{ n }] = (await tx.select({ n: count() }).from(projects).where(and(eq(projects.programmeCode, batch.programmeCode), eq(projects.budgetYear, batch.budgetYear)))) as [{ n: number }];
  const apps = new Map((await applicationsByIds(tx, batch.items.map((i) => i.applicationId))).map((a) => [a.id, a]));
  const orgs = new Map((await organisationProfiles(tx, [...new Set(batch.items.map((i) => i.organisationId))])).map((o) => [o.id, o]));
  const programme = await findProgramme(tx, batch.programmeCode);
  const call = await callRuleVersion(tx, batch.callId);
  const rows: ProjectRow[] = [];
  for (const [i, item] of batch.items.entries()) {
    const projectNo = `${prefix}${String(n + i + 1).padStart(3, '0')}`;
    const content = (apps.get(item.applicationId)?.content ?? {}) as ApplicationContent;
    const lines = content.budget?.lines ?? [];
    const fiscal = splitFiscal(item.amountYuan, lines.reduce((s, l) => s + (l.fiscalCityYuan ?? 0), 0), lines.reduce((s, l) => s + (l.fiscalDistrictYuan ?? 0), 0));
    const org = orgs.get(item.organisationId);
    const [row] = await tx.insert(projects).values({
      id: randomUUID(),
      projectNo,
      applicationId: item.applicationId,
      roundId: batch.roundId,
      callId: batch.callId,
      programmeCode: batch.programmeCode,
      budgetYear: batch.budgetYear,
      organisationId: item.organisationId,
      title: item.title,
      categoryCode: item.categoryCode,
      categoryName: item.categoryName,
      fieldCode: item.fieldCode,
      approvedAmountYuan: item.amountYuan,
      approvedAt: now,
      approvedBy: actor.id,
      stateChangedAt: now,
      startDate: content.basic?.startDate ?? null,
      endDate: content.basic?.endDate ?? null,
      effectiveEndDate: content.basic?.endDate ?? null,
      leaderName: content.team?.leader?.name ?? '',
      leaderIdNumber: content.team?.leader?.idNumber?.toUpperCase() ?? null,
      fiscalCityYuan: fiscal.cityYuan,
      fiscalDistrictYuan: fiscal.districtYuan,
      ruleVersionId: call?.versionId ?? null,
      lumpSum: postAwardSettingsOf((call?.parameters ?? {}) as Partial<RuleSetParameters>).lumpSum,
    }).returning();
    const entryId = await recordBudgetEntryInTx(tx, actor, batch.programmeCode, batch.budgetYear, { kind: 'commit', amountYuan: item.amountYuan, reference: `project:${projectNo}`, note: `立项承诺：${item.title}`, projectId: row!.id });
    await recordAudit(tx, actor, { action: 'project.approve', entityType: 'project', entityId: row!.id, detail: { projectNo, applicationId: item.applicationId, roundId: batch.roundId, amountYuan: item.amountYuan, budgetEntryId: entryId } });
    // The first task book is drafted from the application at once, so the undertaker has something to sign.
    await insertTaskBookVersion(tx, actor, row!.id, {
      kind: 'original',
      content: taskBookFromApplication({ projectNo, approvedAmountYuan: item.amountYuan, bureauName: programme.issuer, undertaker: { name: org?.name ?? '', creditCode: org?.creditCode ?? '' }, department: null, content }),
      summary: `立项（${formatWan(item.amountYuan)}），按申报书生成任务书草稿`,
    });
    rows.push(row!);
  }
  return rows;
}

/** Projects created from the given applications (review shows their numbers after approval). */
export async function projectsOfApplications(db: Tx, applicationIds: readonly string[]): Promise<ProjectRow[]> {
  if (applicationIds.length === 0) return [];
  return db.select().from(projects).where(inArray(projects.applicationId, [...applicationIds]));
}

// The list (`GET /api/projects`) and its dashboard: portfolio.ts.

export async function present(db: Tx, rows: ProjectRow[]): Promise<ProjectView[]> {
  const apps = new Map((await applicationsByIds(db, rows.map((r) => r.applicationId))).map((a) => [a.id, a.applicationNo]));
  const names = new Map((await organisationNames(db, [...new Set(rows.map((r) => r.organisationId))])).map((o) => [o.id, o.name]));
  return rows.map((r) => ({
    id: r.id,
    projectNo: r.projectNo,
    title: r.title,
    state: r.state as ProjectView['state'],
    programmeCode: r.programmeCode,
    budgetYear: r.budgetYear,
    organisation: { id: r.organisationId, name: names.get(r.organisationId) ?? '' },
    category: { code: r.categoryCode, name: r.categoryName },
    fieldCode: r.fieldCode,
    approvedAmountYuan: r.approvedAmountYuan,
    application: { id: r.applicationId, applicationNo: apps.get(r.applicationId) ?? '' },
    callId: r.callId,
    roundId: r.roundId,
    approvedAt: r.approvedAt.toISOString(),
    startDate: r.startDate,
    endDate: r.endDate,
    effectiveEndDate: r.effectiveEndDate,
    leaderName: r.leaderName,
  }));
}
