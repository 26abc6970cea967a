/**
 * Demo data (演示) for the public notice: the round's list published with a period that has already ended (its
 * start backdated three weeks, so approval can follow at once), and one objection from a fictional 演示 objector,
 * dismissed with reasons. Everything goes through the real use cases, each with the time it stands for; no real
 * person's name or contact appears. Expects the round at the notice stage with decided amounts.
 */
import { eq } from 'drizzle-orm';
import { addDays, shanghaiDate } from '@kechuang/domain';
import { users } from '../../modules/accounts/schema.js';
import type { Actor } from '../../modules/audit/record.js';
import { draftNotice, noticeOfRound, publishNotice, readRoundNotice } from '../../modules/review/notice.js';
import { resolveObjection, submitObjection } from '../../modules/review/objections.js';
import type { Db } from '../client.js';

/** 09:00 in Asia/Shanghai on `day`. */
const morningOf = (day: string, hour = 9) => new Date(`${day}T${String(hour).padStart(2, '0')}:00:00+08:00`);

export async function demoNotice(db: Db, roundId: string, now = new Date()): Promise<{ noticeId: string; created: boolean }> {
  const existing = await noticeOfRound(db, roundId);
  if (existing?.publishedAt) return { noticeId: existing.id, created: false };
  const [officer] = await db.select().from(users).where(eq(users.username, 'officer'));
  const actor: Actor = { id: officer?.id ?? null, name: 'officer', role: 'officer', ip: null };
  const public_: Actor = { id: null, name: null, role: null, ip: null };
  // Three weeks back: even across the Spring Festival that holds five working days and ends before today.
  const start = addDays(shanghaiDate(now), -21);
  const drafted = await draftNotice(db, actor, roundId, { startsOn: start }, morningOf(start, 8));
  const notice = drafted.notice!;
  await publishNotice(db, actor, roundId, morningOf(start, 9));
  const item = notice.items[0]!;
  const receivedOn = notice.period.startsOn;
  await submitObjection(
    db,
    public_,
    notice.id,
    {
      itemId: item.id,
      objectorKind: 'person',
      name: '演示异议人',
      contact: 'objector@demo.example',
      text: '（演示）反映该项目申报的研发团队中有成员同时承担其他财政资助项目，担心重复资助，请核实。',
    },
    null,
    morningOf(receivedOn, 10),
  );
  const { objections } = await readRoundNotice(db, roundId, morningOf(receivedOn, 11));
  await resolveObjection(
    db,
    actor,
    objections[0]!.id,
    { decision: 'dismissed', reasons: '（演示）经核查，所涉人员承担的其他项目研究内容不同，经费来源不同，不构成重复资助，异议不成立。' },
    morningOf(addDays(receivedOn, 1), 15),
  );
  return { noticeId: notice.id, created: true };
}
