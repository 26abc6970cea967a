/** 查重 (BL-9) of one submitted application version: sent after the submission commits, or by an officer on demand. */
import { DUPLICATE_CHECK_JOB, runDuplicateCheck } from '../modules/applications/duplicate-check.js';
import { defineJob } from './kind.js';

export const applicationDuplicateCheckJob = defineJob<typeof DUPLICATE_CHECK_JOB, { applicationId: string; version: number }>({
  name: DUPLICATE_CHECK_JOB,
  // A failed run (the database went away, say) is tried again; a run that already finished is skipped by its claim.
  retryLimit: 3,
  async work({ db, log }, data) {
    await runDuplicateCheck(db, data, log);
  },
});
