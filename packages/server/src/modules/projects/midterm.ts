/**
 * Mid-term checks (中期检查, YZ-7) with BL-10 rolling management: open a check, record its outcome (合格 /
 * 限期整改 / 终止) with its basis and rolling decision, record the rectification (or terminate when it failed).
 * Each use case is one transaction with its timeline and audit events; 终止 runs the termination sequence.
 */
import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq } from 'drizzle-orm';
import {
  hasPermission,
  midtermRequirement,
  MIDTERM_OUTCOME_LABELS,
  projectTransition,
  rectificationDueDate,
  ROLLING_DECISION_LABELS,
  shanghaiDayOf,
  type MidtermCheckView,
  type MidtermOutcomeRequest,
  type OpenMidtermRequest,
  type ProjectMidtermView,
  type ProjectState,
  type RectificationRequest,
  type TerminationKind,
} from '@kechuang/domain';
import type { Db, Tx } from '../../db/client.js';
import type { AuthContext } from '../../http/auth.js';
import { recordAudit, type Actor } from '../audit/record.js';
import { userSummaries } from '../accounts/service.js';
import { recoveriesOf } from './ledger.js';
import { findProject, readableProject, transitionProject } from './lifecycle.js';
import { midtermProblem } from './midterm-errors.js';
import { midtermChecks, projectTerminations } from './midterm-schema.js';
import { reallocationsOfProject } from './reallocation.js';
import { projectSettings } from './settings.js';
import { terminateInTx, type TerminationOutcome } from './termination.js';

type CheckRow = typeof midtermChecks.$inferSelect;

async function checkIn(tx: Tx, projectId: string, status: CheckRow['status']): Promise<CheckRow | null> {
  const [row] = await tx.select().from(midtermChecks).where(and(eq(midtermChecks.projectId, projectId), eq(midtermChecks.status, status))).orderBy(desc(midtermChecks.openedAt)).limit(1);
  return row ?? null;
}

export async function openMidterm(db: Db, actor: Actor, projectId: string, body: OpenMidtermRequest, now = new Date()): Promise<string> {
  return db.transaction(async (tx) => {
    const project = await findProject(tx, projectId, { forUpdate: true });
    const id = randomUUID();
    await transitionProject(tx, actor, project, 'openMidterm', { summary: `启动中期检查，材料报送截止 ${body.dueDate}`, detail: { midtermCheckId: id, dueDate: body.dueDate }, at: now });
    await tx.insert(midtermChecks).values({ id, projectId, status: 'open', openedAt: now, openedBy: actor.id, dueDate: body.dueDate, materials: body.materials });
    await recordAudit(tx, actor, { action: 'project.midterm.open', entityType: 'midtermCheck', entityId: id, detail: { projectId, dueDate: body.dueDate, materials: body.materials } });
    return id;
  });
}

export async function recordMidtermOutcome(db: Db, actor: Actor, projectId: string, body: MidtermOutcomeRequest, now = new Date()): Promise<TerminationOutcome | null> {
  return db.transaction(async (tx) => {
    const project = await findProject(tx, projectId, { forUpdate: true });
    const check = await checkIn(tx, projectId, 'open');
    if (!check) throw midtermProblem('MIDTERM_NO_OPEN_CHECK', '该项目没有进行中的中期检查，请先启动中期检查。');
    const label = `${MIDTERM_OUTCOME_LABELS[body.outcome]}（${ROLLING_DECISION_LABELS[body.rollingDecision]}）`;
    let rectificationDue: string | null = null;
    let result: TerminationOutcome | null = null;
    if (body.outcome === 'pass') {
      await transitionProject(tx, actor, project, 'midtermPass', { summary: `中期检查结论：${label}。依据：${body.basis}`, detail: { midtermCheckId: check.id, outcome: body.outcome, rollingDecision: body.rollingDecision }, at: now });
    } else if (body.outcome === 'rectify') {
      rectificationDue = rectificationDueDate(shanghaiDayOf(now), await projectSettings(tx, project));
      await transitionProject(tx, actor, project, 'midtermRectify', { summary: `中期检查结论：${label}，整改期限 ${rectificationDue}。依据：${body.basis}`, detail: { midtermCheckId: check.id, outcome: body.outcome, rollingDecision: body.rollingDecision, rectificationDue }, at: now });
    }
    await tx.update(midtermChecks).set({
      status: body.outcome === 'pass' ? 'passed' : body.outcome === 'rectify' ? 'rectifying' : 'terminated',
      outcome: body.outcome, basis: body.basis, rollingDecision: body.rollingDecision, decidedAt: now, decidedBy: actor.id, rectificationDue,
    }).where(eq(midtermChecks.id, check.id));
    await recordAudit(tx, actor, { action: 'project.midterm.outcome', entityType: 'midtermCheck', entityId: check.id, changes: { status: { before: 'open', after: body.outcome } }, detail: { projectId, outcome: body.outcome, basis: body.basis, rollingDecision: body.rollingDecision, rectificationDue } });
    if (body.outcome === 'terminate') {
      result = await terminateInTx(tx, actor, project, 'terminate', { ...body.termination!, basis: `中期检查结论：终止。${body.basis}` }, { midtermCheckId: check.id, now });
    }
    return result;
  });
}

export async function recordRectification(db: Db, actor: Actor, projectId: string, body: RectificationRequest, now = new Date()): Promise<TerminationOutcome | null> {
  return db.transaction(async (tx) => {
    const project = await findProject(tx, projectId, { forUpdate: true });
    const check = await checkIn(tx, projectId, 'rectifying');
    if (!check) throw midtermProblem('MIDTERM_NOT_RECTIFYING', '该项目没有限期整改中的中期检查。');
    let result: TerminationOutcome | null = null;
    if (body.result === 'rectified') {
      await transitionProject(tx, actor, project, 'rectified', { summary: `中期检查整改完成，恢复执行。依据：${body.basis}`, detail: { midtermCheckId: check.id }, at: now });
    }
    await tx.update(midtermChecks).set({ status: body.result === 'rectified' ? 'rectified' : 'terminated', rectifiedAt: body.result === 'rectified' ? now : null, rectificationBasis: body.basis }).where(eq(midtermChecks.id, check.id));
    await recordAudit(tx, actor, { action: 'project.midterm.rectification', entityType: 'midtermCheck', entityId: check.id, changes: { status: { before: 'rectifying', after: body.result } }, detail: { projectId, result: body.result, basis: body.basis, due: check.rectificationDue } });
    if (body.result === 'failed') {
      result = await terminateInTx(tx, actor, project, 'terminate', { ...body.termination!, basis: `中期检查整改不合格，终止。${body.basis}` }, { midtermCheckId: check.id, now });
    }
    return result;
  });
}

export async function readProjectMidterm(db: Tx, auth: AuthContext, projectId: string): Promise<ProjectMidtermView> {
  const project = await readableProject(db, auth, projectId);
  const settings = await projectSettings(db, project);
  const checks = await db.select().from(midtermChecks).where(eq(midtermChecks.projectId, projectId)).orderBy(asc(midtermChecks.openedAt));
  const [termination] = await db.select().from(projectTerminations).where(eq(projectTerminations.projectId, projectId)).orderBy(desc(projectTerminations.decidedAt)).limit(1);
  const userIds = [...new Set([...checks.flatMap((c) => [c.openedBy, c.decidedBy]), termination?.decidedBy].filter((x): x is string => !!x))];
  const names = new Map((await userSummaries(db, userIds)).map((u) => [u.id, u.name]));
  const nameOf = (id: string | null | undefined) => (id ? (names.get(id) ?? null) : null);
  const { from, created } = await reallocationsOfProject(db, auth, projectId);
  const recovery = termination?.recoveryId ? ((await recoveriesOf(db, projectId)).find((r) => r.id === termination.recoveryId)?.dueDate ?? null) : null;
  const manage = hasPermission(auth.roles, 'project.manage');
  const state = project.state as ProjectState;
  const may = (a: Parameters<typeof projectTransition>[1]) => manage && projectTransition(state, a).ok;
  return {
    requirement: midtermRequirement(project.approvedAmountYuan, settings),
    rectificationMonths: settings.rectificationMonths,
    checks: checks.map((c): MidtermCheckView => ({
      id: c.id,
      status: c.status as MidtermCheckView['status'],
      openedAt: c.openedAt.toISOString(),
      openedBy: nameOf(c.openedBy),
      dueDate: c.dueDate,
      materials: c.materials,
      outcome: c.outcome as MidtermCheckView['outcome'],
      basis: c.basis,
      rollingDecision: c.rollingDecision as MidtermCheckView['rollingDecision'],
      decidedAt: c.decidedAt?.toISOString() ?? null,
      decidedBy: nameOf(c.decidedBy),
      rectificationDue: c.rectificationDue,
      rectifiedAt: c.rectifiedAt?.toISOString() ?? null,
      rectificationBasis: c.rectificationBasis,
    })),
    termination: termination ? {
      id: termination.id,
      kind: termination.kind as TerminationKind,
      decisionNo: termination.decisionNo,
      basis: termination.basis,
      spentYuan: termination.spentYuan,
      netPaidYuan: termination.netPaidYuan,
      releasedYuan: termination.releasedYuan,
      owedYuan: termination.owedYuan,
      recoveryDueDate: recovery,
      decidedAt: termination.decidedAt.toISOString(),
      decidedBy: nameOf(termination.decidedBy),
      midtermCheckId: termination.midtermCheckId,
    } : null,
    reallocation: from,
    reallocatedFrom: created,
    can: {
      open: may('openMidterm'),
      recordOutcome: manage && state === 'midterm' && checks.some((c) => c.status === 'open'),
      recordRectification: manage && state === 'rectifying' && checks.some((c) => c.status === 'rectifying'),
      terminate: may('terminate'),
      revoke: may('revoke'),
    },
  };
}

