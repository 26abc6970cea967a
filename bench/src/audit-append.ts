/**
 * Audit append throughput under concurrency: our entity-sharded chains (16 heads, one locked per event)
 * against the baseline of one global chain (every commit waits on the same head row), measured on the
 * same database in the same run. Each transaction is what a real state change costs: one business row
 * plus its audit event.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Db } from '../../packages/server/src/db/client.js';
import { recordAudit } from '../../packages/server/src/modules/audit/record.js';

export interface AppendResult {
  transactions: number;
  seconds: number;
  tps: number;
  p50ms: number;
  p99ms: number;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

export async function appendUnderLoad(db: Db, opts: { clients: number; perClient: number; entity: (client: number, i: number) => string }): Promise<AppendResult> {
  const latencies: number[] = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: opts.clients }, async (_, client) => {
      for (let i = 0; i < opts.perClient; i++) {
        const t0 = performance.now();
        const entityId = opts.entity(client, i);
        await db.transaction(async (tx) => {
          await tx.execute(sql`insert into bench_business_rows (id, entity, payload) values (${randomUUID()}, ${entityId}, ${'x'.repeat(200)})`);
          // A real catalogue action: recordAudit accepts only labelled actions.
          await recordAudit(tx, { id: null, name: 'bench', role: 'bench', ip: '127.0.0.1' }, { action: 'monitoring.report.save', entityType: 'monitoring_report', entityId, changes: { n: { before: i, after: i + 1 } } });
        });
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const transactions = opts.clients * opts.perClient;
  return { transactions, seconds: +seconds.toFixed(3), tps: Math.round(transactions / seconds), p50ms: +percentile(latencies, 50).toFixed(1), p99ms: +percentile(latencies, 99).toFixed(1) };
}
