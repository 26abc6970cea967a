/** The officer's pool list (专家库): filters, paging and sorting, and the same filtered list for the Excel export. */
import { and, asc, count, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import type { Expert, ExpertStatus } from '@kechuang/domain';
import type { Db } from '../../../db/client.js';
import { experts } from '../schema.js';
import { presentExperts } from './expert-rows.js';

export const EXPERT_SORTS = ['name', '-name', 'createdAt', '-createdAt', 'updatedAt', '-updatedAt'] as const;

export interface ExpertListQuery {
  page: number;
  pageSize: number;
  status?: ExpertStatus | undefined;
  field?: string | undefined;
  /** Name, organisation or credit code (part of it). */
  q?: string | undefined;
  available?: 'true' | 'false' | undefined;
  sort: (typeof EXPERT_SORTS)[number];
}

function whereOf(q: ExpertListQuery): SQL | undefined {
  const c: SQL[] = [];
  if (q.status) c.push(eq(experts.status, q.status));
  if (q.field) c.push(sql`${q.field} = ANY(${experts.fields})`);
  if (q.available) c.push(eq(experts.available, q.available === 'true'));
  if (q.q) {
    const like = `%${q.q.replace(/[\\%_]/g, (x) => `\\${x}`)}%`;
    c.push(or(ilike(experts.name, like), ilike(experts.organisationName, like), ilike(experts.organisationCreditCode, like), sql`${q.q} = ANY(${experts.keywords})`)!);
  }
  return c.length ? and(...c) : undefined;
}

export async function listExperts(db: Db, q: ExpertListQuery, limit = q.pageSize): Promise<{ items: Expert[]; total: number; page: number; pageSize: number }> {
  const where = whereOf(q);
  const key = q.sort.replace('-', '') as 'name' | 'createdAt' | 'updatedAt';
  const col = { name: experts.name, createdAt: experts.createdAt, updatedAt: experts.updatedAt }[key];
  const order = q.sort.startsWith('-') ? sql`${col} desc` : sql`${col} asc`;
  const [rows, [total]] = await Promise.all([
    db.select().from(experts).where(where).orderBy(order, asc(experts.id)).limit(limit).offset((q.page - 1) * q.pageSize),
    db.select({ n: count() }).from(experts).where(where),
  ]);
  return { items: await presentExperts(db, rows), total: total?.n ?? 0, page: q.page, pageSize: q.pageSize };
}
