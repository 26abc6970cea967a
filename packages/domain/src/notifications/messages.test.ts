import { describe, expect, it } from 'vitest';
import { applicationNotifications, renderNotification } from './messages.js';

const payload = { applicationId: 'a', applicationNo: 'SB-2026-000001', title: '压铸模具', reasons: 2 };
const facts = (event: Parameters<typeof applicationNotifications>[0]['event'], requiresRecommendation = false) => ({ event, from: 'submitted', organisationId: 'org', requiresRecommendation, payload });

describe('who is told of each application transition', () => {
  it.each([
    ['submit', false, 'application.toEndorse', { organisationId: 'org', role: 'unitAdmin' }, ['inApp', 'sms']],
    ['resubmit', false, 'application.toEndorse', { organisationId: 'org', role: 'unitAdmin' }, ['inApp', 'sms']],
    ['withdraw', false, 'application.withdrawn', { organisationId: 'org', role: 'unitAdmin' }, ['inApp', 'sms']],
    ['endorse', true, 'application.toRecommend', { role: 'recommender' }, ['inApp', 'email']],
    ['endorse', false, 'application.toAccept', { role: 'officer' }, ['inApp', 'email']],
    ['recommend', true, 'application.toAccept', { role: 'officer' }, ['inApp', 'email']],
    ['accept', false, 'application.accepted', { organisationId: 'org', role: 'applicant' }, ['inApp', 'sms']],
    ['return', false, 'application.returned', { organisationId: 'org', role: 'applicant' }, ['inApp', 'sms']],
  ] as const)('%s (recommendation %s) → %s', (event, rec, key, recipient, channels) => {
    const out = applicationNotifications(facts(event, rec));
    expect(out.map((n) => n.channel)).toEqual(channels);
    for (const n of out) expect(n).toMatchObject({ templateKey: key, recipient });
  });

  it('messages are Chinese and name the application', () => {
    expect(renderNotification('application.toEndorse', payload)).toBe('申报书 SB-2026-000001「压铸模具」已提交，待单位审核。');
    expect(renderNotification('application.returned', payload)).toContain('（2条理由）');
  });
});
