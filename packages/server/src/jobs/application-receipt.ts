/** The PDF receipt of one submitted version, rendered after the submission commits (insert-or-nothing, so a retry or an on-demand render in between is harmless). */
import { ensureReceipt, RECEIPT_JOB } from '../modules/applications/receipts.js';
import { defineJob } from './kind.js';

export const applicationReceiptJob = defineJob<typeof RECEIPT_JOB, { applicationId: string; version: number }>({
  name: RECEIPT_JOB,
  retryLimit: 3,
  async work({ db }, data) {
    await ensureReceipt(db, data.applicationId, data.version);
  },
});
