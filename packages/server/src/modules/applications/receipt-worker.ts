/**
 * Runs in a worker thread: renders receipts (pdfmake, about a second of CPU each) so a render never blocks the
 * event loop that answers autosaves. Requests come one at a time from receipt-pool.ts; the input is plain
 * structured-cloneable data (dates stay dates).
 */
import os from 'node:os';
import { parentPort } from 'node:worker_threads';
import { renderReceipt, type ReceiptInput } from './receipt.js';

export type ReceiptWorkerRequest = { id: number; input: ReceiptInput };
export type ReceiptWorkerReply = { id: number; pdf: Uint8Array } | { id: number; error: string };

// Lowest CPU priority for this thread only (on Linux a thread's nice value is its own): at the deadline a receipt
// may wait, an autosave may not. Where the system refuses, the render simply runs at normal priority.
try {
  os.setPriority(19);
} catch {
  // not permitted here
}

parentPort!.on('message', (req: ReceiptWorkerRequest) => {
  renderReceipt(req.input).then(
    (pdf) => parentPort!.postMessage({ id: req.id, pdf } satisfies ReceiptWorkerReply),
    (err: Error) => parentPort!.postMessage({ id: req.id, error: err.stack ?? String(err) } satisfies ReceiptWorkerReply),
  );
});
