/** Response schemas of approved projects (立项项目): `GET /api/projects` is an API contract outside tools rely on. */
import { z } from 'zod';
import { pageOf } from '../common/responses.js';

export const PROJECT_STATES = ['approved'] as const;
export type ProjectState = (typeof PROJECT_STATES)[number];
export const PROJECT_STATE_LABELS: Record<ProjectState, string> = { approved: '已立项' };

export const projectResponse = z.object({
  id: z.uuid(),
  projectNo: z.string(),
  title: z.string(),
  state: z.enum(PROJECT_STATES),
  programmeCode: z.string(),
  budgetYear: z.number().int(),
  organisation: z.object({ id: z.uuid(), name: z.string() }),
  category: z.object({ code: z.string(), name: z.string() }),
  fieldCode: z.string().nullable(),
  approvedAmountYuan: z.number().int(),
  /** The application it came from. */
  application: z.object({ id: z.uuid(), applicationNo: z.string() }),
  callId: z.uuid(),
  roundId: z.uuid(),
  approvedAt: z.string(),
});
export type ProjectView = z.infer<typeof projectResponse>;
export const projectPageResponse = pageOf(projectResponse);

export const PROJECT_SORTS = ['projectNo', '-projectNo', 'approvedAmountYuan', '-approvedAmountYuan', 'approvedAt', '-approvedAt'] as const;
