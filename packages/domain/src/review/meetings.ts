/**
 * The two decision meetings of BL-8: the bureau party-group meeting (局党组会议) and then the district executive
 * meeting (区政府常务会议). Each decides every project on its agenda (approve with an amount, reject, defer),
 * is recorded by the officer with its minutes number (会议纪要编号), and is signed off by a leader.
 */
import { z } from 'zod';
import { formatWan } from '../programmes/money.js';
import type { ReviewStage } from './stages.js';

export const MEETING_KINDS = ['party', 'executive'] as const;
export type MeetingKind = (typeof MEETING_KINDS)[number];
export const MEETING_KIND_LABELS: Record<MeetingKind, string> = { party: '局党组会议', executive: '区政府常务会议' };
/** The stage during which each meeting is held, and the stage its sign-off opens. */
export const MEETING_STAGE: Record<MeetingKind, ReviewStage> = { party: 'partyMeeting', executive: 'executiveMeeting' };
export const MEETING_NEXT_STAGE: Record<MeetingKind, ReviewStage> = { party: 'executiveMeeting', executive: 'notice' };

export const MEETING_DECISIONS = ['approve', 'reject', 'defer'] as const;
export type MeetingDecision = (typeof MEETING_DECISIONS)[number];
export const MEETING_DECISION_LABELS: Record<MeetingDecision, string> = { approve: '同意立项', reject: '不予立项', defer: '暂缓' };

export const meetingRecordInput = z.object({
  heldOn: z.iso.date('会议日期须为 YYYY-MM-DD'),
  minutesNo: z.string().trim().min(1, '请填写会议纪要编号').max(60, '纪要编号不超过60字'),
  agenda: z.string().trim().max(5000, '议程不超过5000字'),
  minutes: z.string().trim().min(1, '请填写会议纪要').max(20000, '纪要不超过20000字'),
  decisions: z
    .array(
      z.object({
        applicationId: z.uuid('申报书编号无效'),
        decision: z.enum(MEETING_DECISIONS, '请选择决定'),
        /** 元; required for an approval, absent otherwise. */
        amountYuan: z.number().int('金额须为整数元').nullable().optional(),
        note: z.string().trim().max(1000, '说明不超过1000字').default(''),
      }),
    )
    .max(2000),
});
export type MeetingRecordInput = z.input<typeof meetingRecordInput>;
export type MeetingRecord = z.output<typeof meetingRecordInput>;

export interface MeetingAgendaItem {
  applicationId: string;
  /**
   * The most this meeting may approve (元): the funding plan's amount. A meeting may lower an amount but never
   * raise it: the plan is the one checked against the programme-year budget and the category caps (BL-4, BL-6,
   * BL-7), so anything above it could break the budget the plan was proven to fit.
   */
  capYuan: number;
}

/** Field errors of a meeting's decisions against its agenda (Chinese messages, fields as `decisions.<i>.<member>`). */
export function meetingDecisionProblems(agenda: readonly MeetingAgendaItem[], record: MeetingRecord, today: string): { field: string; message: string }[] {
  const errors: { field: string; message: string }[] = [];
  if (record.heldOn > today) errors.push({ field: 'heldOn', message: '会议日期不能晚于今天' });
  const caps = new Map(agenda.map((a) => [a.applicationId, a.capYuan]));
  const seen = new Set<string>();
  record.decisions.forEach((d, i) => {
    const at = (m: string) => `decisions.${i}.${m}`;
    const cap = caps.get(d.applicationId);
    if (cap === undefined) errors.push({ field: at('applicationId'), message: '该申报书不在本次会议议程中' });
    else if (seen.has(d.applicationId)) errors.push({ field: at('applicationId'), message: '同一申报书只能作一项决定' });
    seen.add(d.applicationId);
    const amount = d.amountYuan ?? null;
    if (d.decision === 'approve') {
      if (amount === null) errors.push({ field: at('amountYuan'), message: '同意立项须填写金额' });
      else if (amount <= 0) errors.push({ field: at('amountYuan'), message: '金额须大于0' });
      else if (cap !== undefined && amount > cap) errors.push({ field: at('amountYuan'), message: `金额不能高于资金方案金额${formatWan(cap)}元：方案已按年度预算核定（BL-4），会议只能调减` });
    } else {
      if (amount !== null) errors.push({ field: at('amountYuan'), message: '不予立项或暂缓的项目不填金额' });
      if (!d.note) errors.push({ field: at('note'), message: `${MEETING_DECISION_LABELS[d.decision]}须写明理由` });
    }
  });
  agenda.forEach((a) => {
    if (!seen.has(a.applicationId)) errors.push({ field: 'decisions', message: '议程中的每个项目都须作出决定' });
  });
  return [...new Map(errors.map((e) => [`${e.field}|${e.message}`, e])).values()];
}
