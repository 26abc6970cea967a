/** Error codes of the organisations context. */
import { problems, type ProblemCatalogue } from '../../http/problem.js';

type OrganisationCode = 'ORGANISATION_NOT_FOUND' | 'INVITATION_NOT_FOUND' | 'INVITATION_EXPIRED' | 'INVITATION_USED' | 'INVITATION_REVOKED';

export const organisationProblems = {
  ORGANISATION_NOT_FOUND: { status: 404, title: '单位不存在' },
  INVITATION_NOT_FOUND: { status: 404, title: '邀请链接无效' },
  INVITATION_EXPIRED: { status: 410, title: '邀请链接已过期' },
  INVITATION_USED: { status: 410, title: '邀请链接已被使用' },
  INVITATION_REVOKED: { status: 410, title: '邀请已被撤销' },
} satisfies ProblemCatalogue<OrganisationCode>;

export const organisationProblem = problems(organisationProblems);
