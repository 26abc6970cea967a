/**
 * Worker threads for parsing workbooks, kept warm between uploads: starting one (tsx, then ExcelJS) costs about
 * 0.7 s, which every upload would otherwise pay. A worker serves one parse at a time; it is ended when its parse runs
 * out of time, dies when it runs out of heap, and is ended after a minute without work so an idle server holds none.
 */
import { Worker } from 'node:worker_threads';
import type { WorkbookLimits } from './workbook-limits.js';
import type { WorkerReply, WorkerRequest } from './workbook-types.js';

// Under tsx (development, tests and `npm start`) this module is TypeScript and so is the worker. A worker does not
// inherit loaders registered in the parent at run time (start.mjs registers tsx that way), and Node 20 does not
// apply `--import` hooks inside workers, so a two-line bootstrap registers tsx in the worker before importing it.
const here = import.meta.url;
const fromSource = here.endsWith('.ts');
const workerUrl = new URL(`./workbook-worker.${fromSource ? 'ts' : 'js'}`, here).href;
const tsxApiUrl = fromSource ? import.meta.resolve('tsx/esm/api') : null;
const BOOTSTRAP = `const { workerData } = require('node:worker_threads');
(workerData.tsxApiUrl ? import(workerData.tsxApiUrl).then((tsx) => tsx.register()) : Promise.resolve()).then(() => import(workerData.workerUrl));`;

export type Outcome = WorkerReply | { kind: 'outOfMemory' } | { kind: 'timeout' };

interface Warm {
  worker: Worker;
  /** Workers are reused only under the resource limits they were started with. */
  key: string;
  idleTimer?: NodeJS.Timeout;
}

const idle: Warm[] = [];

function spawn(key: string, limits: WorkbookLimits): Warm {
  const worker = new Worker(BOOTSTRAP, {
    eval: true,
    workerData: { workerUrl, tsxApiUrl },
    resourceLimits: { maxOldGenerationSizeMb: limits.workerHeapMb, maxYoungGenerationSizeMb: limits.workerYoungGenerationMb },
  });
  const warm: Warm = { worker, key };
  // An 'error' with no listener would be thrown in this process; the parse's own listener reports it.
  worker.on('error', () => {});
  worker.on('exit', () => {
    const i = idle.indexOf(warm);
    if (i >= 0) idle.splice(i, 1);
  });
  return warm;
}

function take(key: string, limits: WorkbookLimits): Warm {
  const i = idle.findIndex((w) => w.key === key);
  if (i < 0) return spawn(key, limits);
  const [warm] = idle.splice(i, 1) as [Warm];
  clearTimeout(warm.idleTimer);
  return warm;
}

function release(warm: Warm, limits: WorkbookLimits): void {
  // An idle worker must not keep the process alive (tests, shutdown).
  warm.worker.unref();
  warm.idleTimer = setTimeout(() => void warm.worker.terminate(), limits.workerIdleMs);
  warm.idleTimer.unref();
  idle.push(warm);
}

/** Parses in a worker within the heap and time budget; the caller bounds how many run at once. */
export function parseInWorker(request: WorkerRequest, limits: WorkbookLimits): Promise<Outcome> {
  const warm = take(`${limits.workerHeapMb}/${limits.workerYoungGenerationMb}`, limits);
  const { worker } = warm;
  worker.ref();
  return new Promise((resolve, reject) => {
    let settled = false;
    const finish = (keep: boolean, fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
      if (keep) release(warm, limits);
      else void worker.terminate();
      fn();
    };
    const onMessage = (reply: WorkerReply) => finish(true, () => resolve(reply));
    const onError = (err: Error & { code?: string }) => finish(false, () => (err.code === 'ERR_WORKER_OUT_OF_MEMORY' ? resolve({ kind: 'outOfMemory' }) : reject(err)));
    const onExit = (code: number) => finish(false, () => reject(new Error(`workbook worker exited with code ${code} before answering`)));
    const timer = setTimeout(() => finish(false, () => resolve({ kind: 'timeout' })), limits.parseTimeoutMs);
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
    worker.postMessage(request);
  });
}
