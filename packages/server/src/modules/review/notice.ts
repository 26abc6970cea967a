/**
 * The public notice (社会公示, BL-8) of a round, reached after the district executive meeting: the officer drafts
 * the list from the round's decided outcomes with a period in working days, then publishes it to the public
 * portal. The list is a snapshot (review_notice_items): what the public saw stays as it was, except that an item
 * is marked withdrawn when an objection to it is upheld.
 */
import { randomUUID } from 'node:crypto';
import { and, asc, between, desc, eq, gt, inArray, isNotNull } from 'drizzle-orm';
import {
  DEFAULT_NOTICE_WORKING_DAYS,
  formatWan,
  noticePhase,
  noticePeriod,
  shanghaiDate,
  type CalendarDayKind,
  type NoticeObjection,
  type PublicNotice,
  type RoundNotice,
} from '@kechuang/domain';
import type { Db, Tx } from '../../db/client.js';
import { recordAudit, type Actor } from '../audit/record.js';
import { applicationsByIds } from '../applications/service.js';
import { organisationNames } from '../organisations/service.js';
import { callCategoryLabels, callSummaries } from '../programmes/call-queries.js';
import { reviewProblem } from './errors.js';
import { noticeClearance } from './notice-gate.js';
import { reviewNoticeItems, workingCalendarDays } from './notice-schema.js';
import { findRound, requireStage, type RoundRow } from './rounds.js';
import { reviewNotices, reviewObjections, reviewOutcomes, reviewRounds } from './schema.js';
import { loadWorkingCalendar } from './working-calendar.js';

type NoticeRow = typeof reviewNotices.$inferSelect;
type ItemRow = typeof reviewNoticeItems.$inferSelect;

export const OBJECTION_GUIDE =
  '公示期内，任何单位或个人对公示项目有异议的，可在本页以书面形式提出：以个人名义提出的须署真实姓名并留联系电话或电子邮箱；以单位名义提出的须上传加盖单位公章的异议函。匿名或超出公示期的异议不予受理。异议人身份仅由负责处理异议的经办人员掌握，予以保密。';

/** The period length a round asks for: its settings, else the platform default (the seeds name none). */
export function defaultWorkingDaysOf(round: RoundRow): number {
  const n = (round.settings as { noticeWorkingDays?: unknown } | null)?.noticeWorkingDays;
  return typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= 30 ? n : DEFAULT_NOTICE_WORKING_DAYS;
}

const amountText = (yuan: number) => `${formatWan(yuan)}元`;

function presentItem(i: ItemRow) {
  return {
    id: i.id,
    projectTitle: i.projectTitle,
    organisationName: i.organisationName,
    categoryCode: i.categoryCode,
    categoryLabel: i.categoryLabel,
    amountYuan: i.amountYuan,
    amountWanText: amountText(i.amountYuan),
    withdrawn: i.withdrawnAt !== null,
    withdrawnOn: i.withdrawnAt ? shanghaiDate(i.withdrawnAt) : null,
  };
}

async function itemsOf(tx: Tx, noticeId: string): Promise<ItemRow[]> {
  return tx.select().from(reviewNoticeItems).where(eq(reviewNoticeItems.noticeId, noticeId)).orderBy(asc(reviewNoticeItems.position));
}

export async function noticeOfRound(tx: Tx, roundId: string): Promise<NoticeRow | null> {
  const [row] = await tx.select().from(reviewNotices).where(eq(reviewNotices.roundId, roundId));
  return row ?? null;
}

/** Drafts (or re-drafts, until published) the round's list from its outcomes still in review with a decided amount. */
export async function draftNotice(db: Db, actor: Actor, roundId: string, input: { startsOn: string; workingDays?: number | undefined; title?: string | undefined }, now = new Date()): Promise<RoundNotice> {
  await db.transaction(async (tx) => {
    const round = await findRound(tx, roundId, { forUpdate: true });
    requireStage(round, 'notice');
    const existing = await noticeOfRound(tx, roundId);
    if (existing?.publishedAt) throw reviewProblem('REVIEW_NOTICE_PUBLISHED');
    if (input.startsOn < shanghaiDate(now)) throw reviewProblem('REVIEW_NOTICE_START_PASSED', '公示开始日期不能早于今天。', [{ field: 'startsOn', message: '公示开始日期不能早于今天' }]);
    const outcomes = await tx
      .select()
      .from(reviewOutcomes)
      .where(and(eq(reviewOutcomes.roundId, roundId), eq(reviewOutcomes.status, 'inReview'), isNotNull(reviewOutcomes.decidedAmountYuan), gt(reviewOutcomes.decidedAmountYuan, 0)));
    if (outcomes.length === 0) throw reviewProblem('REVIEW_NOTICE_EMPTY', '本轮没有经区政府常务会议确定金额且仍在评审中的项目。');
    const apps = await applicationsByIds(tx, outcomes.map((o) => o.applicationId));
    const names = new Map((await organisationNames(tx, [...new Set(apps.map((a) => a.organisationId))])).map((o) => [o.id, o.name]));
    const labels = await callCategoryLabels(tx, round.callId);
    const call = (await callSummaries(tx, [round.callId])).get(round.callId);
    const byApp = new Map(apps.map((a) => [a.id, a]));
    // Merit order where ranked, then by application number, so the list reads as the meetings decided it.
    const ordered = [...outcomes].sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || (byApp.get(a.applicationId)?.applicationNo ?? '').localeCompare(byApp.get(b.applicationId)?.applicationNo ?? ''));
    const workingDays = input.workingDays ?? defaultWorkingDaysOf(round);
    const period = noticePeriod(await loadWorkingCalendar(tx), input.startsOn, workingDays);
    const title = input.title ?? `${call?.title ?? ''}拟立项项目公示`;
    const id = existing?.id ?? randomUUID();
    if (existing) {
      await tx.delete(reviewNoticeItems).where(eq(reviewNoticeItems.noticeId, id));
      await tx.update(reviewNotices).set({ title, ...period, draftedBy: actor.id }).where(eq(reviewNotices.id, id));
    } else {
      await tx.insert(reviewNotices).values({ id, roundId, title, ...period, draftedBy: actor.id });
    }
    await tx.insert(reviewNoticeItems).values(
      ordered.map((o, position) => {
        const a = byApp.get(o.applicationId)!;
        const basic = ((a.content ?? {}) as { basic?: { title?: string } }).basic ?? {};
        return {
          id: randomUUID(),
          noticeId: id,
          applicationId: a.id,
          position,
          projectTitle: basic.title ?? a.applicationNo,
          organisationName: names.get(a.organisationId) ?? '',
          categoryCode: a.categoryCode,
          categoryLabel: labels.get(a.categoryCode) ?? a.categoryCode,
          amountYuan: o.decidedAmountYuan!,
        };
      }),
    );
    await recordAudit(tx, actor, { action: 'review.notice.draft', entityType: 'reviewNotice', entityId: id, detail: { roundId, ...period, items: ordered.length, redraft: Boolean(existing) } });
  });
  return readRoundNotice(db, roundId, now);
}

export async function publishNotice(db: Db, actor: Actor, roundId: string, now = new Date()): Promise<RoundNotice> {
  await db.transaction(async (tx) => {
    const round = await findRound(tx, roundId, { forUpdate: true });
    requireStage(round, 'notice');
    const notice = await noticeOfRound(tx, roundId);
    if (!notice) throw reviewProblem('REVIEW_NOTICE_NOT_FOUND', '请先拟定公示名单。');
    if (notice.publishedAt) throw reviewProblem('REVIEW_NOTICE_PUBLISHED', '公示已发布。');
    // A period cannot begin before the public can see it: a start that has passed is re-drafted first.
    if (notice.startsOn < shanghaiDate(now)) throw reviewProblem('REVIEW_NOTICE_START_PASSED', `公示开始日期${notice.startsOn}已过，请重新拟定开始日期后发布。`);
    await tx.update(reviewNotices).set({ publishedAt: now, publishedBy: actor.id }).where(eq(reviewNotices.id, notice.id));
    const items = (await itemsOf(tx, notice.id)).length;
    await recordAudit(tx, actor, { action: 'review.notice.publish', entityType: 'reviewNotice', entityId: notice.id, changes: { publishedAt: { before: null, after: now.toISOString() } }, detail: { roundId, startsOn: notice.startsOn, endsOn: notice.endsOn, workingDays: notice.workingDays, items } });
  });
  return readRoundNotice(db, roundId, now);
}

/** Objections of a notice without who raised them (every reader of the round). */
export async function objectionsOf(tx: Tx, noticeId: string, items: ItemRow[]): Promise<NoticeObjection[]> {
  const rows = await tx.select().from(reviewObjections).where(eq(reviewObjections.noticeId, noticeId)).orderBy(asc(reviewObjections.receivedAt));
  const titles = new Map(items.map((i) => [i.id, i.projectTitle]));
  const byApp = new Map(items.map((i) => [i.applicationId, i]));
  return rows.map((o) => {
    const itemId = o.itemId ?? byApp.get(o.applicationId)?.id ?? o.applicationId;
    return {
      id: o.id,
      reference: o.reference ?? o.id.slice(0, 8),
      itemId,
      projectTitle: titles.get(itemId) ?? '',
      text: o.text,
      status: o.status as 'open' | 'upheld' | 'dismissed',
      reasons: o.reasons,
      receivedAt: o.receivedAt.toISOString(),
      resolvedAt: o.resolvedAt?.toISOString() ?? null,
    };
  });
}

export async function readRoundNotice(db: Tx, roundId: string, now = new Date()): Promise<RoundNotice> {
  const round = await findRound(db, roundId);
  const notice = await noticeOfRound(db, roundId);
  const clearance = await noticeClearance(db, roundId, now);
  const defaultWorkingDays = defaultWorkingDaysOf(round);
  if (!notice) return { notice: null, objections: [], clearance, defaultWorkingDays };
  const items = await itemsOf(db, notice.id);
  return {
    notice: {
      id: notice.id,
      title: notice.title,
      period: { startsOn: notice.startsOn, endsOn: notice.endsOn, workingDays: notice.workingDays },
      phase: noticePhase(notice, shanghaiDate(now)),
      publishedAt: notice.publishedAt?.toISOString() ?? null,
      createdAt: notice.createdAt.toISOString(),
      items: items.map((i) => ({ ...presentItem(i), applicationId: i.applicationId, withdrawnReason: i.withdrawnReason })),
    },
    objections: await objectionsOf(db, notice.id, items),
    clearance,
    defaultWorkingDays,
  };
}

async function presentPublic(db: Tx, rows: NoticeRow[], now: Date): Promise<PublicNotice[]> {
  if (rows.length === 0) return [];
  const rounds = await db.select({ id: reviewRounds.id, callId: reviewRounds.callId }).from(reviewRounds).where(inArray(reviewRounds.id, rows.map((r) => r.roundId)));
  const calls = await callSummaries(db, rounds.map((r) => r.callId));
  const callOfRound = new Map(rounds.map((r) => [r.id, calls.get(r.callId)?.title ?? '']));
  const items = await db.select().from(reviewNoticeItems).where(inArray(reviewNoticeItems.noticeId, rows.map((r) => r.id))).orderBy(asc(reviewNoticeItems.position));
  const today = shanghaiDate(now);
  return rows.map((n) => ({
    id: n.id,
    title: n.title,
    callTitle: callOfRound.get(n.roundId) ?? '',
    period: { startsOn: n.startsOn, endsOn: n.endsOn, workingDays: n.workingDays },
    phase: noticePhase(n, today),
    publishedAt: n.publishedAt!.toISOString(),
    objectionGuide: OBJECTION_GUIDE,
    items: items.filter((i) => i.noticeId === n.id).map(presentItem),
  }));
}

export async function publicNotices(db: Db, now = new Date()): Promise<{ items: PublicNotice[] }> {
  const rows = await db.select().from(reviewNotices).where(isNotNull(reviewNotices.publishedAt)).orderBy(desc(reviewNotices.publishedAt));
  return { items: await presentPublic(db, rows, now) };
}

/** A published notice, with the calendar's exceptions inside its period so a page can count working days left. */
export async function publicNotice(db: Db, id: string, now = new Date()): Promise<PublicNotice & { calendar: { date: string; kind: CalendarDayKind; name: string }[] }> {
  const [row] = await db.select().from(reviewNotices).where(eq(reviewNotices.id, id));
  if (!row?.publishedAt) throw reviewProblem('REVIEW_NOTICE_NOT_FOUND');
  const [notice] = await presentPublic(db, [row], now);
  const days = await db.select().from(workingCalendarDays).where(between(workingCalendarDays.date, row.startsOn, row.endsOn));
  return { ...notice!, calendar: days.map((d) => ({ date: d.date, kind: d.kind as CalendarDayKind, name: d.name })) };
}
