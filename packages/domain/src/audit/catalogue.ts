/**
 * The one catalogue of what the audit trail can say: every action and entity type with its Chinese
 * label and context, and labels for the fields and values that appear in its changes. The server's
 * `recordAudit` accepts only an `AuditAction` and an `AuditEntityType`, so a new action without a label
 * fails the type check; the web's filter lists every action from here, grouped by context.
 */
import { ROLE_LABELS } from '../accounts/roles.js';
import { SECURITY_POLICY_LABELS } from '../accounts/password-policy.js';
import { USER_STATUS_LABELS } from '../accounts/schemas.js';
import { ORGANISATION_TYPE_LABELS } from '../organisations/schemas.js';
import { CALL_EVENT_LABELS, CALL_EVENTS, CALL_STATUS_LABELS, type CallEvent } from '../programmes/call-workflow.js';
import { SELECTION_MODE_LABELS } from '../programmes/labels.js';
import { REPORT_STATE_LABELS } from '../monitoring/labels.js';
import { APPLICATION_EVENT_LABELS, APPLICATION_EVENTS, APPLICATION_STATE_LABELS, type ApplicationEvent } from '../applications/workflow.js';

/** Bounded contexts, in the order the web's action filter groups them. */
export const AUDIT_CONTEXT_LABELS = {
  accounts: '登录与账号',
  organisations: '单位与邀请',
  security: '安全策略',
  audit: '审计',
  programmes: '计划、指南与预算',
  monitoring: '规划监测',
  applications: '项目申报',
  review: '评审与立项',
  projects: '项目执行与结题',
} as const;
export type AuditContext = keyof typeof AUDIT_CONTEXT_LABELS;

interface ActionDef {
  label: string;
  context: AuditContext;
}

const STATIC_ACTIONS = {
  'auth.login': { label: '登录成功', context: 'accounts' },
  'auth.loginFailed': { label: '登录失败', context: 'accounts' },
  'auth.logout': { label: '退出登录', context: 'accounts' },
  'auth.locked': { label: '账号锁定', context: 'accounts' },
  'auth.passwordChanged': { label: '修改密码', context: 'accounts' },
  'auth.register': { label: '单位注册', context: 'accounts' },
  'user.create': { label: '创建用户', context: 'accounts' },
  'user.update': { label: '修改用户', context: 'accounts' },
  'user.disable': { label: '停用用户', context: 'accounts' },
  'user.enable': { label: '启用用户', context: 'accounts' },
  'user.unlock': { label: '解除锁定', context: 'accounts' },
  'user.resetPassword': { label: '重置密码', context: 'accounts' },
  'recovery.request': { label: '发起管理员密码找回', context: 'accounts' },
  'recovery.approve': { label: '批准管理员密码找回', context: 'accounts' },
  'recovery.cancel': { label: '撤销管理员密码找回', context: 'accounts' },
  'organisation.create': { label: '创建单位', context: 'organisations' },
  'organisation.update': { label: '修改单位信息', context: 'organisations' },
  'organisation.consortia': { label: '修改单位所属创新联合体', context: 'organisations' },
  'invitation.create': { label: '发出邀请', context: 'organisations' },
  'invitation.revoke': { label: '撤销邀请', context: 'organisations' },
  'invitation.accept': { label: '接受邀请', context: 'organisations' },
  'security.updatePolicy': { label: '修改安全策略', context: 'security' },
  'audit.export': { label: '导出审计日志', context: 'audit' },
  'audit.verify': { label: '校验审计链', context: 'audit' },
  'audit.anchor': { label: '锚定链头', context: 'audit' },
  'programme.create': { label: '创建计划', context: 'programmes' },
  'programme.update': { label: '修改计划', context: 'programmes' },
  'programme.createVersion': { label: '新增政策版本', context: 'programmes' },
  'programme.updateVersion': { label: '修改政策版本', context: 'programmes' },
  'call.create': { label: '创建申报指南', context: 'programmes' },
  'call.update': { label: '修改申报指南', context: 'programmes' },
  'budget.budget': { label: '预算台账：核定预算', context: 'programmes' },
  'budget.commit': { label: '预算台账：立项承诺', context: 'programmes' },
  'budget.disburse': { label: '预算台账：拨付', context: 'programmes' },
  'budget.return': { label: '预算台账：收回未拨付', context: 'programmes' },
  'budget.repay': { label: '预算台账：退回已拨付', context: 'programmes' },
  'monitoring.plan.seed': { label: '导入监测规划', context: 'monitoring' },
  'monitoring.plan.update': { label: '修改规划报送设置', context: 'monitoring' },
  'monitoring.demo.seed': { label: '生成演示监测数据', context: 'monitoring' },
  'monitoring.indicator.update': { label: '修改监测指标', context: 'monitoring' },
  'monitoring.unit.create': { label: '创建责任单位', context: 'monitoring' },
  'monitoring.unit.member.add': { label: '指定责任单位账号', context: 'monitoring' },
  'monitoring.unit.member.remove': { label: '移除责任单位账号', context: 'monitoring' },
  'monitoring.report.save': { label: '保存指标月报', context: 'monitoring' },
  'monitoring.report.correct': { label: '更正已采纳的指标月报', context: 'monitoring' },
  'monitoring.report.submit': { label: '提交指标月报', context: 'monitoring' },
  'monitoring.report.accept': { label: '采纳指标月报', context: 'monitoring' },
  'monitoring.report.return': { label: '退回指标月报', context: 'monitoring' },
  'monitoring.taskReport.save': { label: '保存任务进展', context: 'monitoring' },
  'monitoring.taskReport.submit': { label: '提交任务进展', context: 'monitoring' },
  'monitoring.taskReport.accept': { label: '采纳任务进展', context: 'monitoring' },
  'monitoring.taskReport.return': { label: '退回任务进展', context: 'monitoring' },
  'monitoring.evidence.add': { label: '上传佐证材料', context: 'monitoring' },
  'monitoring.evidence.delete': { label: '删除佐证材料', context: 'monitoring' },
  'monitoring.remind': { label: '催报', context: 'monitoring' },
  'monitoring.portfolio.import': { label: '导入项目库', context: 'monitoring' },
  'monitoring.portfolio.reported.create': { label: '录入上报统计数', context: 'monitoring' },
  'monitoring.portfolio.reported.delete': { label: '删除上报统计数', context: 'monitoring' },
  'monitoring.townEvaluation.create': { label: '创建镇街评价', context: 'monitoring' },
  'monitoring.townEvaluation.update': { label: '修改镇街评价', context: 'monitoring' },
  'application.create': { label: '新建申报书', context: 'applications' },
  'application.save': { label: '保存申报书草稿', context: 'applications' },
  'application.duplicateCheck': { label: '完成申报书查重', context: 'applications' },
  'application.duplicateCheckRequest': { label: '发起申报书查重', context: 'applications' },
  'application.attachment.add': { label: '上传申报书附件', context: 'applications' },
  'application.attachment.delete': { label: '删除申报书附件', context: 'applications' },
  'application.formalReview': { label: '记录形式审查结果', context: 'applications' },
  'call.formalReviewSettings': { label: '修改形式审查设置', context: 'programmes' },
  'dedupe.externalRecords.import': { label: '导入查重外部记录', context: 'applications' },
  'review.round.open': { label: '建立评审轮次', context: 'review' },
  'review.round.advance': { label: '评审进入下一阶段', context: 'review' },
  'review.draw.commit': { label: '发布随机抽取承诺', context: 'review' },
  'review.draw.witness': { label: '纪检监督录入抽取输入值', context: 'review' },
  'review.draw.run': { label: '执行随机抽取', context: 'review' },
  'review.draw.cancel': { label: '撤销随机抽取承诺', context: 'review' },
  'review.draw.unseal': { label: '开启抽取记录化名', context: 'review' },
  'review.fundingPlan.compute': { label: '生成立项资金方案', context: 'review' },
  'review.fundingPlan.override': { label: '调整立项资金方案', context: 'review' },
  'review.fundingPlan.confirm': { label: '确认立项资金方案', context: 'review' },
  'review.round.approve': { label: '批准立项', context: 'review' },
  'project.approve': { label: '项目立项', context: 'review' },
  'project.transition': { label: '项目状态变化', context: 'projects' },
  'project.movement': { label: '项目资金变动（拨付、收回、退回）', context: 'projects' },
  'project.recovery.order': { label: '下达资金收回', context: 'projects' },
  'project.recovery.settle': { label: '收回资金到账', context: 'projects' },
  'project.taskBook.draft': { label: '生成任务书版本', context: 'projects' },
  'project.change.request': { label: '提出项目变更', context: 'projects' },
  'project.change.decide': { label: '审批项目变更', context: 'projects' },
  'project.change.withdraw': { label: '撤回项目变更', context: 'projects' },
  'project.midterm.open': { label: '启动中期检查', context: 'projects' },
  'project.midterm.outcome': { label: '记录中期检查结论', context: 'projects' },
  'project.midterm.rectification': { label: '记录中期检查整改结果', context: 'projects' },
  'project.terminate': { label: '终止项目', context: 'projects' },
  'project.revoke': { label: '撤销项目', context: 'projects' },
  'project.reallocate': { label: '释放资金重新分配（重新运行资金方案）', context: 'projects' },
  'integrity.record.create': { label: '登记科研失信记录', context: 'projects' },
  'integrity.record.update': { label: '修改科研失信记录', context: 'projects' },
  'integrity.record.appeal': { label: '办理科研失信申诉', context: 'projects' },
  'integrity.record.revoke': { label: '撤销科研失信记录', context: 'projects' },
  'integrity.record.document': { label: '上传科研失信处理决定书', context: 'projects' },
  'project.performance.evaluate': { label: '记录项目绩效评价', context: 'projects' },
  'project.disbursement.pay': { label: '拨付项目经费（一期）', context: 'projects' },
  'project.disbursement.schedule': { label: '调整拨付计划', context: 'projects' },
  'project.stageCheck.record': { label: '记录阶段检查', context: 'projects' },
  'project.report.schedule': { label: '生成年度进展报告计划', context: 'projects' },
  'project.report.open': { label: '进展报告开放填报', context: 'projects' },
  'project.report.lock': { label: '进展报告逾期锁定', context: 'projects' },
  'project.report.save': { label: '保存进展报告草稿', context: 'projects' },
  'project.report.submit': { label: '提交进展报告', context: 'projects' },
  'project.report.accept': { label: '进展报告审核通过', context: 'projects' },
  'project.report.return': { label: '退回进展报告', context: 'projects' },
  'project.report.reopen': { label: '重新开放进展报告', context: 'projects' },
  'project.report.remind': { label: '进展报告到期提醒', context: 'projects' },
  'project.report.cancel': { label: '取消不再需要的进展报告（执行期变化）', context: 'projects' },
  'project.report.restore': { label: '恢复须报送的进展报告（执行期变化）', context: 'projects' },
  'project.taskBook.edit': { label: '修改任务书草稿', context: 'projects' },
  'project.taskBook.allow': { label: '登记补充任务书的已批准变更范围', context: 'projects' },
  'project.taskBook.freeze': { label: '任务书提交签署（内容冻结）', context: 'projects' },
  'project.taskBook.sign': { label: '任务书签署', context: 'projects' },
  'project.taskBook.effective': { label: '任务书生效', context: 'projects' },
  'project.acceptance.material': { label: '上传验收材料', context: 'projects' },
  'project.acceptance.apply': { label: '申请验收', context: 'projects' },
  'project.acceptance.panelCommit': { label: '发布验收专家抽取承诺', context: 'projects' },
  'project.acceptance.panelDraw': { label: '抽取验收专家组', context: 'projects' },
  'project.acceptance.review.save': { label: '保存验收指标核查意见', context: 'projects' },
  'project.acceptance.review.submit': { label: '提交验收指标核查意见', context: 'projects' },
  'project.acceptance.decide': { label: '作出验收结论', context: 'projects' },
  'project.acceptance.resubmit': { label: '整改后重新提交验收', context: 'projects' },
  'project.acceptance.return': { label: '退回提前验收申请', context: 'projects' },
  'review.expert.create': { label: '新增评审专家', context: 'review' },
  'review.expert.update': { label: '修改专家信息', context: 'review' },
  'review.expert.activate': { label: '启用评审专家', context: 'review' },
  'review.expert.suspend': { label: '暂停评审专家', context: 'review' },
  'review.expert.import': { label: '导入评审专家', context: 'review' },
  'review.expert.createLogin': { label: '为专家开通登录账号', context: 'review' },
  'review.expert.rate': { label: '评价评审专家', context: 'review' },
  'review.rubric.save': { label: '保存评分细则与汇总设置', context: 'review' },
  'review.assignment.open': { label: '专家声明无需回避并打开申报书', context: 'review' },
  'review.assignment.decline': { label: '专家声明回避', context: 'review' },
  'review.assignment.replace': { label: '替补专家', context: 'review' },
  'review.sheet.save': { label: '保存评分草稿', context: 'review' },
  'review.sheet.submit': { label: '提交评分表', context: 'review' },
  'review.scoring.remind': { label: '发送评分提醒', context: 'review' },
  'review.scoring.close': { label: '结束评分并汇总排名', context: 'review' },
  'review.panel.open': { label: '开始会评', context: 'review' },
  'review.panel.update': { label: '更新会评进度与纪要', context: 'review' },
  'review.panel.adjust': { label: '会评调整分数', context: 'review' },
  'review.panel.close': { label: '结束会评', context: 'review' },
  'review.inspection.checklist': { label: '修改实地核查清单', context: 'review' },
  'review.inspection.selection': { label: '确定实地核查范围', context: 'review' },
  'review.inspection.record': { label: '记录实地核查结果', context: 'review' },
  'review.inspection.photo.add': { label: '上传实地核查照片', context: 'review' },
  'review.inspection.photo.delete': { label: '删除实地核查照片', context: 'review' },
  'review.inspection.finish': { label: '完成实地核查', context: 'review' },
  'review.meeting.record': { label: '记录决策会议', context: 'review' },
  'review.meeting.signoff': { label: '领导签发会议纪要', context: 'review' },
  'review.notice.draft': { label: '拟定公示名单', context: 'review' },
  'review.notice.publish': { label: '发布社会公示', context: 'review' },
  'review.objection.submit': { label: '收到公示异议', context: 'review' },
  'review.objection.uphold': { label: '异议成立，撤回公示项目', context: 'review' },
  'review.objection.dismiss': { label: '异议不成立', context: 'review' },
  'calendar.day.set': { label: '设置节假日/调休日', context: 'review' },
  'calendar.day.remove': { label: '删除节假日/调休日', context: 'review' },
  'calendar.year.import': { label: '导入全年节假日安排', context: 'review' },
  'review.round.settings': { label: '修改评审分配设置', context: 'review' },
  'review.assignment.confirm': { label: '确认专家最优分配', context: 'review' },
} as const satisfies Record<string, ActionDef>;

/** A call's workflow events come from the workflow table, so a new event gets its action and label here. */
type CallAction = `call.${CallEvent}`;
const CALL_ACTIONS = Object.fromEntries(
  CALL_EVENTS.map((e) => [`call.${e}`, { label: `${CALL_EVENT_LABELS[e]}申报指南`, context: 'programmes' }]),
) as Record<CallAction, ActionDef>;

/** Likewise an application's workflow events (submit, endorse, 撤回, 退回 …). */
type ApplicationAuditAction = `application.${ApplicationEvent}`;
const APPLICATION_ACTIONS = Object.fromEntries(
  APPLICATION_EVENTS.map((e) => [`application.${e}`, { label: `申报书${APPLICATION_EVENT_LABELS[e]}`, context: 'applications' }]),
) as Record<ApplicationAuditAction, ActionDef>;

export type AuditAction = keyof typeof STATIC_ACTIONS | CallAction | ApplicationAuditAction;

export const AUDIT_ACTIONS: Readonly<Record<AuditAction, ActionDef>> = { ...STATIC_ACTIONS, ...CALL_ACTIONS, ...APPLICATION_ACTIONS };
export const AUDIT_ACTION_CODES = Object.keys(AUDIT_ACTIONS) as AuditAction[];
export const AUDIT_ACTION_LABELS: Readonly<Record<AuditAction, string>> = Object.fromEntries(
  AUDIT_ACTION_CODES.map((a) => [a, AUDIT_ACTIONS[a].label]),
) as Record<AuditAction, string>;

export function isAuditAction(value: string): value is AuditAction {
  return Object.hasOwn(AUDIT_ACTIONS, value);
}

/** The action's label, or the code itself for an event recorded by an older release. */
export function auditActionLabel(action: string): string {
  return isAuditAction(action) ? AUDIT_ACTIONS[action].label : action;
}

/** Actions grouped by context, for a grouped select. */
export function auditActionGroups(): { context: AuditContext; label: string; actions: { value: AuditAction; label: string }[] }[] {
  return (Object.keys(AUDIT_CONTEXT_LABELS) as AuditContext[]).map((context) => ({
    context,
    label: AUDIT_CONTEXT_LABELS[context],
    actions: AUDIT_ACTION_CODES.filter((a) => AUDIT_ACTIONS[a].context === context).map((value) => ({ value, label: AUDIT_ACTIONS[value].label })),
  }));
}

export const AUDIT_ENTITY_LABELS = {
  auth: '登录名',
  user: '用户',
  adminRecovery: '管理员密码找回',
  organisation: '单位',
  invitation: '邀请',
  setting: '系统设置',
  audit: '审计日志',
  auditAnchor: '审计锚点',
  programme: '计划',
  programmeVersion: '政策版本',
  call: '申报指南',
  budgetLedger: '预算台账',
  monitoring_plan: '监测规划',
  monitoring_indicator: '监测指标',
  monitoring_unit: '责任单位',
  monitoring_report: '指标月报',
  monitoring_task_report: '任务进展报告',
  portfolio_project: '项目库',
  portfolio_reported: '上报统计数',
  town_evaluation: '镇街评价',
  application: '申报书',
  dedupe_archive: '查重档案',
  reviewRound: '评审轮次',
  reviewDraw: '随机抽取',
  reviewAssignment: '评审任务',
  reviewSheet: '评分表',
  reviewPanel: '会评',
  reviewInspection: '实地核查',
  reviewMeeting: '决策会议',
  reviewNotice: '社会公示',
  reviewObjection: '公示异议',
  workingCalendar: '节假日日历',
  expert: '评审专家',
  project: '立项项目',
  taskBook: '任务书',
  projectReport: '进展报告',
  projectRecovery: '资金收回',
  projectChange: '项目变更',
  midtermCheck: '中期检查',
  projectTermination: '项目终止/撤销',
  projectReallocation: '资金重新分配',
  disbursement: '项目拨付',
  projectStageCheck: '阶段检查',
  acceptanceApplication: '验收申请',
  acceptancePanel: '验收专家组',
  acceptanceReview: '验收指标核查',
  integrityRecord: '科研失信记录',
  performanceEvaluation: '绩效评价',
} as const;
export type AuditEntityType = keyof typeof AUDIT_ENTITY_LABELS;
export const AUDIT_ENTITY_TYPES = Object.keys(AUDIT_ENTITY_LABELS) as AuditEntityType[];

export function isAuditEntityType(value: string): value is AuditEntityType {
  return Object.hasOwn(AUDIT_ENTITY_LABELS, value);
}

export function auditEntityLabel(entityType: string): string {
  return isAuditEntityType(entityType) ? AUDIT_ENTITY_LABELS[entityType] : entityType;
}

/** Names of the fields that appear in changes and details; a field not named here is shown by its code. */
export const AUDIT_FIELD_LABELS: Readonly<Record<string, string>> = {
  ...SECURITY_POLICY_LABELS,
  state: '状态',
  status: '状态',
  username: '用户名',
  name: '名称',
  phone: '手机',
  email: '邮箱',
  roles: '角色',
  role: '角色',
  organisationId: '所属单位',
  mustChangePassword: '首次登录须改密码',
  otherSessionsEnded: '其他会话已结束',
  lockedUntil: '锁定至',
  failedLogins: '连续失败次数',
  reason: '原因',
  userAgent: '浏览器',
  userId: '用户编号',
  user: '用户',
  title: '标题',
  idNumber: '身份证号码',
  organisationName: '工作单位',
  organisationCreditCode: '统一社会信用代码',
  fields: '评审领域',
  keywords: '关键词',
  consortia: '创新联合体',
  available: '可参加评审',
  declaredConflicts: '申报回避',
  score: '评分',
  selectionMode: '遴选方式',
  categoryCodes: '类别',
  fieldCodes: '重点领域',
  opensAt: '开始时间',
  closesAt: '截止时间',
  versionId: '政策版本',
  version: '版本',
  documentNo: '文号',
  effectiveFrom: '生效日期',
  issuer: '发文单位',
  description: '说明',
  programme: '计划',
  code: '编码',
  type: '类型',
  region: '地区',
  industry: '行业',
  address: '地址',
  contactName: '联系人',
  contactPhone: '联系电话',
  contactEmail: '联系邮箱',
  entryId: '台账条目',
  amountYuan: '金额（元）',
  reference: '依据',
  value: '数值',
  note: '说明',
  comment: '审核意见',
  percent: '完成进度（%）',
  progress: '进展情况',
  indicator: '指标',
  task: '任务',
  period: '报送期',
  unit: '责任单位',
  plan: '规划',
  missing: '未报事项',
  evidence: '佐证材料',
  filename: '文件名',
  size: '大小（字节）',
  sha256: 'SHA-256',
  responsibleUnits: '责任单位',
  openReportsMoved: '转交的未结报告',
  tolerancePercent: '容差（%）',
  dueDay: '每月报送截止日',
  year: '年度',
  metric: '统计项',
  source: '来源',
  indicators: '指标',
  towns: '镇街',
  tasks: '任务',
  reports: '指标月报数',
  taskReports: '任务进展数',
  saved: '已保存',
  rejected: '未通过',
  demo: '演示数据',
  hash: '哈希',
  filters: '筛选条件',
  rows: '行数',
  ok: '校验通过',
  checked: '已校验事件数',
  savedAnchors: '对照的锚点副本数',
  target: '找回对象',
  targetRole: '找回对象角色',
  initiator: '发起人',
  approver: '批准人',
  expiresAt: '有效期至',
  request: '找回申请',
};

const LOGIN_FAILURE_LABELS: Record<string, string> = { unknownUser: '用户名不存在', disabled: '账号已停用', locked: '账号已锁定', badPassword: '密码错误' };
const STATUS_LABELS: Record<string, string> = {
  ...CALL_STATUS_LABELS,
  ...USER_STATUS_LABELS,
  pending: '待处理',
  accepted: '已接受',
  revoked: '已撤销',
  expired: '已过期',
  approved: '已批准',
  cancelled: '已撤销',
};
const VALUE_LABELS: Record<string, Record<string, string>> = {
  state: { ...APPLICATION_STATE_LABELS, ...REPORT_STATE_LABELS },
  status: STATUS_LABELS,
  role: ROLE_LABELS,
  roles: ROLE_LABELS,
  targetRole: ROLE_LABELS,
  selectionMode: SELECTION_MODE_LABELS,
  type: ORGANISATION_TYPE_LABELS,
  reason: LOGIN_FAILURE_LABELS,
};

export function auditFieldLabel(field: string): string {
  return Object.hasOwn(AUDIT_FIELD_LABELS, field) ? AUDIT_FIELD_LABELS[field]! : field;
}

/** A changed value in words where the field is an enumeration (a state, a role); otherwise undefined. */
export function auditValueLabel(field: string, value: unknown): string | undefined {
  const labels = Object.hasOwn(VALUE_LABELS, field) ? VALUE_LABELS[field] : undefined;
  if (!labels) return undefined;
  const one = (v: unknown) => (typeof v === 'string' && Object.hasOwn(labels, v) ? labels[v] : undefined);
  if (Array.isArray(value)) {
    const words = value.map(one);
    return words.every((w) => w !== undefined) ? words.join('、') : undefined;
  }
  return one(value);
}
