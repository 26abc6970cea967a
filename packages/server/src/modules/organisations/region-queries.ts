/**
 * Read-only views of organisations for other contexts' queries: a 推荐单位 recommends the applicants of its
 * region, so applications filter by the organisations whose region falls under the recommender's prefixes.
 */
import { or, sql, type SQL } from 'drizzle-orm';
import { organisations } from './schema.js';

/**
 * Subquery: ids of organisations whose region starts with one of the prefixes (浙江省宁波市 covers every
 * district of the city, 浙江省宁波市北仑区 only that district); null when there are no prefixes, so a
 * recommender with no scope sees nothing.
 */
export function organisationsInRegions(prefixes: readonly string[]): SQL | null {
  const usable = prefixes.map((p) => p.trim()).filter((p) => p.length > 0);
  if (usable.length === 0) return null;
  // starts_with, not LIKE: a prefix is matched literally, whatever characters it holds.
  const cond = or(...usable.map((p) => sql`starts_with(${organisations.region}, ${p})`))!;
  return sql`(select ${organisations.id} from ${organisations} where ${cond})`;
}
