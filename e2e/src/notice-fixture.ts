/**
 * Prepares a spec's own database (run with tsx before its server starts, DATA_DIR in the environment): the demo
 * data, then a round on the demo call at the public-notice stage with the accepted demo application's amount
 * decided, and its notice published with a period that is open today. The round is opened and the notice
 * drafted and published through the real use cases; only the steps between (scores, meetings) are set in SQL,
 * as the integration fixtures do. Test data only (演示), never part of the demo seed.
 */
import { sql } from 'drizzle-orm';
import { addDays, shanghaiDate } from '@kechuang/domain';
import { openDatabase } from '../../packages/server/src/db/client.js';
import { seedDemo } from '../../packages/server/src/db/seed/demo.js';
import { seedPlans } from '../../packages/server/src/db/seed/monitoring.js';
import { seedProgrammes } from '../../packages/server/src/db/seed/programmes.js';
import { draftNotice, publishNotice } from '../../packages/server/src/modules/review/notice.js';
import { openRound } from '../../packages/server/src/modules/review/rounds.js';
import { seedOfficialCalendar } from '../../packages/server/src/modules/review/working-calendar.js';

const rows = async (db: Awaited<ReturnType<typeof openDatabase>>['db'], q: string) => ((await db.execute(sql.raw(q))) as unknown as { rows: Record<string, unknown>[] }).rows;

const database = await openDatabase({ databaseUrl: null, dataDir: process.env.DATA_DIR! });
await database.migrate();
const db = database.db;
await seedProgrammes(db);
await seedPlans(db);
await seedOfficialCalendar(db);
await seedDemo(db, new Date(), { applications: true });
const [officer] = await rows(db, `select id from users where username = 'officer'`);
const actor = { id: String(officer!.id), name: 'officer', role: 'officer', ip: null };
// An accepted application on a call without a round yet (the demo review may already have opened rounds of its own).
const [app] = await rows(db, `select a.call_id from applications a where a.state = 'accepted' and not exists (select 1 from review_rounds r where r.call_id = a.call_id) limit 1`);
if (!app) throw new Error('notice fixture: no accepted application on a call without a review round');
const callId = String(app.call_id);
await rows(db, `update calls set status = 'closed', closes_at = now() - interval '1 minute', closed_at = now() where id = '${callId}'`);
const round = await openRound(db, actor, callId);
await rows(db, `update review_rounds set stage = 'notice' where id = '${round.id}'`);
await rows(db, `update review_outcomes set decided_amount_yuan = 800000, rank = 1 where round_id = '${round.id}'`);
// Drafted and published two days ago for ten working days, so the period is open whatever day the suite runs.
const start = addDays(shanghaiDate(new Date()), -2);
const then = new Date(`${start}T09:00:00+08:00`);
await draftNotice(db, actor, round.id, { startsOn: start, workingDays: 10 }, then);
await publishNotice(db, actor, round.id, then);
await database.close();
console.log(`notice fixture: round ${round.id}`);
