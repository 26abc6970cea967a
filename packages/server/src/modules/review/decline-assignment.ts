/**
 * A declaration of conflict (声明回避) before opening an application = a decline. In one transaction: the
 * assignment is marked declined with the reason, the conflict is recorded on the expert's profile (so every
 * later assignment and draw excludes it), and a replacement is drawn deterministically —
 * optimal mode: the best remaining candidate by (affinity desc, expert id asc) that is not conflicted, not
 * already on the application and below max load; draw mode: the engine's `replaceDeclined` on the round's draw
 * record, replaying every decline of that draw in order. The replacement is told through the outbox. The
 * decliner learns only whether someone was found, never who.
 */
import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, isNotNull } from 'drizzle-orm';
import { assignment as engine, formatShanghai, integrityBlockMessage, type DeclaredConflict, type PlannedNotification } from '@kechuang/domain';
import type { Db, Tx } from '../../db/client.js';
import type { AuthContext } from '../../http/auth.js';
import { recordAudit, type Actor } from '../audit/record.js';
import { applicationsByIds } from '../applications/service.js';
import { queueNotifications } from '../notifications/outbox.js';
import { organisationProfiles } from '../organisations/service.js';
import { integrityBlocks } from '../projects/integrity-check.js';
import { reviewProblem } from './errors.js';
import { closesAtOf, ownAssignment, type AssignmentRow } from './expert-assignments.js';
import { buildInstance } from './instance.js';
import { findRound, requireStage, type RoundRow } from './rounds.js';
import { experts, reviewAssignments, reviewDraws } from './schema.js';

export interface Replacement {
  expertId: string;
  affinity: number;
  drawId: string | null;
}

/** Optimal mode: the best remaining candidate (affinity desc, expert id asc). */
async function optimalReplacement(tx: Tx, round: RoundRow, applicationId: string): Promise<Replacement | null> {
  const instance = await buildInstance(tx, round);
  const rows = await tx.select({ applicationId: reviewAssignments.applicationId, expertId: reviewAssignments.expertId, status: reviewAssignments.status }).from(reviewAssignments).where(eq(reviewAssignments.roundId, round.id));
  const onIt = new Set(rows.filter((r) => r.applicationId === applicationId).map((r) => r.expertId));
  const load = new Map<string, number>();
  for (const r of rows) if (r.status === 'active') load.set(r.expertId, (load.get(r.expertId) ?? 0) + 1);
  const best = instance.input.candidates
    .filter((c) => c.application === applicationId && !onIt.has(c.expert) && (load.get(c.expert) ?? 0) < round.maxLoad)
    .sort((a, b) => b.affinity - a.affinity || (a.expert < b.expert ? -1 : a.expert > b.expert ? 1 : 0))[0];
  return best ? { expertId: best.expert, affinity: best.affinity, drawId: null } : null;
}

/** Draw mode: the engine's replacement from the draw record, every decline of that draw replayed in order. */
async function drawReplacement(tx: Tx, round: RoundRow): Promise<{ replacement: Replacement | null; explanation: string }> {
  const [draw] = await tx.select().from(reviewDraws).where(and(eq(reviewDraws.roundId, round.id), eq(reviewDraws.status, 'drawn'))).orderBy(desc(reviewDraws.drawnAt)).limit(1);
  if (!draw || !draw.inputs || !draw.record) return { replacement: null, explanation: '本轮没有可用的抽取记录' };
  const declined = await tx
    .select({ applicationId: reviewAssignments.applicationId, expertId: reviewAssignments.expertId })
    .from(reviewAssignments)
    .where(and(eq(reviewAssignments.roundId, round.id), eq(reviewAssignments.status, 'declined'), isNotNull(reviewAssignments.declinedAt)))
    .orderBy(asc(reviewAssignments.declinedAt), asc(reviewAssignments.id));
  const outcome = engine.replaceDeclined(draw.inputs as engine.AssignmentInput, draw.record as engine.DrawRecord, declined.map((d) => ({ application: d.applicationId, expert: d.expertId })));
  const last = outcome.replacements[outcome.replacements.length - 1];
  if (!last) return { replacement: null, explanation: outcome.problems.join('；') || '抽取记录无法重放' };
  if (!last.replacement) return { replacement: null, explanation: last.explanation };
  const affinity = outcome.pairs.find((p) => p.application === last.application && p.expert === last.replacement)?.affinity ?? 0;
  return { replacement: { expertId: last.replacement, affinity, drawId: draw.id }, explanation: last.explanation };
}

export async function declineAssignment(db: Db, auth: AuthContext, actor: Actor, id: string, reason: string, now = new Date()) {
  return db.transaction(async (tx) => {
    const { assignment } = await ownAssignment(tx, auth, id, { forUpdate: true });
    // Locks the round: declines of one round are serialised, so their order (and the draw replay) is fixed.
    const round = await findRound(tx, assignment.roundId, { forUpdate: true });
    requireStage(round, 'scoring');
    if (assignment.openedAt) throw reviewProblem('REVIEW_ALREADY_OPENED', '您已声明无需回避并打开了申报书，不能再申请回避；如有新情况请联系评审管理员。');
    await tx.update(reviewAssignments).set({ status: 'declined', declinedAt: now, declineReason: reason }).where(eq(reviewAssignments.id, id));

    const [app] = await applicationsByIds(tx, [assignment.applicationId]);
    const [org] = await organisationProfiles(tx, [app!.organisationId]);
    const [expert] = await tx.select().from(experts).where(eq(experts.id, assignment.expertId)).for('update');
    const declared: DeclaredConflict = { kind: 'organisation', creditCode: org?.creditCode ?? '', name: org?.name ?? '', reason };
    const list = (expert!.declaredConflicts ?? []) as DeclaredConflict[];
    if (!list.some((d) => d.kind === 'organisation' && d.creditCode === declared.creditCode)) {
      await tx.update(experts).set({ declaredConflicts: [...list, declared], updatedAt: now }).where(eq(experts.id, expert!.id));
    }
    await recordAudit(tx, actor, { action: 'review.assignment.decline', entityType: 'reviewAssignment', entityId: id, changes: { status: { before: 'active', after: 'declined' } }, detail: { roundId: round.id, applicationId: assignment.applicationId, reason, declaredConflict: declared } });

    let replacement: Replacement | null;
    let explanation = '';
    if (round.mode === 'draw') ({ replacement, explanation } = await drawReplacement(tx, round));
    else replacement = await optimalReplacement(tx, round, assignment.applicationId);
    // 科研失信: the draw record's replacement is never an expert banned since the draw (optimal mode's instance already excludes them).
    if (replacement) {
      const [r] = await tx.select({ idNumber: experts.idNumber }).from(experts).where(eq(experts.id, replacement.expertId));
      const blocks = r?.idNumber ? await integrityBlocks(tx, [{ kind: 'expert', key: r.idNumber }], now) : [];
      if (blocks.length) {
        await recordAudit(tx, actor, { action: 'review.assignment.replace', entityType: 'reviewAssignment', entityId: id, detail: { roundId: round.id, applicationId: assignment.applicationId, refused: replacement.expertId, reason: integrityBlockMessage('draw', blocks), records: blocks.map((b) => b.id) } });
        replacement = null;
        explanation = '抽取记录给出的替补专家存在科研失信记录，不能替补';
      }
    }
    if (!replacement) {
      return { declined: true as const, replaced: false, message: `已记录您的回避声明。目前没有符合条件的替补专家${explanation ? `（${explanation}）` : ''}，评审管理员将另行安排。` };
    }
    const newId = randomUUID();
    await tx.insert(reviewAssignments).values({ id: newId, roundId: round.id, applicationId: assignment.applicationId, expertId: replacement.expertId, source: 'replacement', affinity: replacement.affinity, drawId: replacement.drawId, replacesId: id, createdAt: now });
    await recordAudit(tx, actor, { action: 'review.assignment.replace', entityType: 'reviewAssignment', entityId: newId, detail: { roundId: round.id, applicationId: assignment.applicationId, replaces: id, expertId: replacement.expertId, mode: round.mode, affinity: replacement.affinity, drawId: replacement.drawId, explanation } });
    await notifyReplacement(tx, round, assignment, replacement.expertId, app!.applicationNo, ((app!.content ?? {}) as { basic?: { title?: string } }).basic?.title ?? '', now);
    return { declined: true as const, replaced: true, message: '已记录您的回避声明，系统已为该申报书另行分配专家。' };
  });
}

async function notifyReplacement(tx: Tx, round: RoundRow, declined: AssignmentRow, expertId: string, applicationNo: string, title: string, now: Date) {
  const [e] = await tx.select({ userId: experts.userId }).from(experts).where(eq(experts.id, expertId));
  if (!e?.userId) return;
  const closesAt = closesAtOf(round);
  const payload = { applicationId: declined.applicationId, applicationNo, title, ...(closesAt ? { deadline: formatShanghai(closesAt) } : {}) };
  const planned: PlannedNotification[] = (['inApp', 'email'] as const).map((channel) => ({ recipient: { userId: e.userId! }, channel, templateKey: 'review.replacementAssigned', payload }));
  await queueNotifications(tx, planned, now);
}
