/**
 * BL-10 reallocation: the budget a termination or revocation frees is given on merit by re-running the
 * funding-plan engine over the same round's ranked candidates that were not funded, with the programme-year's
 * available budget after the release. The chosen become projects through createApprovedProjects (their amounts
 * committed in the ledger) in the decision's own transaction; the record keeps the engine's input and result.
 */
import { randomUUID } from 'node:crypto';
import { desc, eq, inArray, or, sql } from 'drizzle-orm';
import { formatWan, fundingPlan, hasPermission, projectLedgerTotals, terminationAmounts, type ApplicationContent, type ReallocationPlanView, type ReallocationPreview, type ReallocationView, type TerminationKind } from '@kechuang/domain';
import type { Tx } from '../../db/client.js';
import type { AuthContext } from '../../http/auth.js';
import { recordAudit, type Actor } from '../audit/record.js';
import { userSummaries } from '../accounts/service.js';
import { applicationsByIds } from '../applications/service.js';
import { readLedger } from '../programmes/budget.js';
import { unfundedRankedCandidates } from '../review/reallocation-candidates.js';
import { projectMovements } from './ledger.js';
import { recordProjectEvent, type ProjectRow } from './lifecycle.js';
import { midtermProblem } from './midterm-errors.js';
import { projectReallocations, projectTerminations } from './midterm-schema.js';
import { projects } from './schema.js';
import { createApprovedProjects, projectsOfApplications } from './service.js';

type ReallocationRow = typeof projectReallocations.$inferSelect;

/** What is shown beside each candidate, kept with the record as the officer saw it. */
interface CandidateMeta {
  applicationId: string;
  organisationId: string;
  title: string;
  organisationName: string;
  categoryName: string;
  fieldCode: string | null;
}

interface SelectedProject {
  applicationNo: string;
  projectId: string;
  projectNo: string;
  amountYuan: number;
}

export interface ReallocationPlan {
  roundId: string;
  callId: string;
  programmeCode: string;
  budgetYear: number;
  input: fundingPlan.FundingPlanInput;
  result: fundingPlan.FundingPlanResult;
  meta: Record<string, CandidateMeta>;
}

/**
 * The engine's plan for the project's round: its unfunded candidates (less any already made a project by an
 * earlier reallocation) within the available budget plus `extraBudgetYuan` (the preview adds the release still to
 * come). Null when no candidate is left.
 */
export async function planReallocation(tx: Tx, project: ProjectRow, extraBudgetYuan = 0): Promise<ReallocationPlan | null> {
  const u = await unfundedRankedCandidates(tx, project.roundId);
  const funded = new Set((await projectsOfApplications(tx, Object.values(u.meta).map((m) => m.applicationId))).map((p) => p.applicationId));
  const candidates = u.candidates.filter((c) => !funded.has(u.meta[c.applicationNo]!.applicationId));
  if (candidates.length === 0) return null;
  const ledger = await readLedger(tx, project.programmeCode, project.budgetYear);
  const input: fundingPlan.FundingPlanInput = {
    candidates,
    budgetYuan: Math.max(0, ledger.availableYuan + extraBudgetYuan),
    categories: u.categories.filter((c) => candidates.some((x) => x.category === c.code)),
    scoreScale: 100,
    objective: u.objective,
  };
  const problems = fundingPlan.validateFundingPlanInput(input);
  if (problems.length) throw midtermProblem('REALLOCATION_INPUT', problems.join('；'));
  const result = fundingPlan.planFunding(input);
  const apps = new Map((await applicationsByIds(tx, candidates.map((c) => u.meta[c.applicationNo]!.applicationId))).map((a) => [a.id, a]));
  const meta: Record<string, CandidateMeta> = {};
  for (const c of candidates) {
    const m = u.meta[c.applicationNo]!;
    const app = apps.get(m.applicationId);
    meta[c.applicationNo] = {
      applicationId: m.applicationId,
      organisationId: app?.organisationId ?? '',
      title: m.title || c.applicationNo,
      organisationName: m.organisationName,
      categoryName: m.categoryName,
      fieldCode: ((app?.content ?? {}) as ApplicationContent).basic?.fieldCode ?? null,
    };
  }
  return { roundId: u.roundId, callId: u.callId, programmeCode: project.programmeCode, budgetYear: project.budgetYear, input, result, meta };
}

/** The plan as the web shows it; `organisationId` limits the candidates to one organisation's (non-bureau callers). */
export function presentReallocationPlan(plan: Pick<ReallocationPlan, 'roundId' | 'programmeCode' | 'budgetYear' | 'input' | 'result' | 'meta'>, created: readonly SelectedProject[] = [], organisationId: string | null = null): ReallocationPlanView {
  const byNo = new Map(created.map((s) => [s.applicationNo, s]));
  const requested = new Map(plan.input.candidates.map((c) => [c.applicationNo, c.requestedYuan]));
  return {
    roundId: plan.roundId,
    programmeCode: plan.programmeCode,
    budgetYear: plan.budgetYear,
    budgetYuan: plan.input.budgetYuan,
    totalYuan: plan.result.totalYuan,
    optimal: plan.result.optimal,
    summary: plan.result.summary,
    candidates: plan.result.candidates
      .filter((d) => organisationId === null || plan.meta[d.applicationNo]?.organisationId === organisationId)
      .map((d) => {
        const m = plan.meta[d.applicationNo];
        const p = byNo.get(d.applicationNo);
        return {
          applicationNo: d.applicationNo,
          title: m?.title ?? d.applicationNo,
          organisationName: m?.organisationName ?? '',
          categoryName: m?.categoryName ?? d.category,
          rank: d.rank,
          scoreCenti: d.score,
          requestedYuan: requested.get(d.applicationNo) ?? d.requestedYuan,
          amountYuan: d.amountYuan,
          status: d.status,
          explanation: d.explanation,
          project: p ? { id: p.projectId, projectNo: p.projectNo } : null,
        };
      }),
  };
}

/**
 * Re-runs the engine after the release (inside the decision's transaction) and makes the chosen candidates
 * projects. `expectedSelected` is what the officer's preview showed: if the engine now chooses otherwise the
 * whole decision is refused, so nobody confirms a reallocation they did not see. Returns the record's id, or null
 * when the round has no unfunded candidate left.
 */
export async function reallocateFreedBudget(tx: Tx, actor: Actor, source: ProjectRow, terminationId: string, expectedSelected: readonly string[] | undefined, now: Date): Promise<string | null> {
  const plan = await planReallocation(tx, source);
  if (!plan) {
    if (expectedSelected && expectedSelected.length > 0) throw midtermProblem('REALLOCATION_STALE', '本轮已没有待分配的候选项目，请刷新后再确认。');
    return null;
  }
  const selected = plan.result.selected;
  if (expectedSelected && [...expectedSelected].sort().join('|') !== [...selected].sort().join('|')) {
    throw midtermProblem('REALLOCATION_STALE', `预览时拟入选：${expectedSelected.join('、') || '无'}；现在资金方案选择：${selected.join('、') || '无'}。请刷新预览后再确认。`, [{ field: 'expectedSelected', message: '与当前方案不一致' }], { selected });
  }
  const decisions = new Map(plan.result.candidates.map((d) => [d.applicationNo, d]));
  const created: SelectedProject[] = [];
  if (selected.length > 0) {
    const rows = await createApprovedProjects(tx, actor, {
      roundId: plan.roundId,
      callId: plan.callId,
      programmeCode: plan.programmeCode,
      budgetYear: plan.budgetYear,
      items: selected.map((no) => {
        const m = plan.meta[no]!;
        const c = plan.input.candidates.find((x) => x.applicationNo === no)!;
        return { applicationId: m.applicationId, organisationId: m.organisationId, title: m.title, categoryCode: c.category, categoryName: m.categoryName, fieldCode: m.fieldCode, amountYuan: decisions.get(no)!.amountYuan };
      }),
    }, now);
    const byApp = new Map(rows.map((r) => [r.applicationId, r]));
    for (const no of selected) {
      const row = byApp.get(plan.meta[no]!.applicationId)!;
      created.push({ applicationNo: no, projectId: row.id, projectNo: row.projectNo, amountYuan: row.approvedAmountYuan });
    }
  }
  const id = randomUUID();
  const totalYuan = created.reduce((s, c) => s + c.amountYuan, 0);
  await tx.insert(projectReallocations).values({
    id, terminationId, sourceProjectId: source.id, roundId: plan.roundId, programmeCode: plan.programmeCode, budgetYear: plan.budgetYear,
    budgetYuan: plan.input.budgetYuan, totalYuan, input: plan.input, result: plan.result, meta: plan.meta, selected: created,
    createdBy: actor.id, createdByName: actor.name, createdAt: now,
  });
  const list = created.map((c) => `${c.projectNo}（${formatWan(c.amountYuan)}）`).join('、');
  await recordProjectEvent(tx, actor, source.id, {
    kind: 'reallocation',
    summary: created.length
      ? `BL-10：释放资金重新运行资金方案（可用预算 ${formatWan(plan.input.budgetYuan)}），择优立项 ${list}`
      : `BL-10：释放资金重新运行资金方案（可用预算 ${formatWan(plan.input.budgetYuan)}），本轮未入选项目均不能在可用预算内立项`,
    detail: { reallocationId: id, selected: created },
    at: now,
  });
  for (const c of created) {
    await recordProjectEvent(tx, actor, c.projectId, { kind: 'reallocation.created', summary: `BL-10：因项目 ${source.projectNo} 终止/撤销释放资金，经资金方案重新运行择优立项（${formatWan(c.amountYuan)}）：${decisions.get(c.applicationNo)!.explanation}`, detail: { reallocationId: id, sourceProjectId: source.id }, at: now });
  }
  await recordAudit(tx, actor, { action: 'project.reallocate', entityType: 'projectReallocation', entityId: id, detail: { sourceProjectId: source.id, terminationId, budgetYuan: plan.input.budgetYuan, selected: created, notSelected: plan.result.candidates.filter((d) => d.status !== 'selected').map((d) => d.applicationNo), optimal: plan.result.optimal } });
  return id;
}

async function present(db: Tx, auth: AuthContext, rows: ReallocationRow[]): Promise<ReallocationView[]> {
  if (rows.length === 0) return [];
  const terminations = new Map((await db.select().from(projectTerminations).where(inArray(projectTerminations.id, rows.map((r) => r.terminationId)))).map((t) => [t.id, t]));
  const sources = new Map((await db.select().from(projects).where(inArray(projects.id, rows.map((r) => r.sourceProjectId)))).map((p) => [p.id, p]));
  const own = hasPermission(auth.roles, 'organisation.readAll') ? null : (auth.user.organisationId ?? '');
  const names = new Map((await userSummaries(db, [...new Set(rows.map((r) => r.createdBy).filter((x): x is string => !!x))])).map((u) => [u.id, u.name]));
  return rows.map((r) => {
    const source = sources.get(r.sourceProjectId)!;
    const plan = presentReallocationPlan({ roundId: r.roundId, programmeCode: r.programmeCode, budgetYear: r.budgetYear, input: r.input as fundingPlan.FundingPlanInput, result: r.result as fundingPlan.FundingPlanResult, meta: r.meta as Record<string, CandidateMeta> }, r.selected as SelectedProject[], own);
    return {
      ...plan,
      totalYuan: r.totalYuan,
      id: r.id,
      terminationId: r.terminationId,
      source: { id: source.id, projectNo: source.projectNo, title: source.title, kind: (terminations.get(r.terminationId)?.kind ?? 'terminate') as TerminationKind },
      createdAt: r.createdAt.toISOString(),
      createdBy: (r.createdBy ? names.get(r.createdBy) : undefined) ?? r.createdByName,
    };
  });
}

/** Reallocations an organisation's user may see: those of its own projects (as source or as created project). */
function scopeOf(auth: AuthContext) {
  if (hasPermission(auth.roles, 'organisation.readAll')) return undefined;
  const org = auth.user.organisationId;
  if (!org) return sql`false`;
  return or(
    sql`${projectReallocations.sourceProjectId} in (select id from projects where organisation_id = ${org})`,
    sql`exists (select 1 from jsonb_array_elements(${projectReallocations.selected}) s join projects p on p.id = (s->>'projectId')::uuid where p.organisation_id = ${org})`,
  );
}

export async function listReallocations(db: Tx, auth: AuthContext): Promise<{ items: ReallocationView[] }> {
  const rows = await db.select().from(projectReallocations).where(scopeOf(auth)).orderBy(desc(projectReallocations.createdAt));
  return { items: await present(db, auth, rows) };
}

/** The reallocation this project's termination made, and the one that created this project. */
export async function reallocationsOfProject(db: Tx, auth: AuthContext, projectId: string): Promise<{ from: ReallocationView | null; created: ReallocationView | null }> {
  const [from] = await db.select().from(projectReallocations).where(eq(projectReallocations.sourceProjectId, projectId)).orderBy(desc(projectReallocations.createdAt)).limit(1);
  const [created] = await db.select().from(projectReallocations).where(sql`${projectReallocations.selected} @> ${JSON.stringify([{ projectId }])}::jsonb`).limit(1);
  const a = await present(db, auth, from ? [from] : []);
  const b = await present(db, auth, created ? [created] : []);
  return { from: a[0] ?? null, created: b[0] ?? null };
}

/** What a termination or revocation would release and recover now, and whom the engine would then fund (nothing written). */
export async function previewReallocation(db: Tx, project: ProjectRow, kind: TerminationKind, spentYuan: number): Promise<ReallocationPreview> {
  const amounts = terminationAmounts(kind, projectLedgerTotals(await projectMovements(db, project.id)), spentYuan);
  const plan = await planReallocation(db, project, amounts.releasedYuan);
  return { kind, amounts: { releasedYuan: amounts.releasedYuan, netPaidYuan: amounts.netPaidYuan, spentYuan: amounts.spentYuan, owedYuan: amounts.owedYuan, basis: amounts.basis }, plan: plan ? presentReallocationPlan(plan) : null };
}
