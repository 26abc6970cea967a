/**
 * Solves the field parts of an instance on a pool of worker threads (largest part first), then merges
 * with the same domain function the serial path uses — so the result is identical to the serial one.
 */
import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import {
  mergePartFlows,
  partitionByField,
  type CanonicalInstance,
  type FlowUnits,
  type InstancePart,
  type MergedFlow,
  type PartFlow,
} from '../../../packages/domain/src/assignment/index.js';

/**
 * Workers do not inherit tsx's loader, so each one registers it before importing the TypeScript worker
 * module (the bench runs from source under tsx).
 */
function spawnWorker(): Worker {
  const url = new URL('./worker.ts', import.meta.url).href;
  const boot = `import('tsx/esm/api').then((api) => { api.register(); return import(${JSON.stringify(url)}); });`;
  return new Worker(boot, { eval: true });
}

export async function solveFlowParallel(ci: CanonicalInstance, units: FlowUnits, threads = availableParallelism()): Promise<MergedFlow> {
  // Workers boot (tsx loader, module import) while the main thread partitions.
  const workers = Array.from({ length: Math.max(1, threads) }, () => spawnWorker());
  let parts: InstancePart[] = [];
  const results: PartFlow[] = [];
  try {
    parts = partitionByField(ci);
    const order = parts.map((_, i) => i).sort((a, b) => parts[b]!.instance.candExpert.length - parts[a]!.instance.candExpert.length);
    let next = 0;
    await Promise.all(
      workers.map(
        (w) =>
          new Promise<void>((resolve, reject) => {
            const feed = (): void => {
              if (next >= order.length) return resolve();
              const id = order[next++]!;
              w.postMessage({ id, instance: parts[id]!.instance, units });
            };
            w.on('message', (m: { id: number; result: PartFlow }) => {
              results[m.id] = m.result;
              feed();
            });
            w.on('error', reject);
            feed();
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return mergePartFlows(ci, parts, results, units);
}
