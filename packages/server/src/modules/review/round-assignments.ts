/** A round's assignments as officers and observers see them: expert names, source, status, the explanation. */
import { asc, eq, inArray } from 'drizzle-orm';
import type { RoundAssignmentList } from '@kechuang/domain';
import type { Tx } from '../../db/client.js';
import { applicationsByIds } from '../applications/service.js';
import { findRound } from './rounds.js';
import { experts, reviewAssignments } from './schema.js';

export async function roundAssignments(db: Tx, roundId: string): Promise<RoundAssignmentList> {
  await findRound(db, roundId);
  const rows = await db
    .select({ a: reviewAssignments, expertName: experts.name })
    .from(reviewAssignments)
    .innerJoin(experts, eq(experts.id, reviewAssignments.expertId))
    .where(eq(reviewAssignments.roundId, roundId))
    .orderBy(asc(reviewAssignments.createdAt), asc(reviewAssignments.id));
  // Explanations name other candidates by id (as stored); officers and observers read their names.
  const UUID = /「([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})」/g;
  const mentioned = new Set<string>();
  for (const r of rows) for (const m of r.a.explanation.matchAll(UUID)) mentioned.add(m[1]!);
  const names = new Map(mentioned.size ? (await db.select({ id: experts.id, name: experts.name }).from(experts).where(inArray(experts.id, [...mentioned]))).map((e) => [e.id, e.name]) : []);
  const named = (text: string) => text.replace(UUID, (m, id: string) => (names.has(id) ? `「${names.get(id)}」` : m));
  const apps = new Map((await applicationsByIds(db, [...new Set(rows.map((r) => r.a.applicationId))])).map((a) => [a.id, a]));
  const items = rows.map(({ a, expertName }) => {
    const app = apps.get(a.applicationId);
    return {
      id: a.id,
      applicationId: a.applicationId,
      applicationNo: app?.applicationNo ?? '',
      title: ((app?.content ?? {}) as { basic?: { title?: string } }).basic?.title ?? '',
      expertId: a.expertId,
      expertName,
      source: a.source,
      status: a.status,
      affinity: a.affinity,
      explanation: named(a.explanation),
    };
  });
  items.sort((x, y) => (x.applicationNo < y.applicationNo ? -1 : x.applicationNo > y.applicationNo ? 1 : 0));
  return { items };
}
