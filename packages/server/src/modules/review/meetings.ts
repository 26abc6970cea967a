/**
 * The decision meetings of BL-8 (局党组会议, then 区政府常务会议): the officer records a meeting (date, minutes
 * number, agenda, minutes, a decision per project), a leader signs it off, and the sign-off applies its decisions
 * to the round's outcomes and opens the next stage. Signed minutes are frozen twice over: the use cases refuse
 * with REVIEW_MEETING_SIGNED, and a trigger (migration 0018) refuses any change to a signed row in the database.
 */
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import {
  hasPermission,
  MEETING_KIND_LABELS,
  MEETING_NEXT_STAGE,
  MEETING_STAGE,
  meetingDecisionProblems,
  shanghaiDate,
  type MeetingAgendaItem,
  type MeetingDecision,
  type MeetingKind,
  type MeetingOverview,
  type MeetingRecord,
  type MeetingView,
  type Role,
} from '@kechuang/domain';
import type { Db, Tx } from '../../db/client.js';
import { userSummaries } from '../accounts/service.js';
import { recordAudit, type Actor } from '../audit/record.js';
import { reviewMeetingDecisions, reviewMeetings } from './decision-schema.js';
import { reviewProblem } from './errors.js';
import { advanceStage, findRound, requireStage, roundApplications } from './rounds.js';
import { reviewOutcomes } from './schema.js';

type MeetingRow = typeof reviewMeetings.$inferSelect;
type DecisionRow = typeof reviewMeetingDecisions.$inferSelect;
type Agenda = MeetingOverview['agenda'];

async function meetingOf(tx: Tx, roundId: string, kind: MeetingKind): Promise<{ row: MeetingRow; decisions: DecisionRow[] } | null> {
  const [row] = await tx.select().from(reviewMeetings).where(and(eq(reviewMeetings.roundId, roundId), eq(reviewMeetings.kind, kind)));
  if (!row) return null;
  const decisions = await tx.select().from(reviewMeetingDecisions).where(eq(reviewMeetingDecisions.meetingId, row.id));
  return { row, decisions };
}

/**
 * What a meeting decides. The party meeting: every application still in review with an amount in the funding
 * plan; once signed, exactly what it decided (its rejections have left review since). The executive meeting:
 * what the signed party meeting approved, starting from the party's amount. Either may approve up to the plan's
 * amount and no more (see MeetingAgendaItem.capYuan).
 */
async function agendaOf(tx: Tx, roundId: string, kind: MeetingKind, own: { row: MeetingRow; decisions: DecisionRow[] } | null): Promise<Agenda> {
  const apps = (await roundApplications(tx, roundId)).items.sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || a.applicationNo.localeCompare(b.applicationNo));
  let proposed: Map<string, number>;
  if (kind === 'party') {
    const decided = own?.row.signedAt ? new Set(own.decisions.map((d) => d.applicationId)) : null;
    proposed = new Map(apps.filter((a) => a.plannedAmountYuan !== null && a.plannedAmountYuan > 0 && (decided ? decided.has(a.applicationId) : a.status === 'inReview')).map((a) => [a.applicationId, a.plannedAmountYuan!]));
  } else {
    const party = await meetingOf(tx, roundId, 'party');
    proposed = new Map(party?.row.signedAt ? party.decisions.filter((d) => d.decision === 'approve').map((d) => [d.applicationId, d.amountYuan!]) : []);
  }
  return apps
    .filter((a) => proposed.has(a.applicationId) && a.plannedAmountYuan !== null)
    .map((a) => ({
      applicationId: a.applicationId,
      applicationNo: a.applicationNo,
      title: a.title,
      organisationName: a.organisationName,
      categoryCode: a.categoryCode,
      rank: a.rank,
      scoreCenti: a.scoreCenti,
      plannedAmountYuan: a.plannedAmountYuan!,
      proposedAmountYuan: proposed.get(a.applicationId)!,
      capYuan: a.plannedAmountYuan!,
    }));
}

async function present(tx: Tx, m: { row: MeetingRow; decisions: DecisionRow[] }, order: Agenda): Promise<MeetingView> {
  const ids = [m.row.recordedBy, m.row.signedBy].filter((x): x is string => !!x);
  const names = new Map((await userSummaries(tx, ids)).map((u) => [u.id, u.name]));
  const position = new Map(order.map((a, i) => [a.applicationId, i]));
  return {
    id: m.row.id,
    kind: m.row.kind as MeetingKind,
    heldOn: m.row.heldOn,
    minutesNo: m.row.minutesNo,
    agenda: m.row.agenda,
    minutes: m.row.minutes,
    decisions: [...m.decisions]
      .sort((a, b) => (position.get(a.applicationId) ?? Infinity) - (position.get(b.applicationId) ?? Infinity))
      .map((d) => ({ applicationId: d.applicationId, decision: d.decision as MeetingDecision, amountYuan: d.amountYuan, note: d.note })),
    recordedAt: m.row.recordedAt.toISOString(),
    recordedByName: (m.row.recordedBy && names.get(m.row.recordedBy)) ?? '',
    signedAt: m.row.signedAt?.toISOString() ?? null,
    signedByName: m.row.signedBy ? (names.get(m.row.signedBy) ?? '') : null,
  };
}

export async function readMeeting(db: Tx, roles: readonly Role[], roundId: string, kind: MeetingKind): Promise<MeetingOverview> {
  const round = await findRound(db, roundId);
  const m = await meetingOf(db, roundId, kind);
  const agenda = await agendaOf(db, roundId, kind, m);
  const open = round.stage === MEETING_STAGE[kind] && !m?.row.signedAt;
  return {
    kind,
    agenda,
    meeting: m ? await present(db, m, agenda) : null,
    actions: { record: open && hasPermission([...roles], 'review.manage'), signOff: open && !!m && hasPermission([...roles], 'review.signoff') },
  };
}

const caps = (agenda: Agenda): MeetingAgendaItem[] => agenda.map((a) => ({ applicationId: a.applicationId, capYuan: a.capYuan }));

/** Records (or corrects, until signed) the meeting and its decisions. */
export async function recordMeeting(db: Db, actor: Actor, roles: readonly Role[], roundId: string, kind: MeetingKind, input: MeetingRecord, now = new Date()): Promise<MeetingOverview> {
  return db.transaction(async (tx) => {
    const round = await findRound(tx, roundId, { forUpdate: true });
    requireStage(round, MEETING_STAGE[kind]);
    const existing = await meetingOf(tx, roundId, kind);
    if (existing?.row.signedAt) throw reviewProblem('REVIEW_MEETING_SIGNED');
    const agenda = await agendaOf(tx, roundId, kind, existing);
    if (agenda.length === 0) throw reviewProblem('REVIEW_MEETING_AGENDA_EMPTY', kind === 'party' ? '资金方案中没有拟资助的项目，无需上会。' : '局党组会议没有同意立项的项目。');
    const errors = meetingDecisionProblems(caps(agenda), input, shanghaiDate(now));
    if (errors.length) throw reviewProblem('REVIEW_MEETING_INVALID', [...new Set(errors.map((e) => e.message))].join('；'), errors);
    const id = existing?.row.id ?? randomUUID();
    const values = { heldOn: input.heldOn, minutesNo: input.minutesNo, agenda: input.agenda, minutes: input.minutes, recordedBy: actor.id, recordedAt: now };
    if (existing) {
      await tx.delete(reviewMeetingDecisions).where(eq(reviewMeetingDecisions.meetingId, id));
      await tx.update(reviewMeetings).set(values).where(eq(reviewMeetings.id, id));
    } else await tx.insert(reviewMeetings).values({ id, roundId, kind, ...values });
    await tx.insert(reviewMeetingDecisions).values(input.decisions.map((d) => ({ meetingId: id, roundId, applicationId: d.applicationId, decision: d.decision, amountYuan: d.decision === 'approve' ? d.amountYuan! : null, note: d.note })));
    await recordAudit(tx, actor, {
      action: 'review.meeting.record',
      entityType: 'reviewMeeting',
      entityId: id,
      detail: {
        roundId,
        kind,
        meeting: MEETING_KIND_LABELS[kind],
        heldOn: input.heldOn,
        minutesNo: input.minutesNo,
        corrected: !!existing,
        decisions: input.decisions.map((d) => ({ applicationId: d.applicationId, decision: d.decision, amountYuan: d.amountYuan ?? null })),
      },
    });
    return readMeeting(tx, roles, roundId, kind);
  });
}

/**
 * The leader's sign-off (签发): freezes the minutes, applies the decisions and opens the next stage. The party
 * meeting's rejections and deferrals leave review at once; its approvals go on to the executive meeting, whose
 * approvals set the decided amount (决定金额) that the notice and approval use.
 */
export async function signOffMeeting(db: Db, actor: Actor, roles: readonly Role[], roundId: string, kind: MeetingKind, now = new Date()): Promise<MeetingOverview> {
  return db.transaction(async (tx) => {
    const round = await findRound(tx, roundId, { forUpdate: true });
    requireStage(round, MEETING_STAGE[kind]);
    const m = await meetingOf(tx, roundId, kind);
    if (!m) throw reviewProblem('REVIEW_MEETING_NOT_RECORDED', `${MEETING_KIND_LABELS[kind]}尚未由经办人记录，不能签发。`);
    if (m.row.signedAt) throw reviewProblem('REVIEW_MEETING_SIGNED');
    // The record was valid when written; checked again so a sign-off never freezes decisions that no longer fit.
    const agenda = await agendaOf(tx, roundId, kind, m);
    const record = { heldOn: m.row.heldOn, minutesNo: m.row.minutesNo, agenda: m.row.agenda, minutes: m.row.minutes, decisions: m.decisions.map((d) => ({ applicationId: d.applicationId, decision: d.decision as MeetingDecision, amountYuan: d.amountYuan, note: d.note })) };
    const errors = meetingDecisionProblems(caps(agenda), record, shanghaiDate(now));
    if (errors.length) throw reviewProblem('REVIEW_MEETING_INVALID', `会议记录需先更正：${[...new Set(errors.map((e) => e.message))].join('；')}`, errors);
    await tx.update(reviewMeetings).set({ signedBy: actor.id, signedAt: now }).where(eq(reviewMeetings.id, m.row.id));
    for (const d of m.decisions) {
      const at = and(eq(reviewOutcomes.roundId, roundId), eq(reviewOutcomes.applicationId, d.applicationId));
      if (d.decision === 'reject') await tx.update(reviewOutcomes).set({ status: 'rejected', updatedAt: now }).where(at);
      else if (d.decision === 'defer') await tx.update(reviewOutcomes).set({ status: 'deferred', updatedAt: now }).where(at);
      else if (kind === 'executive') await tx.update(reviewOutcomes).set({ decidedAmountYuan: d.amountYuan, updatedAt: now }).where(at);
    }
    const tally = (k: MeetingDecision) => m.decisions.filter((d) => d.decision === k).length;
    const summary = { kind, minutesNo: m.row.minutesNo, approved: tally('approve'), rejected: tally('reject'), deferred: tally('defer'), approvedYuan: m.decisions.reduce((s, d) => s + (d.amountYuan ?? 0), 0) };
    await recordAudit(tx, actor, { action: 'review.meeting.signoff', entityType: 'reviewMeeting', entityId: m.row.id, changes: { signedAt: { before: null, after: now.toISOString() } }, detail: { roundId, ...summary } });
    await advanceStage(tx, actor, round, MEETING_NEXT_STAGE[kind], { step: `${kind}Meeting`, ...summary });
    return readMeeting(tx, roles, roundId, kind);
  });
}
