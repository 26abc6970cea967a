/**
 * Performance evaluation (绩效评价, BL-12, P315-4): the officer records one evaluation of a project in acceptance or
 * closed, scored by the domain against the task book in force; the result counts in the organisation's record and
 * the leader's record (by ID number), which these reads serve.
 * Achieved values are the officer's input. When the acceptance part stores verified values per indicator, the form
 * is the one place to prefill them from (projectPerformance below).
 */
import { randomUUID } from 'node:crypto';
import { and, desc, eq, inArray } from 'drizzle-orm';
import {
  PERFORMANCE_CLASS_LABELS,
  PERFORMANCE_ELIGIBLE_STATES,
  PERFORMANCE_GRADE_LABELS,
  PERFORMANCE_WEIGHTS,
  PROJECT_STATE_LABELS,
  evaluatePerformance,
  formatCentiPoints,
  hasPermission,
  maskResidentId,
  performanceClassOf,
  type PerformanceClass,
  type PerformanceEvaluationView,
  type PerformanceInput,
  type ProjectPerformance,
  type ProjectState,
  type TaskBookContent,
} from '@kechuang/domain';
import type { Db, Tx } from '../../db/client.js';
import type { AuthContext } from '../../http/auth.js';
import { recordAudit, type Actor } from '../audit/record.js';
import { applicationsByIds } from '../applications/service.js';
import { organisationNames } from '../organisations/service.js';
import { integrityProblem } from './integrity-errors.js';
import { findProject, readableProject, recordProjectEvent, type ProjectRow } from './lifecycle.js';
import { performanceEvaluations } from './performance-schema.js';
import { projects } from './schema.js';
import { taskBookInForce } from './task-book-store.js';

type EvaluationRow = typeof performanceEvaluations.$inferSelect;

async function classOf(db: Tx, project: ProjectRow): Promise<PerformanceClass> {
  const [app] = await applicationsByIds(db, [project.applicationId]);
  return performanceClassOf(((app?.content ?? {}) as { basic?: { taskType?: string } }).basic?.taskType);
}

function eligibility(project: ProjectRow): string | null {
  if ((PERFORMANCE_ELIGIBLE_STATES as readonly string[]).includes(project.state)) return null;
  return `项目当前状态为「${PROJECT_STATE_LABELS[project.state as ProjectState] ?? project.state}」，验收中或已结束（通过、结题、不通过、终止）的项目方可进行绩效评价。`;
}

async function present(db: Tx, rows: EvaluationRow[]): Promise<PerformanceEvaluationView[]> {
  if (rows.length === 0) return [];
  const ps = new Map((await db.select({ id: projects.id, projectNo: projects.projectNo, title: projects.title }).from(projects).where(inArray(projects.id, rows.map((r) => r.projectId)))).map((p) => [p.id, p]));
  const orgs = new Map((await organisationNames(db, [...new Set(rows.map((r) => r.organisationId))])).map((o) => [o.id, o.name]));
  return rows.map((r) => ({
    id: r.id,
    projectId: r.projectId,
    projectNo: ps.get(r.projectId)?.projectNo ?? '',
    projectTitle: ps.get(r.projectId)?.title ?? '',
    organisation: { id: r.organisationId, name: orgs.get(r.organisationId) ?? '' },
    leaderName: r.leaderName,
    leaderIdShown: r.leaderIdNumber ? maskResidentId(r.leaderIdNumber) : null,
    projectState: r.projectState,
    classKey: r.classKey as PerformanceClass,
    lumpSum: r.lumpSum,
    indicators: r.indicators as PerformanceEvaluationView['indicators'],
    components: r.components as PerformanceEvaluationView['components'],
    totalCenti: r.totalCenti,
    grade: r.grade as PerformanceEvaluationView['grade'],
    comment: r.comment,
    evaluatedBy: r.evaluatedByName,
    evaluatedAt: r.evaluatedAt.toISOString(),
  }));
}

/** The project's evaluation, or what the form is built from. */
export async function projectPerformance(db: Db, auth: AuthContext, projectId: string): Promise<ProjectPerformance> {
  const project = await readableProject(db, auth, projectId);
  const [row] = await db.select().from(performanceEvaluations).where(eq(performanceEvaluations.projectId, projectId));
  const classKey = row ? (row.classKey as PerformanceClass) : await classOf(db, project);
  const book = await taskBookInForce(db, projectId);
  const indicators = ((book?.content as TaskBookContent | undefined)?.indicators ?? []).map((i, index) => ({ index, kind: i.kind, name: i.name, unit: i.unit, target: i.targetValue, core: i.core }));
  const notEligible = eligibility(project);
  const reason = row ? '已完成绩效评价。' : !hasPermission(auth.roles, 'project.manage') ? '绩效评价由科技局经办人记录。' : notEligible ?? (book ? null : '项目没有生效的任务书，无法对照任务书指标评价。');
  return {
    evaluation: row ? (await present(db, [row]))[0]! : null,
    classKey,
    lumpSum: row ? row.lumpSum : project.lumpSum,
    weights: row ? (row.weights as ProjectPerformance['weights']) : PERFORMANCE_WEIGHTS[classKey],
    indicators,
    canRecord: reason === null,
    reason,
  };
}

export async function recordPerformanceEvaluation(db: Db, auth: AuthContext, actor: Actor, projectId: string, input: PerformanceInput, now = new Date()): Promise<PerformanceEvaluationView> {
  return db.transaction(async (tx) => {
    const project = await findProject(tx, projectId, { forUpdate: true });
    const notEligible = eligibility(project);
    if (notEligible) throw integrityProblem('PERFORMANCE_NOT_ELIGIBLE', notEligible, undefined, { state: project.state, requiredStates: PERFORMANCE_ELIGIBLE_STATES });
    const [existing] = await tx.select({ id: performanceEvaluations.id }).from(performanceEvaluations).where(eq(performanceEvaluations.projectId, projectId));
    if (existing) throw integrityProblem('PERFORMANCE_ALREADY_EVALUATED');
    const book = await taskBookInForce(tx, projectId);
    if (!book) throw integrityProblem('PERFORMANCE_NO_TASK_BOOK', '项目没有生效的任务书，无法对照任务书指标评价。');
    const classKey = await classOf(tx, project);
    const scored = evaluatePerformance((book.content as TaskBookContent).indicators, classKey, project.lumpSum, input);
    if (!scored.ok) throw integrityProblem('PERFORMANCE_INPUT_INVALID', scored.problems.map((p) => p.message).join('；'), scored.problems);
    const res = scored.result;
    const id = randomUUID();
    const [row] = await tx.insert(performanceEvaluations).values({
      id,
      projectId,
      organisationId: project.organisationId,
      leaderIdNumber: project.leaderIdNumber?.toUpperCase() ?? null,
      leaderName: project.leaderName,
      projectState: project.state,
      classKey,
      lumpSum: project.lumpSum,
      weights: PERFORMANCE_WEIGHTS[classKey],
      indicators: res.indicators,
      components: res.components,
      totalCenti: res.totalCenti,
      grade: res.grade,
      comment: input.comment,
      taskBookVersionId: book.id,
      evaluatedBy: actor.id,
      evaluatedByName: auth.user.name,
      evaluatedAt: now,
    }).returning();
    const summary = `绩效评价：${PERFORMANCE_CLASS_LABELS[classKey]}${project.lumpSum ? '（包干制，只评价产出与效果）' : ''}，得分 ${formatCentiPoints(res.totalCenti)}，等级「${PERFORMANCE_GRADE_LABELS[res.grade]}」。`;
    await recordProjectEvent(tx, actor, projectId, { kind: 'performance.evaluated', summary, detail: { evaluationId: id, totalCenti: res.totalCenti, grade: res.grade, classKey }, at: now });
    await recordAudit(tx, actor, { action: 'project.performance.evaluate', entityType: 'performanceEvaluation', entityId: id, changes: { grade: { after: res.grade }, totalCenti: { after: res.totalCenti } }, detail: { projectId, projectNo: project.projectNo, classKey, lumpSum: project.lumpSum, components: res.components.map((c) => ({ key: c.key, weight: c.weight, scoreCenti: c.scoreCenti, counted: c.counted })) } });
    return (await present(tx, [row!]))[0]!;
  });
}

/** The organisation's record: every evaluation of its projects, newest first. */
export async function organisationPerformance(db: Tx, organisationId: string): Promise<PerformanceEvaluationView[]> {
  return present(db, await db.select().from(performanceEvaluations).where(eq(performanceEvaluations.organisationId, organisationId)).orderBy(desc(performanceEvaluations.evaluatedAt)));
}

/** The leader's record by exact ID number; an organisation's users see only their own organisation's projects. */
export async function leaderPerformance(db: Tx, auth: AuthContext, idNumber: string): Promise<PerformanceEvaluationView[]> {
  const key = idNumber.trim().toUpperCase();
  const scope = hasPermission(auth.roles, 'organisation.readAll') ? eq(performanceEvaluations.leaderIdNumber, key) : and(eq(performanceEvaluations.leaderIdNumber, key), eq(performanceEvaluations.organisationId, auth.user.organisationId ?? '00000000-0000-0000-0000-000000000000'));
  return present(db, await db.select().from(performanceEvaluations).where(scope).orderBy(desc(performanceEvaluations.evaluatedAt)));
}
