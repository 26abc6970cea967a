/**
 * One warm worker thread per process renders task-book PDFs off the request thread, the way receipts are rendered
 * (applications/receipt-pool.ts): kept while work keeps coming, ended after a minute idle so an idle server
 * holds none and tests can exit.
 */
import { Worker } from 'node:worker_threads';
import type { TaskBookPdfVersion } from './task-book-pdf.js';
import type { TaskBookPdfReply, TaskBookPdfRequest } from './task-book-pdf-worker.js';

// Same bootstrap as the receipt pool: a worker does not inherit tsx from the parent.
const here = import.meta.url;
const fromSource = here.endsWith('.ts');
const workerUrl = new URL(`./task-book-pdf-worker.${fromSource ? 'ts' : 'js'}`, here).href;
const tsxApiUrl = fromSource ? import.meta.resolve('tsx/esm/api') : null;
const BOOTSTRAP = `const { workerData } = require('node:worker_threads');
(workerData.tsxApiUrl ? import(workerData.tsxApiUrl).then((tsx) => tsx.register()) : Promise.resolve()).then(() => import(workerData.workerUrl));`;
const IDLE_MS = 60_000;

let worker: Worker | null = null;
let idleTimer: NodeJS.Timeout | undefined;
let nextId = 1;
const pending = new Map<number, { resolve: (pdf: Buffer) => void; reject: (err: Error) => void }>();

function failAll(err: Error): void {
  for (const p of pending.values()) p.reject(err);
  pending.clear();
}

function ensureWorker(): Worker {
  if (worker) return worker;
  const w = new Worker(BOOTSTRAP, { eval: true, workerData: { workerUrl, tsxApiUrl } });
  w.on('message', (reply: TaskBookPdfReply) => {
    const p = pending.get(reply.id);
    if (!p) return;
    pending.delete(reply.id);
    if ('error' in reply) p.reject(new Error(`task-book render failed: ${reply.error}`));
    else p.resolve(Buffer.from(reply.pdf.buffer, reply.pdf.byteOffset, reply.pdf.byteLength));
    if (pending.size === 0) {
      w.unref();
      clearTimeout(idleTimer);
      idleTimer = setTimeout(() => void w.terminate(), IDLE_MS);
      idleTimer.unref();
    }
  });
  w.on('error', (err) => {
    if (worker === w) worker = null;
    failAll(err);
  });
  w.on('exit', (code) => {
    if (worker === w) worker = null;
    failAll(new Error(`task-book PDF worker exited with code ${code}`));
  });
  worker = w;
  return w;
}

/** Renders in the worker thread, in the order requests arrive. */
export function renderTaskBookInWorker(version: TaskBookPdfVersion, generatedAt = new Date()): Promise<Buffer> {
  const w = ensureWorker();
  clearTimeout(idleTimer);
  w.ref();
  const id = nextId++;
  return new Promise<Buffer>((resolve, reject) => {
    pending.set(id, { resolve, reject });
    w.postMessage({ id, version, generatedAt } satisfies TaskBookPdfRequest);
  });
}
