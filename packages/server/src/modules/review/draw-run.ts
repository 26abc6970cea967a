/**
 * 随机抽取, the draw: once every announced source has published its value and the observer's input is in, the
 * officer enters the values; the seed is derived from them (RFC 3797 style), the round's current instance must
 * still be the one committed to, and the engine draws. The assignments, the record, the experts' invitations and
 * the step to scoring are written in one transaction with its audit events.
 */
import { randomUUID } from 'node:crypto';
import { eq, inArray } from 'drizzle-orm';
import { assignment, formatShanghai, type DrawCommitment, type PlannedNotification, type PseudonymSeal } from '@kechuang/domain';
import type { Db, Tx } from '../../db/client.js';
import { recordAudit, type Actor } from '../audit/record.js';
import { applicationsByIds } from '../applications/service.js';
import { queueNotifications } from '../notifications/outbox.js';
import { assertNoIntegrityBlock } from '../projects/integrity-check.js';
import { findDraw, type DrawRow } from './draws.js';
import { reviewProblem } from './errors.js';
import { buildInstance } from './instance.js';
import { advanceStage, findRound, requireStage } from './rounds.js';
import { experts, reviewAssignments, reviewDraws } from './schema.js';

const hashOf = (input: assignment.AssignmentInput) => assignment.instanceHash(assignment.canonicalize(input));

/** What changed between the committed inputs and the round's instance now, in an officer's words. */
export function inputChanges(before: assignment.AssignmentInput, now: assignment.AssignmentInput): string[] {
  const out: string[] = [];
  const diff = (a: string[], b: string[]) => {
    const sa = new Set(a);
    const sb = new Set(b);
    return { gone: a.filter((x) => !sb.has(x)).length, added: b.filter((x) => !sa.has(x)).length };
  };
  const e = diff(before.experts.map((x) => x.id), now.experts.map((x) => x.id));
  if (e.gone) out.push(`${e.gone} 位专家已不在可用专家库中（暂停、停用或不可用）`);
  if (e.added) out.push(`新增 ${e.added} 位可用专家`);
  const a = diff(before.applications.map((x) => x.id), now.applications.map((x) => x.id));
  if (a.gone || a.added) out.push(`评审中的申报书有变化（减少 ${a.gone} 份，增加 ${a.added} 份）`);
  const pair = (c: assignment.CandidateInput) => `${c.application}/${c.expert}/${c.affinity}`;
  const p = diff(before.candidates.map(pair), now.candidates.map(pair));
  if (p.gone || p.added) out.push(`候选配对有变化（减少 ${p.gone} 对，如新申报或新发现的回避；增加 ${p.added} 对）`);
  if (out.length === 0) out.push('每份申请的专家人数、学科或评审量有变化');
  return out;
}

export async function runDraw(db: Db, actor: Actor, drawId: string, values: string[], opts: { now?: Date } = {}): Promise<DrawRow> {
  const now = opts.now ?? new Date();
  return db.transaction(async (tx) => {
    const draw = await findDraw(tx, drawId, { forUpdate: true });
    if (draw.status !== 'committed') throw reviewProblem('REVIEW_DRAW_STATE', draw.status === 'drawn' ? '本次随机抽取已完成。' : '该承诺已撤销，请重新发布承诺。');
    const round = await findRound(tx, draw.roundId, { forUpdate: true });
    requireStage(round, 'assigning');
    const commitment = draw.commitment as DrawCommitment;
    if (values.length !== commitment.sources.length) {
      throw reviewProblem('REVIEW_DRAW_SOURCES_INVALID', `承诺预告了 ${commitment.sources.length} 个随机来源，请逐一填写其公布的数值。`, [{ field: 'values', message: `需要 ${commitment.sources.length} 个数值` }]);
    }
    const pending = commitment.sources.filter((s) => Date.parse(s.publicAt) > now.getTime());
    if (pending.length) throw reviewProblem('REVIEW_DRAW_TOO_EARLY', pending.map((s) => `随机来源「${s.description}」将于 ${formatShanghai(s.publicAt)}（北京时间）公布，届时方可抽取`).join('；') + '。');
    if (draw.observerInput === null) throw reviewProblem('REVIEW_DRAW_NOT_WITNESSED', '纪检监督须在抽取前录入其输入值。');
    const committed = draw.inputs as assignment.AssignmentInput;
    // 科研失信: a record made since the commitment bars its expert from this draw; the refusal names the record.
    const committedExperts = committed.experts.length ? await tx.select({ idNumber: experts.idNumber }).from(experts).where(inArray(experts.id, committed.experts.map((e) => e.id))) : [];
    await assertNoIntegrityBlock(tx, 'draw', committedExperts.flatMap((e) => (e.idNumber ? [{ kind: 'expert' as const, key: e.idNumber }] : [])), now);
    const current = (await buildInstance(tx, round)).input;
    if (hashOf(current) !== hashOf(committed)) {
      throw reviewProblem('REVIEW_DRAW_INPUTS_CHANGED', `自发布承诺以来，抽取的输入已经变化：${inputChanges(committed, current).join('；')}。按承诺的输入抽取已不能反映当前的专家库和回避情况，请撤销本承诺并重新发布承诺（撤销记录将公开）。`);
    }
    const seed = assignment.deriveSeed([...values, draw.observerInput]);
    const out = assignment.drawAssignment(committed, { seed, cap: commitment.cap });
    const pub = assignment.drawAssignment(draw.publicInputs as assignment.AssignmentInput, { seed, cap: commitment.cap });
    if (!out.feasible || !pub.feasible) throw reviewProblem('REVIEW_DRAW_INFEASIBLE', out.feasible ? undefined : out.report.messages.join('；'));
    // The public record must be the same draw under other names; anything else would publish a draw that never happened.
    const seals = draw.seals as { applications: PseudonymSeal[]; experts: PseudonymSeal[] };
    const appName = new Map(seals.applications.map((s) => [s.id, s.pseudonym]));
    const expName = new Map(seals.experts.map((s) => [s.id, s.pseudonym]));
    const mapped = out.pairs.map((p) => `${appName.get(p.application)}/${expName.get(p.expert)}`).sort();
    const published = pub.pairs.map((p) => `${p.application}/${p.expert}`).sort();
    if (mapped.join() !== published.join() || pub.record.inputHash !== commitment.inputHash) throw new Error('pseudonymised draw differs from the real draw');
    await tx.insert(reviewAssignments).values(
      out.pairs.map((p) => ({ id: randomUUID(), roundId: round.id, applicationId: p.application, expertId: p.expert, source: 'draw', status: 'active', affinity: p.affinity, drawId, createdAt: now })),
    );
    const [row] = await tx
      .update(reviewDraws)
      .set({
        status: 'drawn',
        record: out.record,
        sourceValues: values,
        seed,
        publicRecord: pub.record,
        publicPairs: pub.pairs.map((p) => ({ application: p.application, expert: p.expert, affinity: p.affinity })),
        drawnAt: now,
        drawnBy: actor.id,
      })
      .where(eq(reviewDraws.id, drawId))
      .returning();
    const invited = await invite(tx, out.pairs);
    await recordAudit(tx, actor, {
      action: 'review.draw.run',
      entityType: 'reviewDraw',
      entityId: drawId,
      changes: { status: { before: 'committed', after: 'drawn' } },
      detail: { roundId: round.id, seed, sourceValues: values, resultHash: out.record.resultHash, publicResultHash: pub.record.resultHash, assignments: out.pairs.length, objective: out.objective, invitations: invited },
    });
    await advanceStage(tx, actor, round, 'scoring', { drawId, assignments: out.pairs.length });
    return row!;
  });
}

/** One invitation per drawn pair to the expert's own account (in-app and SMS); experts without an account are invited by the officer. */
async function invite(tx: Tx, pairs: { application: string; expert: string }[]): Promise<number> {
  const users = new Map(
    (await tx.select({ id: experts.id, userId: experts.userId }).from(experts).where(inArray(experts.id, [...new Set(pairs.map((p) => p.expert))]))).map((e) => [e.id, e.userId]),
  );
  const apps = new Map((await applicationsByIds(tx, [...new Set(pairs.map((p) => p.application))])).map((a) => [a.id, a]));
  const planned: PlannedNotification[] = pairs.flatMap((p) => {
    const userId = users.get(p.expert);
    const app = apps.get(p.application);
    if (!userId || !app) return [];
    const title = ((app.content ?? {}) as { basic?: { title?: string } }).basic?.title ?? '';
    const payload = { applicationId: app.id, applicationNo: app.applicationNo, title };
    return (['inApp', 'sms'] as const).map((channel) => ({ recipient: { userId }, channel, templateKey: 'review.drawInvitation' as const, payload }));
  });
  return queueNotifications(tx, planned);
}
