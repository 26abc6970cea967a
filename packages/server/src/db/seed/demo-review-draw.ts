/**
 * Demo data (演示) for 随机抽取: a draw on a round in mode 'draw', through the real use cases. A real draw waits
 * for its announced sources; demo data cannot wait days, so the commitment is written as made three days before
 * `now` and says so inside itself (note 演示), the sources became public two days before, the observer (纪检监督)
 * gave an input in between, and the draw runs at `now`. The values are demonstration numbers, not real results.
 */
import type { Db } from '../client.js';
import type { Actor } from '../../modules/audit/record.js';
import { userByUsername } from '../../modules/accounts/service.js';
import { runDraw } from '../../modules/review/draw-run.js';
import { commitDraw, witnessDraw } from '../../modules/review/draws.js';

const DAY = 86_400_000;
export const DEMO_DRAW_NOTE = '演示数据：承诺时间为演示回填（早于随机来源公布时间），随机来源数值为演示数值，并非真实开奖结果';

async function actorOf(db: Db, username: string): Promise<Actor> {
  const user = await userByUsername(db, username);
  if (!user) throw new Error(`demo user ${username} is missing`);
  return { id: user.id, name: user.username, role: user.roles[0] ?? null, ip: null };
}

/** Commits, witnesses and runs a draw on the round (stage 专家分配, mode 'draw'); the round moves to 专家评审. Returns the draw id. */
export async function demoDraw(db: Db, roundId: string, now: Date): Promise<string> {
  const officer = await actorOf(db, 'officer');
  const observer = await actorOf(db, 'observer');
  const committedAt = new Date(now.getTime() - 3 * DAY);
  const sources = [
    { description: '中国福利彩票“3D”开奖号码（演示）', publicAt: new Date(now.getTime() - 2 * DAY).toISOString() },
    { description: '上海证券交易所上证综合指数当日收盘点数（演示）', publicAt: new Date(now.getTime() - 2 * DAY + 3 * 3600_000).toISOString() },
  ];
  const draw = await commitDraw(db, officer, roundId, sources, { now: committedAt, note: DEMO_DRAW_NOTE });
  await witnessDraw(db, observer, draw.id, '纪检监督演示输入 0427', { now: new Date(now.getTime() - 2.5 * DAY) });
  await runDraw(db, officer, draw.id, ['5 8 2', '3318.46'], { now });
  return draw.id;
}
