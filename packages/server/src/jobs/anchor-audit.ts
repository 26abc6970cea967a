/** Anchors the audit chains every few minutes, so the un-anchored tail an attacker could rewrite stays short. */
import { SYSTEM_ACTOR } from '../modules/audit/record.js';
import { anchorIsStale, createAnchor } from '../modules/audit/service.js';
import { defineJob } from './kind.js';

export const anchorAuditJob = defineJob({
  name: 'audit-anchor',
  schedule: (config) => (config.auditAnchorIntervalMinutes === 60 ? '0 * * * *' : `*/${config.auditAnchorIntervalMinutes} * * * *`),
  retryLimit: 0,
  async work({ db, log }) {
    // Nothing recorded since the last anchor: another anchor would bind the same heads again.
    if (!(await anchorIsStale(db))) return;
    const anchor = await createAnchor(db, { ...SYSTEM_ACTOR, name: 'system.anchor' });
    log.info({ anchor: anchor.id }, 'audit chains anchored');
  },
});
