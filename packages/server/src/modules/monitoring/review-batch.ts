/**
 * 批量采纳: the bureau accepts many submitted reports of a queue at once, all or nothing. Each report goes through
 * the same review use case as a single accept (its own audit event), inside one outer transaction; if any report
 * cannot be accepted the whole batch is rolled back and the answer lists every refused id with its reason.
 */
import { z } from 'zod';
import type { Db } from '../../db/client.js';
import { AppError, type FieldError } from '../../http/problem.js';
import type { Actor } from '../audit/record.js';
import { monitoringProblem } from './errors.js';
import { reviewReport } from './review.js';

/** Enough for a page of 200 rows; larger batches are split by the page anyway. */
export const ACCEPT_BATCH_MAX = 200;

export const acceptBatchBodySchema = z.object({
  ids: z.array(z.uuid('编号无效')).min(1, '请至少选择一条报送').max(ACCEPT_BATCH_MAX, `一次最多采纳 ${ACCEPT_BATCH_MAX} 条`),
});

export interface BatchFailure {
  id: string;
  code: string;
  detail: string;
}

/** The per-id failure list travels in `errors` (field `ids.<index>`) and in `failures` for the page's per-row results. */
class BatchRefused extends Error {
  constructor(readonly failures: (BatchFailure & { index: number })[]) {
    super('batch refused');
  }
}

export async function acceptReportBatch(db: Db, actor: Actor, ids: string[]) {
  // A repeated id would be refused as "already accepted" by its own earlier acceptance: take each once.
  const unique = [...new Set(ids)];
  try {
    return await db.transaction(async (tx) => {
      const failures: (BatchFailure & { index: number })[] = [];
      const items: Awaited<ReturnType<typeof reviewReport>>[] = [];
      for (const [index, id] of unique.entries()) {
        try {
          // The nested transaction is a savepoint: a refused report undoes only its own partial work, so every
          // other report is still tried and the caller learns all the reasons at once.
          items.push(await reviewReport(tx as unknown as Db, actor, id, 'accept', null));
        } catch (error) {
          if (!(error instanceof AppError)) throw error;
          failures.push({ index, id, code: error.code, detail: error.detail });
        }
      }
      if (failures.length) throw new BatchRefused(failures);
      return { accepted: items.length, items };
    });
  } catch (error) {
    if (!(error instanceof BatchRefused)) throw error;
    const errors: FieldError[] = error.failures.map((f) => ({ field: `ids.${f.index}`, message: f.detail }));
    throw monitoringProblem(
      'REPORT_TRANSITION_REFUSED',
      `所选 ${unique.length} 条中有 ${error.failures.length} 条不能采纳，本批次均未采纳，请处理后重试。`,
      errors,
      { failures: error.failures.map(({ id, code, detail }) => ({ id, code, detail })) },
    );
  }
}
