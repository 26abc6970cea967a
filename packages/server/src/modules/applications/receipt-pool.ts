/**
 * One warm worker thread per process renders receipts, one after another: a PDF costs about a second of CPU and
 * the event loop must keep answering autosaves meanwhile (at the deadline that matters more than receipt latency).
 * Starting a worker (tsx, pdfmake, the font) costs a few hundred milliseconds, so it is kept while work keeps
 * coming and ended after a minute idle, so an idle server holds none and tests can exit.
 */
import { Worker } from 'node:worker_threads';
import type { ReceiptInput } from './receipt.js';
import type { ReceiptWorkerReply, ReceiptWorkerRequest } from './receipt-worker.js';

// Same bootstrap as the workbook pool (see http/workbook-pool.ts): a worker does not inherit tsx from the parent.
const here = import.meta.url;
const fromSource = here.endsWith('.ts');
const workerUrl = new URL(`./receipt-worker.${fromSource ? 'ts' : 'js'}`, here).href;
const tsxApiUrl = fromSource ? import.meta.resolve('tsx/esm/api') : null;
const BOOTSTRAP = `const { workerData } = require('node:worker_threads');
(workerData.tsxApiUrl ? import(workerData.tsxApiUrl).then((tsx) => tsx.register()) : Promise.resolve()).then(() => import(workerData.workerUrl));`;
const IDLE_MS = 60_000;

interface Pending {
  resolve: (pdf: Buffer) => void;
  reject: (err: Error) => void;
}

let worker: Worker | null = null;
let idleTimer: NodeJS.Timeout | undefined;
let nextId = 1;
const pending = new Map<number, Pending>();

function failAll(err: Error): void {
  for (const p of pending.values()) p.reject(err);
  pending.clear();
}

function ensureWorker(): Worker {
  if (worker) return worker;
  const w = new Worker(BOOTSTRAP, { eval: true, workerData: { workerUrl, tsxApiUrl } });
  w.on('message', (reply: ReceiptWorkerReply) => {
    const p = pending.get(reply.id);
    if (!p) return;
    pending.delete(reply.id);
    if ('error' in reply) p.reject(new Error(`receipt render failed: ${reply.error}`));
    else p.resolve(Buffer.from(reply.pdf.buffer, reply.pdf.byteOffset, reply.pdf.byteLength));
    if (pending.size === 0) idle(w);
  });
  w.on('error', (err) => {
    if (worker === w) worker = null;
    failAll(err);
  });
  w.on('exit', (code) => {
    if (worker === w) worker = null;
    failAll(new Error(`receipt worker exited with code ${code}`));
  });
  worker = w;
  return w;
}

function idle(w: Worker): void {
  // An idle worker must not keep the process alive (tests, shutdown).
  w.unref();
  clearTimeout(idleTimer);
  idleTimer = setTimeout(() => void w.terminate(), IDLE_MS);
  idleTimer.unref();
}

/** Renders in the worker thread; the worker renders requests in the order they arrive. */
export function renderReceiptInWorker(input: ReceiptInput): Promise<Buffer> {
  const w = ensureWorker();
  clearTimeout(idleTimer);
  w.ref();
  const id = nextId++;
  return new Promise<Buffer>((resolve, reject) => {
    pending.set(id, { resolve, reject });
    w.postMessage({ id, input } satisfies ReceiptWorkerRequest);
  });
}
