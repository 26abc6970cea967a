/**
 * Who is told what when an application moves along its chain: the next actor(s) of each transition, on which
 * channels, with which message (in Chinese). Pure: the server writes these rows into its outbox inside the
 * transition's transaction and a job sends them after the commit.
 */
import type { ApplicationActor, ApplicationEvent } from '../applications/workflow.js';

export const NOTIFICATION_CHANNELS = ['sms', 'email', 'inApp'] as const;
export type NotificationChannel = (typeof NOTIFICATION_CHANNELS)[number];

/** A user, or every holder of a role (within one organisation when `organisationId` is set). */
export interface NotificationRecipient {
  userId?: string;
  organisationId?: string;
  role?: ApplicationActor;
}

export interface ApplicationNotificationPayload {
  applicationId: string;
  applicationNo: string;
  title: string;
  /** The number of return reasons, on a return. */
  reasons?: number;
  /** The end of a scoring window, Asia/Shanghai wall time (review notifications). */
  deadline?: string;
}

/** An expert invited to review a round's applications (identities of applicants are shown only once assigned). */
export interface ReviewInvitationPayload {
  roundId: string;
  callTitle: string;
  applications: number;
}

/** A project's annual progress report (年度进展报告) falling due. */
export interface ProjectReportNotificationPayload {
  projectId: string;
  projectNo: string;
  title: string;
  periodNo: number;
  dueDate: string;
}

export type NotificationPayload = ApplicationNotificationPayload | ReviewInvitationPayload | ProjectReportNotificationPayload;

export const NOTIFICATION_TEMPLATES = {
  'application.toEndorse': (p: ApplicationNotificationPayload) => `申报书 ${p.applicationNo}「${p.title}」已提交，待单位审核。`,
  'application.withdrawn': (p: ApplicationNotificationPayload) => `申报书 ${p.applicationNo}「${p.title}」已由申报人撤回，无需审核。`,
  'application.toRecommend': (p: ApplicationNotificationPayload) => `申报书 ${p.applicationNo}「${p.title}」已通过单位审核，待推荐。`,
  'application.toAccept': (p: ApplicationNotificationPayload) => `申报书 ${p.applicationNo}「${p.title}」待受理（形式审查）。`,
  'application.accepted': (p: ApplicationNotificationPayload) => `申报书 ${p.applicationNo}「${p.title}」已受理（形式审查通过）。`,
  // 随机抽取: one row per drawn pair, to the expert's own account; the expert declares 回避 before opening it.
  'review.drawInvitation': (p: ApplicationNotificationPayload) => `您已被随机抽取为申报书 ${p.applicationNo}「${p.title}」的评审专家，请登录平台先申报回避情况，再开始评审。`,
  'application.returned': (p: ApplicationNotificationPayload) => `申报书 ${p.applicationNo}「${p.title}」被退回修改${p.reasons ? `（${p.reasons}条理由）` : ''}，请登录平台查看对应栏目旁的退回理由。`,
  'review.replacementAssigned': (p: ApplicationNotificationPayload) => `您有一项新的评审任务（替补）：申报书 ${p.applicationNo}「${p.title}」${p.deadline ? `，请于${p.deadline}前完成评分` : ''}。`,
  'review.scoreReminder': (p: ApplicationNotificationPayload) => `评审提醒：申报书 ${p.applicationNo}「${p.title}」的评分将于${p.deadline ?? '近期'}截止，请尽快提交评分表。`,
  'project.reportReminder': (p: ProjectReportNotificationPayload) => `项目 ${p.projectNo}「${p.title}」第${p.periodNo}年度进展报告将于${p.dueDate}截止，请登录平台填报并提交。`,
  'project.reportReturned': (p: ProjectReportNotificationPayload) => `项目 ${p.projectNo}「${p.title}」第${p.periodNo}年度进展报告被退回修改，请于${p.dueDate}前修改后重新提交。`,
  'project.reportReopened': (p: ProjectReportNotificationPayload) => `项目 ${p.projectNo}「${p.title}」第${p.periodNo}年度进展报告已重新开放填报，请于${p.dueDate}前提交。`,
  'review.invited': (p: ReviewInvitationPayload) => `您受邀评审「${p.callTitle}」的 ${p.applications} 份申报书，请登录平台查看，打开申报书前先确认是否需要回避。`,
} as const;
export type NotificationTemplateKey = keyof typeof NOTIFICATION_TEMPLATES;

export interface PlannedNotification {
  recipient: NotificationRecipient;
  channel: NotificationChannel;
  templateKey: NotificationTemplateKey;
  payload: NotificationPayload;
}

/** Enterprises are reached on the phone; the bureau and recommending units read e-mail. Everyone gets it in-app. */
const CHANNELS_OF: Record<ApplicationActor, NotificationChannel[]> = {
  applicant: ['inApp', 'sms'],
  unitAdmin: ['inApp', 'sms'],
  recommender: ['inApp', 'email'],
  officer: ['inApp', 'email'],
};

export interface ApplicationTransitionFacts {
  event: ApplicationEvent;
  /** The state the application was in before the event (a withdrawal tells the level that was about to act). */
  from: string;
  organisationId: string;
  requiresRecommendation: boolean;
  payload: ApplicationNotificationPayload;
}

/** The messages one transition sends: one row per recipient and channel. */
export function applicationNotifications(f: ApplicationTransitionFacts): PlannedNotification[] {
  const own = (role: ApplicationActor): NotificationRecipient => ({ organisationId: f.organisationId, role });
  const plan = (recipient: NotificationRecipient, role: ApplicationActor, templateKey: NotificationTemplateKey) =>
    CHANNELS_OF[role].map((channel) => ({ recipient, channel, templateKey, payload: f.payload }));
  switch (f.event) {
    case 'submit':
    case 'resubmit':
      return plan(own('unitAdmin'), 'unitAdmin', 'application.toEndorse');
    case 'withdraw':
      // Only a submission not yet acted on can be withdrawn: the unit admin was next.
      return plan(own('unitAdmin'), 'unitAdmin', 'application.withdrawn');
    case 'endorse':
      return f.requiresRecommendation ? plan({ role: 'recommender' }, 'recommender', 'application.toRecommend') : plan({ role: 'officer' }, 'officer', 'application.toAccept');
    case 'recommend':
      return plan({ role: 'officer' }, 'officer', 'application.toAccept');
    case 'accept':
      return plan(own('applicant'), 'applicant', 'application.accepted');
    case 'return':
      return plan(own('applicant'), 'applicant', 'application.returned');
  }
}

/** The text a sender delivers. */
export function renderNotification(templateKey: NotificationTemplateKey, payload: NotificationPayload): string {
  return (NOTIFICATION_TEMPLATES[templateKey] as (p: NotificationPayload) => string)(payload);
}

/** Every expert invited to a round: one SMS each (experts are outside the bureau and reached on the phone; the workspace lists the rest). */
export function reviewInvitationNotifications(invited: readonly { userId: string | null; applications: number }[], round: { roundId: string; callTitle: string }): PlannedNotification[] {
  return invited.flatMap((x) => (x.userId ? [{ recipient: { userId: x.userId }, channel: 'sms' as const, templateKey: 'review.invited' as const, payload: { ...round, applications: x.applications } }] : []));
}
