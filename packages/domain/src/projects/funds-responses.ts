/** Request and response shapes of a project's money (拨付, 阶段检查, 收回) and the programme-year ledger by project. */
import { z } from 'zod';
import { dayOut, instantOut } from '../common/responses.js';
import { PROJECT_STATES } from './lifecycle.js';
import { INSTALMENT_CONDITIONS, INSTALMENT_STATUSES, MAX_INSTALMENTS, STAGE_CHECK_RESULTS } from './disbursement.js';
import { RECONCILIATION_FIGURES } from './programme-ledger.js';

const day = (label: string) => z.string({ error: `请填写${label}` }).regex(/^\d{4}-\d{2}-\d{2}$/, `${label}格式须为 YYYY-MM-DD`);

export const scheduleEditRequest = z.object({
  instalments: z.array(z.object({
    amountYuan: z.number({ error: '请填写金额（元）' }).int('金额须为整数元').positive('金额须大于0').max(1e12, '金额过大'),
    condition: z.enum(INSTALMENT_CONDITIONS, { error: '请选择拨付条件' }),
    note: z.string({ error: '说明须为文字' }).trim().max(200, '说明不超过200字').default(''),
  }), { error: '请填写拨付计划' }).min(1, '拨付计划至少要有一期').max(MAX_INSTALMENTS, `拨付计划最多${MAX_INSTALMENTS}期`),
  reason: z.string({ error: '请填写调整理由' }).trim().min(2, '请填写调整理由').max(500, '理由不超过500字'),
});
export type ScheduleEditRequest = z.infer<typeof scheduleEditRequest>;

export const disburseRequest = z.object({
  instalmentNo: z.number({ error: '请选择拨付期次' }).int('期次须为整数').min(1, '期次须从1开始').max(MAX_INSTALMENTS, '期次无效'),
  voucherNo: z.string({ error: '请填写拨付凭证号' }).trim().min(1, '请填写拨付凭证号').max(64, '凭证号不超过64字'),
  paidDate: day('拨付日期'),
  note: z.string({ error: '备注须为文字' }).trim().max(500, '备注不超过500字').default(''),
});
export type DisburseRequest = z.infer<typeof disburseRequest>;

export const stageCheckRequest = z.object({
  result: z.enum(STAGE_CHECK_RESULTS, { error: '请选择检查结论' }),
  basis: z.string({ error: '请填写检查依据' }).trim().min(2, '请填写检查依据').max(1000, '依据不超过1000字'),
  checkedDate: day('检查日期'),
});
export type StageCheckRequest = z.infer<typeof stageCheckRequest>;

export const recoveryView = z.object({
  id: z.uuid(),
  reason: z.string(),
  reasonLabel: z.string(),
  amountYuan: z.number().int(),
  dueDate: dayOut,
  status: z.string(),
  statusLabel: z.string(),
  /** Open and past its due date. */
  overdue: z.boolean(),
  basis: z.string(),
  orderedAt: instantOut,
  settledAt: instantOut.nullable(),
});
export type RecoveryView = z.infer<typeof recoveryView>;

export const disbursementViewResponse = z.object({
  projectId: z.uuid(),
  state: z.enum(PROJECT_STATES),
  fiscalYuan: z.number().int(),
  committedYuan: z.number().int(),
  disbursedYuan: z.number().int(),
  undisbursedYuan: z.number().int(),
  netPaidYuan: z.number().int(),
  minFirstPercent: z.number().int(),
  minFirstYuan: z.number().int(),
  midtermRequired: z.boolean(),
  midtermMandatoryFromYuan: z.number().int(),
  /** False while the default schedule applies (not yet stored). */
  edited: z.boolean(),
  stageChecksPassed: z.number().int(),
  scheduledYuan: z.number().int(),
  paidYuan: z.number().int(),
  /** Scheduled and not yet paid. */
  openYuan: z.number().int(),
  instalments: z.array(z.object({
    instalmentNo: z.number().int(),
    amountYuan: z.number().int(),
    condition: z.enum(INSTALMENT_CONDITIONS),
    conditionLabel: z.string(),
    note: z.string(),
    status: z.enum(INSTALMENT_STATUSES),
    statusText: z.string(),
    payment: z.object({ id: z.uuid(), voucherNo: z.string(), paidDate: dayOut, amountYuan: z.number().int(), entryId: z.uuid(), recordedBy: z.string().nullable(), recordedAt: instantOut }).nullable(),
  })),
  stageChecks: z.array(z.object({ id: z.uuid(), result: z.enum(STAGE_CHECK_RESULTS), resultLabel: z.string(), basis: z.string(), checkedDate: dayOut, recordedBy: z.string().nullable(), recordedAt: instantOut })),
  recoveries: z.array(recoveryView),
  /** The caller may pay, edit the schedule, record a stage check and settle a recovery. */
  canManage: z.boolean(),
});
export type DisbursementView = z.infer<typeof disbursementViewResponse>;

const totals = {
  committedYuan: z.number().int(),
  disbursedYuan: z.number().int(),
  releasedYuan: z.number().int(),
  repaidYuan: z.number().int(),
  undisbursedYuan: z.number().int(),
  netPaidYuan: z.number().int(),
};

export const programmeYearProjectRow = z.object({
  projectId: z.uuid(),
  projectNo: z.string(),
  title: z.string(),
  organisationName: z.string(),
  state: z.enum(PROJECT_STATES),
  ...totals,
  /** Ordered back and not yet arrived. */
  owedYuan: z.number().int(),
  overdue: z.boolean(),
});
export type ProgrammeYearProjectRow = z.infer<typeof programmeYearProjectRow>;

export const programmeYearProjectsResponse = z.object({
  programme: z.object({ code: z.string(), name: z.string() }),
  year: z.number().int(),
  items: z.array(programmeYearProjectRow),
  totals: z.object({ ...totals, owedYuan: z.number().int() }),
  /** Entries of the programme-year that name no project (budget, movements recorded by hand). */
  unassigned: z.object({ count: z.number().int(), budgetYuan: z.number().int(), ...totals }),
  reconciliation: z.object({
    holds: z.boolean(),
    summary: z.string(),
    lines: z.array(z.object({ figure: z.enum(RECONCILIATION_FIGURES), label: z.string(), projectsYuan: z.number().int(), unassignedYuan: z.number().int(), ledgerYuan: z.number().int(), differenceYuan: z.number().int() })),
  }),
});
export type ProgrammeYearProjects = z.infer<typeof programmeYearProjectsResponse>;

export const programmeYearRecoveriesResponse = z.object({
  items: z.array(recoveryView.extend({ projectId: z.uuid(), projectNo: z.string(), title: z.string(), organisationName: z.string() })),
  openYuan: z.number().int(),
  overdueCount: z.number().int(),
});
export type ProgrammeYearRecoveries = z.infer<typeof programmeYearRecoveriesResponse>;
