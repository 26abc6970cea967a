/** Deletes rate-limit windows that have ended and login-failure counters whose lock has run out: neither changes any answer. */
import { pruneLoginFailures } from '../modules/accounts/login.js';
import { pruneRateLimitCounters } from '../modules/security/rate-limit-store.js';
import { defineJob } from './kind.js';

export const pruneCountersJob = defineJob({
  name: 'prune-counters',
  schedule: () => '17 * * * *',
  retryLimit: 0,
  async work({ db, log }) {
    const windows = await pruneRateLimitCounters(db);
    const failures = await pruneLoginFailures(db);
    if (windows || failures) log.info({ windows, failures }, 'expired counters pruned');
  },
});
