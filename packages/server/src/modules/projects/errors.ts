/** Error codes of approved projects (立项项目). */
import { problems, type ProblemCatalogue } from '../../http/problem.js';

type ProjectCode = 'PROJECT_BUDGET_EXCEEDED' | 'PROJECT_NOTHING_TO_APPROVE';

export const projectProblems = {
  PROJECT_BUDGET_EXCEEDED: { status: 409, title: '立项金额超出年度可用预算' },
  PROJECT_NOTHING_TO_APPROVE: { status: 409, title: '没有可立项的项目' },
} satisfies ProblemCatalogue<ProjectCode>;

export const projectProblem = problems(projectProblems);
