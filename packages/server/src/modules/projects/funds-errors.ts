/** Error codes of a project's money: disbursement (拨付), its schedule, stage checks (阶段检查) and recoveries (收回). */
import { problems, type ProblemCatalogue } from '../../http/problem.js';

type FundsCode = 'DISBURSEMENT_REFUSED' | 'DISBURSEMENT_SCHEDULE_INVALID' | 'DISBURSEMENT_VOUCHER_TAKEN' | 'STAGE_CHECK_REFUSED' | 'RECOVERY_NOT_FOUND';

export const fundsProblems = {
  DISBURSEMENT_REFUSED: { status: 409, title: '当前不能拨付这一期' },
  DISBURSEMENT_SCHEDULE_INVALID: { status: 422, title: '拨付计划有误' },
  DISBURSEMENT_VOUCHER_TAKEN: { status: 409, title: '拨付凭证号已使用' },
  STAGE_CHECK_REFUSED: { status: 409, title: '不能记录阶段检查' },
  RECOVERY_NOT_FOUND: { status: 404, title: '收回记录不存在' },
} satisfies ProblemCatalogue<FundsCode>;

export const fundsProblem = problems(fundsProblems);
