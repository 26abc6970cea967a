/**
 * Termination (终止) and revocation (撤销) of a project (BL-10): the state change, the recovery (the undisbursed
 * commitment released as `return`, the unspent — for revocation all — paid money ordered back with a deadline),
 * the decision record, and the reallocation of the freed budget — one transaction, one audited sequence.
 */
import { randomUUID } from 'node:crypto';
import { formatWan, projectLedgerTotals, terminationAmounts, TERMINATION_KIND_LABELS, type TerminationKind, type TerminationRequest } from '@kechuang/domain';
import type { Db, Tx } from '../../db/client.js';
import { recordAudit, type Actor } from '../audit/record.js';
import { orderRecovery, projectMovements } from './ledger.js';
import { findProject, transitionProject, type ProjectRow } from './lifecycle.js';
import { projectTerminations } from './midterm-schema.js';
import { reallocateFreedBudget } from './reallocation.js';

export type TerminationInput = Omit<TerminationRequest, 'basis'> & { basis: string };

export interface TerminationOutcome {
  terminationId: string;
  reallocationId: string | null;
}

/** Inside the caller's transaction, with the project row locked. */
export async function terminateInTx(tx: Tx, actor: Actor, project: ProjectRow, kind: TerminationKind, input: TerminationInput, opts: { midtermCheckId?: string | null; now?: Date } = {}): Promise<TerminationOutcome> {
  const now = opts.now ?? new Date();
  const amounts = terminationAmounts(kind, projectLedgerTotals(await projectMovements(tx, project.id)), input.spentYuan);
  const label = TERMINATION_KIND_LABELS[kind];
  const moved = await transitionProject(tx, actor, project, kind, {
    summary: `项目${label}（${input.decisionNo}）：${input.basis}`,
    detail: { decisionNo: input.decisionNo, releasedYuan: amounts.releasedYuan, owedYuan: amounts.owedYuan },
    at: now,
  });
  const order = await orderRecovery(tx, actor, moved, { reason: kind, owedYuan: amounts.owedYuan, basis: `${input.decisionNo}：${input.basis}`, now });
  const terminationId = randomUUID();
  await tx.insert(projectTerminations).values({
    id: terminationId, projectId: project.id, kind, decisionNo: input.decisionNo, basis: input.basis, spentYuan: amounts.spentYuan, netPaidYuan: amounts.netPaidYuan,
    releasedYuan: order.releasedYuan, owedYuan: order.owedYuan, recoveryId: order.recoveryId, midtermCheckId: opts.midtermCheckId ?? null, decidedBy: actor.id, decidedAt: now,
  });
  await recordAudit(tx, actor, {
    action: kind === 'terminate' ? 'project.terminate' : 'project.revoke', entityType: 'projectTermination', entityId: terminationId,
    detail: { projectId: project.id, projectNo: project.projectNo, decisionNo: input.decisionNo, basis: input.basis, spentYuan: amounts.spentYuan, netPaidYuan: amounts.netPaidYuan, releasedYuan: amounts.releasedYuan, owedYuan: amounts.owedYuan, recoveryId: order.recoveryId, dueDate: order.dueDate, midtermCheckId: opts.midtermCheckId ?? null, summary: `${label}：收回未拨付 ${formatWan(order.releasedYuan)}，责令退回 ${formatWan(order.owedYuan)}` },
  });
  const reallocationId = input.reallocate ? await reallocateFreedBudget(tx, actor, moved, terminationId, input.expectedSelected, now) : null;
  return { terminationId, reallocationId };
}

/** POST /api/projects/:id/terminate | /revoke. */
export async function decideTermination(db: Db, actor: Actor, projectId: string, kind: TerminationKind, input: TerminationInput, now = new Date()): Promise<TerminationOutcome> {
  return db.transaction(async (tx) => terminateInTx(tx, actor, await findProject(tx, projectId, { forUpdate: true }), kind, input, { now }));
}
