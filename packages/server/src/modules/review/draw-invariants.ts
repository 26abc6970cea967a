/**
 * 随机抽取's facts for the database invariant checker (db/invariants.ts): what commitment, witness and draw
 * guarantee in any state the application can produce.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';

async function rows(db: Db, query: string): Promise<Record<string, unknown>[]> {
  return ((await db.execute(sql.raw(query))) as unknown as { rows: Record<string, unknown>[] }).rows;
}

const short = (id: unknown) => `${String(id).slice(0, 8)}…`;

export async function drawInvariants(db: Db): Promise<string[]> {
  const problems: string[] = [];
  for (const r of await rows(db, `select round_id from review_draws where status <> 'cancelled' group by round_id having count(*) > 1`)) {
    problems.push(`review round ${short(r.round_id)} has more than one open or drawn draw`);
  }
  // A draw ran only with the observer's input recorded before it, and left its record, seed and public pairs.
  for (const d of await rows(
    db,
    `select id from review_draws where status = 'drawn' and (record is null or seed is null or public_record is null or public_pairs is null or observer_input is null or witnessed_at is null or drawn_at is null or witnessed_at > drawn_at)`,
  )) {
    problems.push(`drawn draw ${short(d.id)} lacks its record, seed, public pairs or an observer input made before it`);
  }
  for (const d of await rows(
    db,
    `select d.id from review_draws d where d.status = 'drawn'
      and jsonb_array_length(d.public_pairs) <> (select count(*) from review_assignments a where a.draw_id = d.id and a.source = 'draw')`,
  )) {
    problems.push(`drawn draw ${short(d.id)}: its drawn assignments do not match its published pairs`);
  }
  for (const a of await rows(db, `select a.id from review_assignments a left join review_draws d on d.id = a.draw_id where a.source = 'draw' and (d.id is null or d.status <> 'drawn')`)) {
    problems.push(`assignment ${short(a.id)} says it was drawn but has no completed draw`);
  }
  return problems;
}
