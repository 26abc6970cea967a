/**
 * Public notice (社会公示, BL-8): its period in working days, where a day stands in it, and what a valid
 * objection (异议) is. Server, seed and web all call these, so the end date an officer sees before publishing
 * is the one the server stores and the public page counts down to.
 */
import { z } from 'zod';
import { addDays, daysBetween } from '../monitoring/dates.js';
import { addWorkingDays, nextWorkingDay, workingDaysBetween, type WorkingCalendar } from '../common/working-days.js';

/**
 * The seeds (BL-8) name the public notice but give no length: 5 working days is this platform's default,
 * changed per round in its settings (`noticeWorkingDays`).
 */
export const DEFAULT_NOTICE_WORKING_DAYS = 5;
export const NOTICE_WORKING_DAYS_LABEL = '公示期（工作日；默认5个工作日——政策材料未规定公示期长度，此为平台默认值，可按本轮设置修改）';
export const MAX_NOTICE_WORKING_DAYS = 30;

export interface NoticePeriod {
  /** First day of the period: the chosen start, or the next working day when it is not one. */
  startsOn: string;
  /** Last day (inclusive). */
  endsOn: string;
  workingDays: number;
}

export function noticePeriod(cal: WorkingCalendar, chosenStart: string, workingDays: number): NoticePeriod {
  const startsOn = nextWorkingDay(cal, chosenStart);
  return { startsOn, endsOn: addWorkingDays(cal, startsOn, workingDays), workingDays };
}

export type NoticePhase = 'upcoming' | 'open' | 'ended';
export const NOTICE_PHASE_LABELS: Record<NoticePhase, string> = { upcoming: '即将公示', open: '公示中', ended: '公示期满' };

export function noticePhase(period: { startsOn: string; endsOn: string }, today: string): NoticePhase {
  if (today < period.startsOn) return 'upcoming';
  return today <= period.endsOn ? 'open' : 'ended';
}

export interface NoticeCountdown {
  phase: NoticePhase;
  /** Calendar days (Asia/Shanghai) until the period starts (upcoming) or left including today (open); 0 when ended. */
  days: number;
  /** Working days left including today (open), or in the whole period (upcoming). */
  workingDays: number;
  /** One line for the page: 距公示开始还有2天 / 公示期剩余3天（含今日，其中2个工作日）/ 公示期已于…结束. */
  text: string;
}

export function noticeCountdown(cal: WorkingCalendar, period: { startsOn: string; endsOn: string }, today: string): NoticeCountdown {
  const phase = noticePhase(period, today);
  if (phase === 'upcoming') {
    const days = daysBetween(today, period.startsOn);
    return { phase, days, workingDays: workingDaysBetween(cal, period.startsOn, period.endsOn), text: `距公示开始还有${days}天（${period.startsOn}起）` };
  }
  if (phase === 'open') {
    const days = daysBetween(today, period.endsOn) + 1;
    const workingDays = workingDaysBetween(cal, today, period.endsOn);
    return { phase, days, workingDays, text: `公示期剩余${days}天（含今日，其中${workingDays}个工作日），${period.endsOn}截止` };
  }
  return { phase, days: 0, workingDays: 0, text: `公示期已于${period.endsOn}结束` };
}

/** Objections are received on the days of the period only (Asia/Shanghai), a working day or not. */
export function objectionWindowOpen(period: { startsOn: string; endsOn: string }, today: string): boolean {
  return noticePhase(period, today) === 'open';
}

export const OBJECTOR_KINDS = ['person', 'organisation'] as const;
export type ObjectorKind = (typeof OBJECTOR_KINDS)[number];
export const OBJECTOR_KIND_LABELS: Record<ObjectorKind, string> = { person: '个人（实名）', organisation: '单位（加盖公章）' };

const MOBILE = /^1[3-9]\d{9}$/;
const LANDLINE = /^0\d{2,3}-?\d{7,8}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** A phone (mobile or landline) or an email address. */
export function isObjectorContact(s: string): boolean {
  const t = s.trim();
  return MOBILE.test(t) || LANDLINE.test(t) || (t.length <= 100 && EMAIL.test(t));
}

/**
 * An objection as submitted in writing: a real name and a contact, or for an organisation its name, the name of
 * the person submitting and a scan of the sealed letter (the file travels beside these fields).
 */
export const objectionSubmissionSchema = z
  .object({
    itemId: z.uuid('请选择异议针对的公示项目'),
    objectorKind: z.enum(OBJECTOR_KINDS, '请选择以个人或单位名义提出'),
    name: z.string().trim().min(2, '请填写真实姓名（至少2个字）').max(40, '姓名不超过40个字'),
    organisationName: z.string().trim().max(100, '单位名称不超过100个字').optional().default(''),
    contact: z.string().trim().refine(isObjectorContact, '请填写有效的手机号、固定电话（如0574-55550101）或电子邮箱'),
    text: z.string().trim().min(20, '异议内容至少20个字，请写明事实和理由').max(5000, '异议内容不超过5000个字'),
  })
  .superRefine((v, ctx) => {
    if (v.objectorKind === 'organisation' && v.organisationName.length < 2) ctx.addIssue({ code: 'custom', path: ['organisationName'], message: '以单位名义提出时请填写单位全称' });
  });
export type ObjectionSubmission = z.infer<typeof objectionSubmissionSchema>;

/** The sealed letter of an organisation's objection: an image or a PDF, by content. */
export const SEAL_MAX_BYTES = 5 * 1024 * 1024;

export const OBJECTION_DECISIONS = ['upheld', 'dismissed'] as const;
export type ObjectionDecision = (typeof OBJECTION_DECISIONS)[number];
export const OBJECTION_STATUS_LABELS: Record<'open' | ObjectionDecision, string> = { open: '待处理', upheld: '异议成立（撤回公示项目）', dismissed: '异议不成立' };

export const objectionResolutionSchema = z.object({
  decision: z.enum(OBJECTION_DECISIONS, '请选择处理结果'),
  reasons: z.string().trim().min(10, '请写明处理理由（至少10个字）').max(2000, '处理理由不超过2000个字'),
});

export const noticeDraftSchema = z.object({
  startsOn: z.iso.date('请选择公示开始日期'),
  workingDays: z.number().int('公示期须为整数个工作日').min(1, '公示期至少1个工作日').max(MAX_NOTICE_WORKING_DAYS, `公示期不超过${MAX_NOTICE_WORKING_DAYS}个工作日`).optional(),
  title: z.string().trim().min(4, '标题至少4个字').max(100, '标题不超过100个字').optional(),
});

/** The day after the period: when approval may go ahead (no open objection assumed). */
export function noticeClearsOn(endsOn: string): string {
  return addDays(endsOn, 1);
}
