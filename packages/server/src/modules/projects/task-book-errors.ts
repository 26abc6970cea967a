/** Error codes of the task book (任务书): editing, freezing, signing and its PDF. */
import { problems, type ProblemCatalogue } from '../../http/problem.js';

type TaskBookCode =
  | 'TASK_BOOK_NOT_FOUND'
  | 'TASK_BOOK_NOT_SIGNED'
  | 'TASK_BOOK_NOT_DRAFT'
  | 'TASK_BOOK_STALE'
  | 'TASK_BOOK_CHECK_FAILED'
  | 'TASK_BOOK_SIGNING_OPEN'
  | 'TASK_BOOK_NOT_SIGNING'
  | 'TASK_BOOK_HASH_MISMATCH'
  | 'TASK_BOOK_PARTY_REFUSED'
  | 'TASK_BOOK_PARTY_NOT_REQUIRED'
  | 'TASK_BOOK_ALREADY_SIGNED'
  | 'TASK_BOOK_SIGNER_REQUIRED';

export const taskBookProblems = {
  TASK_BOOK_NOT_FOUND: { status: 404, title: '任务书版本不存在' },
  TASK_BOOK_NOT_SIGNED: { status: 404, title: '尚无已签订生效的任务书' },
  TASK_BOOK_NOT_DRAFT: { status: 409, title: '只有草拟中的任务书可以修改或提交签署' },
  TASK_BOOK_STALE: { status: 409, title: '任务书草稿已被他人修改，请刷新后重试' },
  TASK_BOOK_CHECK_FAILED: { status: 409, title: '任务书未通过核对，不能提交签署' },
  TASK_BOOK_SIGNING_OPEN: { status: 409, title: '已有任务书版本正在签署中' },
  TASK_BOOK_NOT_SIGNING: { status: 409, title: '该任务书版本不在签署中' },
  TASK_BOOK_HASH_MISMATCH: { status: 409, title: '签署的内容与任务书不一致' },
  TASK_BOOK_PARTY_REFUSED: { status: 403, title: '您不能代表该方签署' },
  TASK_BOOK_PARTY_NOT_REQUIRED: { status: 409, title: '该任务书没有这一签署方' },
  TASK_BOOK_ALREADY_SIGNED: { status: 409, title: '该方已签署' },
  TASK_BOOK_SIGNER_REQUIRED: { status: 400, title: '请填写主管部门签署人姓名' },
} satisfies ProblemCatalogue<TaskBookCode>;

export const taskBookProblem = problems(taskBookProblems);
