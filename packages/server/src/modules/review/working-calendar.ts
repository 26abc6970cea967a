/**
 * The editable working-day calendar (节假日日历): holidays and make-up working days by date, which the notice
 * period counts with (domain `common/working-days.ts`). Officers set or remove a day or import a whole year;
 * the State Council's 2026 arrangement is seeded as reference data. Each change is audited.
 */
import { and, asc, gte, like, lte } from 'drizzle-orm';
import { eq } from 'drizzle-orm';
import { OFFICIAL_CALENDAR_2026, OFFICIAL_CALENDAR_SOURCE_2026, workingCalendar, type CalendarDay, type CalendarDayKind, type CalendarYear, type WorkingCalendar } from '@kechuang/domain';
import type { Db, Tx } from '../../db/client.js';
import { recordAudit, type Actor } from '../audit/record.js';
import { reviewProblem } from './errors.js';
import { workingCalendarDays } from './notice-schema.js';

/** The whole calendar: a few dozen rows a year, read at once inside the caller's transaction. */
export async function loadWorkingCalendar(tx: Tx): Promise<WorkingCalendar> {
  const rows = await tx.select().from(workingCalendarDays);
  return workingCalendar(rows.map((r) => ({ date: r.date, kind: r.kind as CalendarDayKind, name: r.name })));
}

export async function calendarYear(db: Tx, year: number): Promise<CalendarYear> {
  const rows = await db.select().from(workingCalendarDays).where(like(workingCalendarDays.date, `${year}-%`)).orderBy(asc(workingCalendarDays.date));
  const all = await db.selectDistinct({ date: workingCalendarDays.date }).from(workingCalendarDays);
  const years = [...new Set(all.map((r) => Number(r.date.slice(0, 4))))].sort();
  return { year, days: rows.map((r) => ({ date: r.date, kind: r.kind as CalendarDayKind, name: r.name, source: r.source })), years };
}

export async function setCalendarDay(db: Db, actor: Actor, day: CalendarDay): Promise<void> {
  await db.transaction(async (tx) => {
    const [before] = await tx.select().from(workingCalendarDays).where(eq(workingCalendarDays.date, day.date));
    const values = { kind: day.kind, name: day.name, source: '经办人员录入', updatedBy: actor.id, updatedAt: new Date() };
    await tx.insert(workingCalendarDays).values({ date: day.date, ...values }).onConflictDoUpdate({ target: workingCalendarDays.date, set: values });
    await recordAudit(tx, actor, {
      action: 'calendar.day.set',
      entityType: 'workingCalendar',
      entityId: day.date,
      changes: { kind: { before: before?.kind ?? null, after: day.kind }, name: { before: before?.name ?? null, after: day.name } },
    });
  });
}

export async function removeCalendarDay(db: Db, actor: Actor, date: string): Promise<void> {
  await db.transaction(async (tx) => {
    const [before] = await tx.delete(workingCalendarDays).where(eq(workingCalendarDays.date, date)).returning();
    if (!before) throw reviewProblem('REVIEW_CALENDAR_INVALID', `${date}不是日历中的节假日或调休日。`);
    await recordAudit(tx, actor, { action: 'calendar.day.remove', entityType: 'workingCalendar', entityId: date, changes: { kind: { before: before.kind, after: null } }, detail: { name: before.name } });
  });
}

/** Replaces every exception of `year` with `days` (the year's arrangement as a whole), in one transaction. */
export async function importCalendarYear(db: Db, actor: Actor, year: number, days: CalendarDay[], source: string): Promise<CalendarYear> {
  const outside = days.filter((d) => !d.date.startsWith(`${year}-`));
  if (outside.length) throw reviewProblem('REVIEW_CALENDAR_INVALID', `${outside[0]!.date}不在${year}年内。`);
  if (new Set(days.map((d) => d.date)).size !== days.length) throw reviewProblem('REVIEW_CALENDAR_INVALID', '同一日期出现了两次。');
  return db.transaction(async (tx) => {
    const removed = await tx.delete(workingCalendarDays).where(and(gte(workingCalendarDays.date, `${year}-01-01`), lte(workingCalendarDays.date, `${year}-12-31`))).returning();
    if (days.length) await tx.insert(workingCalendarDays).values(days.map((d) => ({ date: d.date, kind: d.kind, name: d.name, source, updatedBy: actor.id })));
    await recordAudit(tx, actor, {
      action: 'calendar.year.import',
      entityType: 'workingCalendar',
      entityId: String(year),
      detail: { source, removed: removed.length, holidays: days.filter((d) => d.kind === 'holiday').length, workdays: days.filter((d) => d.kind === 'workday').length },
    });
    return calendarYear(tx, year);
  });
}

/** Reference data, not demo data: the State Council's 2026 arrangement, written once when 2026 has no entries. */
export async function seedOfficialCalendar(db: Db): Promise<number> {
  const [any] = await db.select({ date: workingCalendarDays.date }).from(workingCalendarDays).where(like(workingCalendarDays.date, '2026-%')).limit(1);
  if (any) return 0;
  await db.insert(workingCalendarDays).values(OFFICIAL_CALENDAR_2026.map((d) => ({ date: d.date, kind: d.kind, name: d.name, source: OFFICIAL_CALENDAR_SOURCE_2026 }))).onConflictDoNothing();
  return OFFICIAL_CALENDAR_2026.length;
}
