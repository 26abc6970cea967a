/** Error codes of the review context (评审与立项). Each part adds its codes here. */
import { problems, type ProblemCatalogue } from '../../http/problem.js';

type ReviewCode =
  | 'REVIEW_ROUND_NOT_FOUND'
  | 'REVIEW_ROUND_EXISTS'
  | 'REVIEW_CALL_NOT_READY'
  | 'REVIEW_STAGE_REFUSED'
  | 'REVIEW_SETTINGS_INVALID'
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
  | 'REVIEW_MEETING_SIGNED';

export const reviewProblems = {
  REVIEW_ROUND_NOT_FOUND: { status: 404, title: '评审轮次不存在' },
  REVIEW_ROUND_EXISTS: { status: 409, title: '该申报指南已建立评审轮次' },
  REVIEW_CALL_NOT_READY: { status: 409, title: '该申报指南尚不能进入评审' },
  REVIEW_STAGE_REFUSED: { status: 409, title: '评审阶段不允许此操作' },
  REVIEW_SETTINGS_INVALID: { status: 422, title: '评审设置填写有误' },
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
} satisfies ProblemCatalogue<ReviewCode>;

export const reviewProblem = problems(reviewProblems);
