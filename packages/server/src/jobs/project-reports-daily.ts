/** Progress reports (年度进展报告): schedules materialised, windows opened and locked, reminders queued — daily at 00:10 Beijing time, once across the cluster. */
import { runDailyReportWork } from '../modules/projects/reports-daily.js';
import { defineJob } from './kind.js';

export const projectReportsDailyJob = defineJob({
  name: 'project-reports-daily',
  schedule: () => '10 0 * * *',
  retryLimit: 1,
  async work({ db, log }) {
    const r = await runDailyReportWork(db);
    if (r.opened || r.locked || r.reminded) log.info(r, 'progress report windows updated');
  },
});
