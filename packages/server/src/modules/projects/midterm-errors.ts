/** Error codes of mid-term checks, termination/revocation and reallocation (BL-10, YZ-7). */
import { problems, type ProblemCatalogue } from '../../http/problem.js';

type MidtermCode = 'MIDTERM_NO_OPEN_CHECK' | 'MIDTERM_NOT_RECTIFYING' | 'REALLOCATION_STALE' | 'REALLOCATION_INPUT';

export const midtermProblems = {
  MIDTERM_NO_OPEN_CHECK: { status: 409, title: '没有进行中的中期检查' },
  MIDTERM_NOT_RECTIFYING: { status: 409, title: '没有限期整改中的中期检查' },
  REALLOCATION_STALE: { status: 409, title: '重新分配方案已变化，请刷新后再确认' },
  REALLOCATION_INPUT: { status: 409, title: '重新分配的候选项目数据不完整' },
} satisfies ProblemCatalogue<MidtermCode>;

export const midtermProblem = problems(midtermProblems);
