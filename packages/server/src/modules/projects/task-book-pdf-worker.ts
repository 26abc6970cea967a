/**
 * Runs in a worker thread: renders task-book PDFs (pdfmake, one to a few seconds of CPU for a long one) so a
 * download never blocks the event loop. Requests come one at a time from task-book-pdf-pool.ts.
 */
import os from 'node:os';
import { parentPort } from 'node:worker_threads';
import { renderTaskBook, type TaskBookPdfVersion } from './task-book-pdf.js';

export type TaskBookPdfRequest = { id: number; version: TaskBookPdfVersion; generatedAt: Date };
export type TaskBookPdfReply = { id: number; pdf: Uint8Array } | { id: number; error: string };

// Lowest CPU priority for this thread only, as the receipt worker: a PDF may wait, an autosave may not.
try {
  os.setPriority(19);
} catch {
  // not permitted here
}

parentPort!.on('message', (req: TaskBookPdfRequest) => {
  renderTaskBook(req.version, req.generatedAt).then(
    (pdf) => parentPort!.postMessage({ id: req.id, pdf } satisfies TaskBookPdfReply),
    (err: Error) => parentPort!.postMessage({ id: req.id, error: err.stack ?? String(err) } satisfies TaskBookPdfReply),
  );
});
