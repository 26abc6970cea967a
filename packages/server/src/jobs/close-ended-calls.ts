/**
 * Moves calls whose window has ended to 已截止. Windows are enforced by time on every read; this only
 * records the state change (with its audit event), once a minute across the cluster.
 */
import { SYSTEM_ACTOR } from '../modules/audit/record.js';
import { closeExpiredCalls } from '../modules/programmes/calls.js';
import { defineJob } from './kind.js';

export const closeEndedCallsJob = defineJob({
  name: 'calls-close-ended',
  schedule: () => '* * * * *',
  retryLimit: 0,
  async work({ db, log }) {
    const closed = await closeExpiredCalls(db, { ...SYSTEM_ACTOR, name: 'system.callClose' });
    if (closed) log.info({ closed }, 'ended calls closed');
  },
});
