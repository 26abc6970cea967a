/** Error codes of the review context (评审与立项). Each part adds its codes here. */
import { problems, type ProblemCatalogue } from '../../http/problem.js';

type ReviewCode =
  | 'REVIEW_ROUND_NOT_FOUND'
  | 'REVIEW_ROUND_EXISTS'
  | 'REVIEW_CALL_NOT_READY'
  | 'REVIEW_STAGE_REFUSED'
  | 'REVIEW_SETTINGS_INVALID'
  | 'REVIEW_DRAW_NOT_FOUND'
  | 'REVIEW_DRAW_MODE'
  | 'REVIEW_DRAW_EXISTS'
  | 'REVIEW_DRAW_STATE'
  | 'REVIEW_DRAW_SOURCES_INVALID'
  | 'REVIEW_DRAW_NOT_WITNESSED'
  | 'REVIEW_DRAW_ALREADY_WITNESSED'
  | 'REVIEW_DRAW_TOO_EARLY'
  | 'REVIEW_DRAW_INPUTS_CHANGED'
  | 'REVIEW_DRAW_INFEASIBLE'
  | 'REVIEW_NO_CANDIDATES'
  | 'REVIEW_FUNDING_PLAN_INPUT'
  | 'REVIEW_FUNDING_PLAN_MISSING'
  | 'REVIEW_FUNDING_PLAN_STALE'
  | 'REVIEW_FUNDING_PLAN_OVERRIDE_REFUSED'
  | 'REVIEW_NOTICE_NOT_CLEARED'
  | 'EXPERT_NOT_FOUND'
  | 'EXPERT_INVALID'
  | 'EXPERT_ID_NUMBER_TAKEN'
  | 'EXPERT_STATUS_REFUSED'
  | 'EXPERT_SHEET_INVALID'
  | 'EXPERT_FILE_REQUIRED'
  | 'EXPERT_FILE_TOO_LARGE'
  | 'EXPERT_LOGIN_EXISTS'
  | 'EXPERT_PROFILE_MISSING'
  | 'EXPERT_RATING_CLOSED'
  | 'EXPERT_RATING_EXISTS'
  | 'EXPERT_RATING_SLOT_NOT_FOUND'
  | 'REVIEW_RUBRIC_MISSING'
  | 'REVIEW_RUBRIC_LOCKED'
  | 'REVIEW_ASSIGNMENT_NOT_FOUND'
  | 'REVIEW_DECLARATION_REQUIRED'
  | 'REVIEW_ALREADY_OPENED'
  | 'REVIEW_NO_REPLACEMENT'
  | 'REVIEW_SHEET_INVALID'
  | 'REVIEW_SHEET_SUBMITTED'
  | 'REVIEW_SCORING_CLOSED'
  | 'REVIEW_SCORING_INCOMPLETE'
  | 'REVIEW_PANEL_REFUSED'
  | 'REVIEW_ATTACHMENT_NOT_FOUND'
  | 'REVIEW_APPLICATION_NOT_IN_ROUND'
  | 'REVIEW_INSPECTION_INVALID'
  | 'REVIEW_INSPECTION_NOT_SELECTED'
  | 'REVIEW_INSPECTION_INCOMPLETE'
  | 'REVIEW_PHOTO_REQUIRED'
  | 'REVIEW_PHOTO_TOO_LARGE'
  | 'REVIEW_PHOTO_TYPE_REFUSED'
  | 'REVIEW_PHOTO_LIMIT'
  | 'REVIEW_PHOTO_NOT_FOUND'
  | 'REVIEW_MEETING_INVALID'
  | 'REVIEW_MEETING_AGENDA_EMPTY'
  | 'REVIEW_MEETING_NOT_RECORDED'
  | 'REVIEW_MEETING_SIGNED'
  | 'REVIEW_NOTICE_NOT_FOUND'
  | 'REVIEW_NOTICE_PUBLISHED'
  | 'REVIEW_NOTICE_EMPTY'
  | 'REVIEW_NOTICE_START_PASSED'
  | 'REVIEW_OBJECTION_CLOSED'
  | 'REVIEW_OBJECTION_INVALID'
  | 'REVIEW_OBJECTION_SEAL_INVALID'
  | 'REVIEW_OBJECTION_SEAL_TOO_LARGE'
  | 'REVIEW_OBJECTION_NOT_FOUND'
  | 'REVIEW_OBJECTION_RESOLVED'
  | 'REVIEW_CALENDAR_INVALID'
  | 'REVIEW_MODE_MISMATCH'
  | 'REVIEW_ASSIGNMENT_INFEASIBLE'
  | 'REVIEW_ASSIGNMENT_EXISTS'
  | 'REVIEW_ASSIGNMENT_CHANGED';

export const reviewProblems = {
  REVIEW_ROUND_NOT_FOUND: { status: 404, title: '评审轮次不存在' },
  REVIEW_ROUND_EXISTS: { status: 409, title: '该申报指南已建立评审轮次' },
  REVIEW_CALL_NOT_READY: { status: 409, title: '该申报指南尚不能进入评审' },
  REVIEW_STAGE_REFUSED: { status: 409, title: '评审阶段不允许此操作' },
  REVIEW_SETTINGS_INVALID: { status: 422, title: '评审设置填写有误' },
  REVIEW_DRAW_NOT_FOUND: { status: 404, title: '随机抽取记录不存在' },
  REVIEW_DRAW_MODE: { status: 409, title: '该评审轮次不采用随机抽取' },
  REVIEW_DRAW_EXISTS: { status: 409, title: '该评审轮次已有随机抽取承诺或结果' },
  REVIEW_DRAW_STATE: { status: 409, title: '随机抽取当前状态不允许此操作' },
  REVIEW_DRAW_SOURCES_INVALID: { status: 422, title: '随机来源填写有误' },
  REVIEW_DRAW_NOT_WITNESSED: { status: 409, title: '纪检监督尚未录入输入值' },
  REVIEW_DRAW_ALREADY_WITNESSED: { status: 409, title: '纪检监督已录入输入值，不能更改' },
  REVIEW_DRAW_TOO_EARLY: { status: 409, title: '预告的随机来源尚未公布' },
  REVIEW_DRAW_INPUTS_CHANGED: { status: 409, title: '承诺后抽取输入已变化' },
  REVIEW_DRAW_INFEASIBLE: { status: 409, title: '无法完成随机抽取' },
  REVIEW_NO_CANDIDATES: { status: 409, title: '没有可列入资金方案的项目' },
  REVIEW_FUNDING_PLAN_INPUT: { status: 422, title: '资金方案的输入有误' },
  REVIEW_FUNDING_PLAN_MISSING: { status: 409, title: '尚未生成资金方案' },
  REVIEW_FUNDING_PLAN_STALE: { status: 409, title: '资金方案已有更新的版本' },
  REVIEW_FUNDING_PLAN_OVERRIDE_REFUSED: { status: 409, title: '资金方案调整不被允许' },
  REVIEW_NOTICE_NOT_CLEARED: { status: 409, title: '公示尚未满足立项条件' },
  EXPERT_NOT_FOUND: { status: 404, title: '专家不存在' },
  EXPERT_INVALID: { status: 422, title: '专家信息填写有误' },
  EXPERT_ID_NUMBER_TAKEN: { status: 409, title: '该身份证号码已在专家库中' },
  EXPERT_STATUS_REFUSED: { status: 409, title: '专家当前状态不允许此操作' },
  EXPERT_SHEET_INVALID: { status: 422, title: '专家导入表格与模板不符' },
  EXPERT_FILE_REQUIRED: { status: 400, title: '请上传 .xlsx 文件' },
  EXPERT_FILE_TOO_LARGE: { status: 413, title: '文件过大' },
  EXPERT_LOGIN_EXISTS: { status: 409, title: '该专家已有登录账号' },
  EXPERT_PROFILE_MISSING: { status: 404, title: '您的账号尚未关联专家信息，请联系经办人' },
  EXPERT_RATING_CLOSED: { status: 409, title: '评审打分结束后方可评价专家' },
  EXPERT_RATING_EXISTS: { status: 409, title: '已评价过，不能重复评价' },
  EXPERT_RATING_SLOT_NOT_FOUND: { status: 404, title: '评价对象不存在' },
  REVIEW_RUBRIC_MISSING: { status: 409, title: '尚未设置评分细则' },
  REVIEW_RUBRIC_LOCKED: { status: 409, title: '已有专家提交评分，评分细则不能再修改' },
  // Deliberately says nothing of whose assignment it is: an expert asking for another's gets this, blinded.
  REVIEW_ASSIGNMENT_NOT_FOUND: { status: 404, title: '评审任务不存在' },
  REVIEW_DECLARATION_REQUIRED: { status: 409, title: '请先声明是否需要回避' },
  REVIEW_ALREADY_OPENED: { status: 409, title: '已打开申报书，不能再申请回避' },
  REVIEW_NO_REPLACEMENT: { status: 409, title: '没有可替补的专家' },
  REVIEW_SHEET_INVALID: { status: 422, title: '评分表填写有误' },
  REVIEW_SHEET_SUBMITTED: { status: 409, title: '评分表已提交，不能修改' },
  REVIEW_SCORING_CLOSED: { status: 409, title: '评分已截止' },
  REVIEW_SCORING_INCOMPLETE: { status: 409, title: '尚有评分表未提交' },
  REVIEW_PANEL_REFUSED: { status: 409, title: '会评不允许此操作' },
  REVIEW_ATTACHMENT_NOT_FOUND: { status: 404, title: '附件不存在' },
  REVIEW_APPLICATION_NOT_IN_ROUND: { status: 404, title: '该申报书不在本评审轮次中' },
  REVIEW_INSPECTION_INVALID: { status: 422, title: '实地核查填写有误' },
  REVIEW_INSPECTION_NOT_SELECTED: { status: 409, title: '该申报书不在实地核查范围内' },
  REVIEW_INSPECTION_INCOMPLETE: { status: 409, title: '尚有申报书未完成实地核查' },
  REVIEW_PHOTO_REQUIRED: { status: 400, title: '请选择要上传的照片' },
  REVIEW_PHOTO_TOO_LARGE: { status: 413, title: '照片过大' },
  REVIEW_PHOTO_TYPE_REFUSED: { status: 415, title: '照片格式不受理' },
  REVIEW_PHOTO_LIMIT: { status: 409, title: '照片数量已达上限' },
  REVIEW_PHOTO_NOT_FOUND: { status: 404, title: '照片不存在' },
  REVIEW_MEETING_INVALID: { status: 422, title: '会议记录填写有误' },
  REVIEW_MEETING_AGENDA_EMPTY: { status: 409, title: '会议没有待决定的项目' },
  REVIEW_MEETING_NOT_RECORDED: { status: 409, title: '会议尚未记录' },
  REVIEW_MEETING_SIGNED: { status: 409, title: '会议纪要已签发，不能再修改' },
  REVIEW_NOTICE_NOT_FOUND: { status: 404, title: '公示不存在' },
  REVIEW_NOTICE_PUBLISHED: { status: 409, title: '公示已发布，不能再修改名单' },
  REVIEW_NOTICE_EMPTY: { status: 409, title: '没有可公示的项目' },
  REVIEW_NOTICE_START_PASSED: { status: 422, title: '公示开始日期已过' },
  REVIEW_OBJECTION_CLOSED: { status: 409, title: '不在公示期内，不受理异议' },
  REVIEW_OBJECTION_INVALID: { status: 422, title: '异议填写有误' },
  REVIEW_OBJECTION_SEAL_INVALID: { status: 422, title: '盖章文件不符合要求' },
  REVIEW_OBJECTION_SEAL_TOO_LARGE: { status: 413, title: '盖章文件过大' },
  REVIEW_OBJECTION_NOT_FOUND: { status: 404, title: '异议不存在' },
  REVIEW_OBJECTION_RESOLVED: { status: 409, title: '该异议已处理' },
  REVIEW_CALENDAR_INVALID: { status: 422, title: '节假日日历填写有误' },
  REVIEW_MODE_MISMATCH: { status: 409, title: '分配方式不符' },
  REVIEW_ASSIGNMENT_INFEASIBLE: { status: 422, title: '无法完成专家分配' },
  REVIEW_ASSIGNMENT_EXISTS: { status: 409, title: '本轮已有专家分配' },
  REVIEW_ASSIGNMENT_CHANGED: { status: 409, title: '分配结果已变化，请重新预览' },
} satisfies ProblemCatalogue<ReviewCode>;

export const reviewProblem = problems(reviewProblems);
