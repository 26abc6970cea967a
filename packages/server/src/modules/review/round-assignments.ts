/** A round's assignments as officers and observers see them: expert names, source, status, the explanation. */
import { asc, eq } from 'drizzle-orm';
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
      explanation: a.explanation,
    };
  });
  items.sort((x, y) => (x.applicationNo < y.applicationNo ? -1 : x.applicationNo > y.applicationNo ? 1 : 0));
  return { items };
}
