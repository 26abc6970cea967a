/** Response schemas of the public notice (社会公示), its objections (异议) and the working-day calendar. */
import { z } from 'zod';
import { dayOut, instantOut, itemsOf } from '../common/responses.js';
import { CALENDAR_DAY_KINDS } from '../common/working-days.js';
import { OBJECTOR_KINDS } from './notice.js';

export const noticePeriodOut = z.object({ startsOn: dayOut, endsOn: dayOut, workingDays: z.number().int() });
const phaseOut = z.enum(['upcoming', 'open', 'ended']);

/** One listed project as the public sees it; a withdrawn one stays on the list, marked. */
export const publicNoticeItemResponse = z.object({
  id: z.uuid(),
  projectTitle: z.string(),
  organisationName: z.string(),
  categoryCode: z.string(),
  categoryLabel: z.string(),
  amountYuan: z.number().int(),
  /** '50万元'. */
  amountWanText: z.string(),
  withdrawn: z.boolean(),
  withdrawnOn: dayOut.nullable(),
});
export type PublicNoticeItem = z.infer<typeof publicNoticeItemResponse>;

/** API contract (issue 13): GET /api/public/notices and /api/public/notices/:id. */
export const publicNoticeResponse = z.object({
  id: z.uuid(),
  title: z.string(),
  callTitle: z.string(),
  period: noticePeriodOut,
  phase: phaseOut,
  publishedAt: instantOut,
  /** Where written objections go and what they need, in words. */
  objectionGuide: z.string(),
  items: z.array(publicNoticeItemResponse),
});
export type PublicNotice = z.infer<typeof publicNoticeResponse>;
export const publicNoticeListResponse = itemsOf(publicNoticeResponse);
/** One notice, with the calendar's holidays and make-up working days inside its period (to count working days left). */
export const publicNoticeDetailResponse = publicNoticeResponse.extend({
  calendar: z.array(z.object({ date: dayOut, kind: z.enum(CALENDAR_DAY_KINDS), name: z.string() })),
});
export type PublicNoticeDetail = z.infer<typeof publicNoticeDetailResponse>;

/** What the public gets back after submitting: a reference to quote, nothing of anyone's identity. */
export const objectionReceiptResponse = z.object({ reference: z.string(), receivedAt: instantOut });

/** An objection as every reader of the round sees it (observers, leaders): never who raised it. */
export const noticeObjectionResponse = z.object({
  id: z.uuid(),
  reference: z.string(),
  itemId: z.uuid(),
  projectTitle: z.string(),
  text: z.string(),
  status: z.enum(['open', 'upheld', 'dismissed']),
  reasons: z.string().nullable(),
  receivedAt: instantOut,
  resolvedAt: instantOut.nullable(),
});
export type NoticeObjection = z.infer<typeof noticeObjectionResponse>;

/** The objector's identity: only for officers handling objections (review.manage). */
export const objectionPartyResponse = z.object({
  objectionId: z.uuid(),
  reference: z.string(),
  objectorKind: z.enum(OBJECTOR_KINDS),
  name: z.string(),
  organisationName: z.string(),
  contact: z.string(),
  seal: z.object({ fileName: z.string(), contentType: z.string(), size: z.number().int() }).nullable(),
});
export type ObjectionParty = z.infer<typeof objectionPartyResponse>;
export const objectionPartyListResponse = itemsOf(objectionPartyResponse);

export const noticeItemResponse = publicNoticeItemResponse.extend({ applicationId: z.uuid(), withdrawnReason: z.string().nullable() });

/** The round's notice for officers, leaders and observers: draft or published, with its clearance for approval. */
export const roundNoticeResponse = z.object({
  notice: z
    .object({
      id: z.uuid(),
      title: z.string(),
      period: noticePeriodOut,
      phase: phaseOut,
      publishedAt: instantOut.nullable(),
      createdAt: instantOut,
      items: z.array(noticeItemResponse),
    })
    .nullable(),
  objections: z.array(noticeObjectionResponse),
  clearance: z.object({ cleared: z.boolean(), problems: z.array(z.string()), withdrawn: z.array(z.uuid()) }),
  /** Default length of the period for this round (settings or the platform default). */
  defaultWorkingDays: z.number().int(),
});
export type RoundNotice = z.infer<typeof roundNoticeResponse>;

export const calendarDayResponse = z.object({ date: dayOut, kind: z.enum(CALENDAR_DAY_KINDS), name: z.string(), source: z.string() });
export type CalendarDayOut = z.infer<typeof calendarDayResponse>;
export const calendarYearResponse = z.object({ year: z.number().int(), days: z.array(calendarDayResponse), years: z.array(z.number().int()) });
export type CalendarYear = z.infer<typeof calendarYearResponse>;
