/** Every job kind of the platform. A new kind is one file beside this one and one line here. */
import { anchorAuditJob } from './anchor-audit.js';
import { applicationDuplicateCheckJob } from './application-duplicate-check.js';
import { applicationReceiptJob } from './application-receipt.js';
import { closeEndedCallsJob } from './close-ended-calls.js';
import { dispatchNotificationsJob } from './dispatch-notifications.js';
import { pruneCountersJob } from './prune-counters.js';
import { projectReportsDailyJob } from './project-reports-daily.js';
import { reviewScoreRemindersJob } from './review-score-reminders.js';
import type { JobKind } from './kind.js';

export const JOB_KINDS = [anchorAuditJob, applicationDuplicateCheckJob, applicationReceiptJob, closeEndedCallsJob, dispatchNotificationsJob, pruneCountersJob, projectReportsDailyJob, reviewScoreRemindersJob] as const;

type Kinds = (typeof JOB_KINDS)[number];
export type JobName = Kinds['name'];
export type JobData<N extends JobName> = Extract<Kinds, { name: N }> extends JobKind<N, infer D> ? D : never;
