/** Scoring reminders (评分提醒) ≤ 48 h before a round's window closes, once per assignment; every 10 minutes, once across the cluster. */
import { SYSTEM_ACTOR } from '../modules/audit/record.js';
import { sendScoringReminders } from '../modules/review/scoring-reminders.js';
import { defineJob } from './kind.js';

export const reviewScoreRemindersJob = defineJob({
  name: 'review-score-reminders',
  schedule: () => '*/10 * * * *',
  retryLimit: 0,
  async work({ db, log }) {
    const sent = await sendScoringReminders(db, { ...SYSTEM_ACTOR, name: 'system.scoringReminder' });
    if (sent) log.info({ sent }, 'scoring reminders queued');
  },
});
