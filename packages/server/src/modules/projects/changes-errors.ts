/** Error codes of project changes (项目变更). */
import { problems, type ProblemCatalogue } from '../../http/problem.js';

type ChangeCode = 'CHANGE_NOT_FOUND' | 'CHANGE_REFUSED' | 'CHANGE_PENDING' | 'CHANGE_NOT_PENDING' | 'CHANGE_NOT_APPROVER' | 'CHANGE_OWN_REQUEST' | 'CHANGE_NOT_REQUESTER' | 'CHANGE_NO_TASK_BOOK';

export const changeProblems = {
  CHANGE_NOT_FOUND: { status: 404, title: '变更申请不存在' },
  CHANGE_REFUSED: { status: 422, title: '变更申请不符合规定' },
  CHANGE_PENDING: { status: 409, title: '已有同类变更申请待审批' },
  CHANGE_NOT_PENDING: { status: 409, title: '变更申请已办结' },
  CHANGE_NOT_APPROVER: { status: 403, title: '无权审批此变更' },
  CHANGE_OWN_REQUEST: { status: 403, title: '不能审批本人提出的变更' },
  CHANGE_NOT_REQUESTER: { status: 403, title: '只有承担单位可以提出或撤回变更' },
  CHANGE_NO_TASK_BOOK: { status: 409, title: '任务书尚未签订生效' },
} satisfies ProblemCatalogue<ChangeCode>;

export const changeProblem = problems(changeProblems);
