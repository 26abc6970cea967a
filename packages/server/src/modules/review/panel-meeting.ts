/**
 * The optional panel meeting (会评) before scoring closes: the officer opens it, moves the item under discussion
 * (the page polls, so everyone following sees the current item), keeps the minutes, and records each score the
 * panel changed with its required reason. Adjusted totals feed aggregation; every step is audited.
 */
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Panel } from '@kechuang/domain';
import type { Db, Tx } from '../../db/client.js';
import { recordAudit, type Actor } from '../audit/record.js';
import { reviewProblem } from './errors.js';
import { findRound, requireStage } from './rounds.js';
import { reviewAssignments, reviewOutcomes } from './schema.js';
import { readPanel } from './scoring-progress.js';
import { reviewPanelAdjustments, reviewPanels, reviewSheets } from './scoring-schema.js';

async function openPanelOf(tx: Tx, roundId: string) {
  const round = await findRound(tx, roundId, { forUpdate: true });
  requireStage(round, 'scoring');
  const [panel] = await tx.select().from(reviewPanels).where(eq(reviewPanels.roundId, roundId)).for('update');
  if (!panel || panel.status !== 'open') throw reviewProblem('REVIEW_PANEL_REFUSED', panel ? '会评已结束。' : '会评尚未开始。');
  return panel;
}

export async function openPanel(db: Db, actor: Actor, roundId: string, now = new Date()): Promise<Panel> {
  await db.transaction(async (tx) => {
    const round = await findRound(tx, roundId, { forUpdate: true });
    requireStage(round, 'scoring');
    const [existing] = await tx.select({ id: reviewPanels.id }).from(reviewPanels).where(eq(reviewPanels.roundId, roundId));
    if (existing) throw reviewProblem('REVIEW_PANEL_REFUSED', '本轮已召开过会评。');
    const id = randomUUID();
    await tx.insert(reviewPanels).values({ id, roundId, startedBy: actor.id, startedAt: now });
    await recordAudit(tx, actor, { action: 'review.panel.open', entityType: 'reviewPanel', entityId: id, detail: { roundId } });
  });
  return (await readPanel(db, roundId))!;
}

export async function updatePanel(db: Db, actor: Actor, roundId: string, input: { currentApplicationId?: string | null; minutes?: string }): Promise<Panel> {
  await db.transaction(async (tx) => {
    const panel = await openPanelOf(tx, roundId);
    if (input.currentApplicationId) {
      const [inRound] = await tx.select({ id: reviewOutcomes.applicationId }).from(reviewOutcomes).where(and(eq(reviewOutcomes.roundId, roundId), eq(reviewOutcomes.applicationId, input.currentApplicationId)));
      if (!inRound) throw reviewProblem('REVIEW_PANEL_REFUSED', '该申报书不在本轮评审中。', [{ field: 'currentApplicationId', message: '不在本轮评审中' }]);
    }
    const next = { currentApplicationId: input.currentApplicationId === undefined ? panel.currentApplicationId : input.currentApplicationId, minutes: input.minutes ?? panel.minutes };
    await tx.update(reviewPanels).set(next).where(eq(reviewPanels.id, panel.id));
    await recordAudit(tx, actor, {
      action: 'review.panel.update',
      entityType: 'reviewPanel',
      entityId: panel.id,
      changes: { currentApplicationId: { before: panel.currentApplicationId, after: next.currentApplicationId }, ...(input.minutes !== undefined && input.minutes !== panel.minutes ? { minutes: { before: panel.minutes, after: next.minutes } } : {}) },
    });
  });
  return (await readPanel(db, roundId))!;
}

export async function adjustScore(db: Db, actor: Actor, roundId: string, input: { assignmentId: string; scoreCenti: number; reason: string }, now = new Date()): Promise<Panel> {
  await db.transaction(async (tx) => {
    const panel = await openPanelOf(tx, roundId);
    const [row] = await tx
      .select({ sheet: reviewSheets, applicationId: reviewAssignments.applicationId })
      .from(reviewSheets)
      .innerJoin(reviewAssignments, eq(reviewAssignments.id, reviewSheets.assignmentId))
      .where(and(eq(reviewSheets.assignmentId, input.assignmentId), eq(reviewSheets.roundId, roundId), eq(reviewAssignments.status, 'active')))
      .for('update');
    if (!row || row.sheet.status !== 'submitted') throw reviewProblem('REVIEW_PANEL_REFUSED', '只能调整已提交评分表的分数。', [{ field: 'assignmentId', message: '评分表未提交' }]);
    const before = row.sheet.adjustedCenti ?? row.sheet.totalCenti!;
    const id = randomUUID();
    await tx.insert(reviewPanelAdjustments).values({ id, panelId: panel.id, sheetId: row.sheet.id, beforeCenti: before, afterCenti: input.scoreCenti, reason: input.reason.trim(), createdBy: actor.id, createdAt: now });
    await tx.update(reviewSheets).set({ adjustedCenti: input.scoreCenti }).where(eq(reviewSheets.id, row.sheet.id));
    await recordAudit(tx, actor, { action: 'review.panel.adjust', entityType: 'reviewSheet', entityId: row.sheet.id, changes: { scoreCenti: { before, after: input.scoreCenti } }, detail: { panelId: panel.id, roundId, applicationId: row.applicationId, assignmentId: input.assignmentId, reason: input.reason.trim() } });
  });
  return (await readPanel(db, roundId))!;
}

export async function closePanel(db: Db, actor: Actor, roundId: string, now = new Date()): Promise<Panel> {
  await db.transaction(async (tx) => {
    const panel = await openPanelOf(tx, roundId);
    if (!panel.minutes.trim()) throw reviewProblem('REVIEW_PANEL_REFUSED', '请先填写会评纪要再结束会评。', [{ field: 'minutes', message: '请填写会评纪要' }]);
    await tx.update(reviewPanels).set({ status: 'closed', endedAt: now, currentApplicationId: null }).where(eq(reviewPanels.id, panel.id));
    await recordAudit(tx, actor, { action: 'review.panel.close', entityType: 'reviewPanel', entityId: panel.id, changes: { status: { before: 'open', after: 'closed' } }, detail: { roundId, minutes: panel.minutes } });
  });
  return (await readPanel(db, roundId))!;
}
