/**
 * Managing research-integrity records (科研失信): the behaviour catalogue, the input an officer records, the default
 * ban from the decision date, the appeal transitions and the shapes the API answers with. The blocking rule itself
 * is `blockingRecords` in integrity.ts; nothing here decides whether an action is blocked.
 */
import { z } from 'zod';
import { dayOut, instantOut, pageOf } from '../common/responses.js';
import { addDays } from '../monitoring/dates.js';
import { isCalendarDate } from '../programmes/rule-set.js';
import { validateCreditCode } from '../organisations/credit-code.js';
import { maskResidentId, validateResidentId } from '../applications/resident-id.js';
import { addMonths } from './dates.js';
import {
  DEFAULT_BAN_YEARS,
  INTEGRITY_APPEAL_LABELS,
  INTEGRITY_APPEAL_STATUSES,
  INTEGRITY_SEVERITIES,
  INTEGRITY_SUBJECT_KINDS,
  type IntegrityAppealStatus,
  type IntegritySeverity,
  type IntegritySubject,
  type IntegritySubjectKind,
} from './integrity.js';

/**
 * The behaviour catalogue (失信行为目录). A platform setting: the seeds name no behaviours, so this list follows the
 * common headings of research-integrity rules and can be changed by the bureau; every record keeps the name it was
 * recorded under, so a later change of the list never rewrites an old record.
 */
export const INTEGRITY_BEHAVIOUR_GROUPS = [
  {
    group: '科研成果',
    behaviours: [
      { code: 'plagiarism', name: '抄袭剽窃他人科研成果' },
      { code: 'fabrication', name: '伪造篡改研究数据或结论' },
      { code: 'authorship', name: '不当署名或侵占他人成果' },
    ],
  },
  {
    group: '项目申报',
    behaviours: [
      { code: 'falseMaterials', name: '申报材料弄虚作假' },
      { code: 'ghostwriting', name: '买卖、代写申报材料' },
      { code: 'duplicateFunding', name: '重复申报、多头申报骗取资助' },
      { code: 'lobbying', name: '请托、游说、干扰评审' },
    ],
  },
  {
    group: '项目实施与经费',
    behaviours: [
      { code: 'misappropriation', name: '虚报、冒领、挪用、截留项目经费' },
      { code: 'falseReport', name: '提供虚假进展或验收材料' },
      { code: 'abandonment', name: '无正当理由不履行任务书约定' },
    ],
  },
  {
    group: '评审与咨询',
    behaviours: [
      { code: 'expertMisconduct', name: '评审专家违规（未回避、泄露评审信息、收受财物）' },
      { code: 'intermediaryFraud', name: '中介服务机构出具虚假报告' },
    ],
  },
  { group: '其他', behaviours: [{ code: 'other', name: '其他严重违背科研诚信要求的行为' }] },
] as const;

export type IntegrityBehaviourCode = (typeof INTEGRITY_BEHAVIOUR_GROUPS)[number]['behaviours'][number]['code'];
export const INTEGRITY_BEHAVIOURS: { code: IntegrityBehaviourCode; name: string; group: string }[] = INTEGRITY_BEHAVIOUR_GROUPS.flatMap((g) => g.behaviours.map((b) => ({ code: b.code, name: b.name, group: g.group })));
export const INTEGRITY_BEHAVIOUR_CODES = INTEGRITY_BEHAVIOURS.map((b) => b.code) as [IntegrityBehaviourCode, ...IntegrityBehaviourCode[]];
export const integrityBehaviourName = (code: string): string | null => INTEGRITY_BEHAVIOURS.find((b) => b.code === code)?.name ?? null;

/** The label of the catalogue on screen: where it comes from. */
export const INTEGRITY_CATALOGUE_NOTE = '失信行为目录与各严重程度的默认限制期（一般1年、较重3年、严重5年）为平台设置，种子文件未规定，可由科技局调整。';

/** The ban in force by default: from the decision date for the severity's years, the last day included. */
export function defaultBanUntil(decisionDate: string, severity: IntegritySeverity): string {
  return addDays(addMonths(decisionDate, 12 * DEFAULT_BAN_YEARS[severity]), -1);
}

/** Checks a subject's key by its kind: a resident ID (check digit) for people and experts, a credit code for organisations. */
export function validateSubjectKey(kind: IntegritySubjectKind, key: string, today = new Date()): { ok: true; key: string } | { ok: false; message: string } {
  if (kind === 'organisation') {
    const r = validateCreditCode(key);
    return r.ok ? { ok: true, key: r.code } : { ok: false, message: r.message };
  }
  const r = validateResidentId(key, today);
  return r.ok ? { ok: true, key: r.id } : { ok: false, message: r.message };
}

/** How a subject's key is shown: a person's ID number masked for everyone; a credit code is public. */
export function shownSubjectKey(kind: IntegritySubjectKind, key: string): string {
  return kind === 'organisation' ? key : maskResidentId(key);
}

const text = (label: string, max: number, min = 1) => z.string({ error: `请填写${label}` }).trim().min(min, `请填写${label}`).max(max, `${label}不超过${max}字`);
const day = (label: string) => z.string({ error: `请填写${label}` }).refine(isCalendarDate, `${label}须为有效日期（YYYY-MM-DD）`);

/** What an officer records (create and edit). The ban runs from the decision date; a ban other than the default needs a reason. */
export const integrityRecordInput = z
  .object({
    subjectKind: z.enum(INTEGRITY_SUBJECT_KINDS, { error: '请选择失信主体类型' }),
    subjectName: text('主体名称', 100),
    subjectKey: z.string({ error: '请填写身份证号码或统一社会信用代码' }).trim().min(1, '请填写身份证号码或统一社会信用代码').max(30, '证件号码不超过30位'),
    behaviourCode: z.enum(INTEGRITY_BEHAVIOUR_CODES, { error: '请从目录中选择失信行为' }),
    severity: z.enum(INTEGRITY_SEVERITIES, { error: '请选择严重程度' }),
    measure: text('处理措施', 500),
    decisionNo: text('处理决定文号', 100),
    decisionDate: day('决定日期'),
    /** Absent: the default for the severity. */
    banUntil: day('限制截止日期').nullish(),
    banOverrideReason: z.string().trim().max(500, '调整理由不超过500字').nullish(),
    note: z.string().trim().max(1000, '备注不超过1000字').optional(),
  })
  .superRefine((v, ctx) => {
    const key = validateSubjectKey(v.subjectKind, v.subjectKey);
    if (!key.ok) ctx.addIssue({ code: 'custom', path: ['subjectKey'], message: key.message });
    if (v.banUntil && isCalendarDate(v.decisionDate)) {
      if (v.banUntil < v.decisionDate) ctx.addIssue({ code: 'custom', path: ['banUntil'], message: '限制截止日期不能早于决定日期' });
      else if (v.banUntil !== defaultBanUntil(v.decisionDate, v.severity) && !v.banOverrideReason?.trim()) {
        ctx.addIssue({ code: 'custom', path: ['banOverrideReason'], message: '限制期与默认值不同，请说明理由' });
      }
    }
  });
export type IntegrityRecordInput = z.infer<typeof integrityRecordInput>;

/** The record's fields as stored: key normalised (upper case), ban computed or overridden with its reason. */
export function integrityRecordValues(input: IntegrityRecordInput) {
  const key = validateSubjectKey(input.subjectKind, input.subjectKey);
  const fallback = defaultBanUntil(input.decisionDate, input.severity);
  const banUntil = input.banUntil ?? fallback;
  return {
    subjectKind: input.subjectKind,
    subjectName: input.subjectName,
    subjectKey: key.ok ? key.key : input.subjectKey.trim().toUpperCase(),
    behaviourCode: input.behaviourCode,
    behaviour: integrityBehaviourName(input.behaviourCode)!,
    severity: input.severity,
    measure: input.measure,
    decisionNo: input.decisionNo,
    decisionDate: input.decisionDate,
    banFrom: input.decisionDate,
    banUntil,
    banOverrideReason: banUntil === fallback ? null : (input.banOverrideReason?.trim() ?? null),
    note: input.note ?? '',
  };
}

/** Appeals (申诉): filed, then upheld (the record stands) or overturned (it no longer blocks). A revoked record takes no action. */
export const INTEGRITY_APPEAL_ACTIONS = ['file', 'uphold', 'overturn'] as const;
export type IntegrityAppealAction = (typeof INTEGRITY_APPEAL_ACTIONS)[number];
export const INTEGRITY_APPEAL_ACTION_LABELS: Record<IntegrityAppealAction, string> = { file: '登记申诉', uphold: '驳回申诉（维持）', overturn: '申诉成立（撤销处理）' };
const APPEAL_TABLE: Record<IntegrityAppealAction, { from: IntegrityAppealStatus; to: IntegrityAppealStatus }> = {
  file: { from: 'none', to: 'pending' },
  uphold: { from: 'pending', to: 'upheld' },
  overturn: { from: 'pending', to: 'overturned' },
};

export function integrityAppealTransition(status: IntegrityAppealStatus, revoked: boolean, action: IntegrityAppealAction): { ok: true; to: IntegrityAppealStatus } | { ok: false; message: string } {
  if (revoked) return { ok: false, message: '该记录已撤销，不能再办理申诉。' };
  const t = APPEAL_TABLE[action];
  if (t.from !== status) return { ok: false, message: `当前申诉状态为「${INTEGRITY_APPEAL_LABELS[status]}」，不能${INTEGRITY_APPEAL_ACTION_LABELS[action]}。` };
  return { ok: true, to: t.to };
}

/** Where a record stands on `day`: only `inForce` blocks (the rule: blockingRecords). */
export const INTEGRITY_RECORD_STATUSES = ['inForce', 'notStarted', 'expired', 'overturned', 'revoked'] as const;
export type IntegrityRecordStatus = (typeof INTEGRITY_RECORD_STATUSES)[number];
export const INTEGRITY_RECORD_STATUS_LABELS: Record<IntegrityRecordStatus, string> = { inForce: '限制中', notStarted: '尚未开始', expired: '已到期', overturned: '申诉成立', revoked: '已撤销' };

export function integrityRecordStatus(r: { revoked: boolean; appealStatus: IntegrityAppealStatus; banFrom: string; banUntil: string }, day: string): IntegrityRecordStatus {
  if (r.revoked) return 'revoked';
  if (r.appealStatus === 'overturned') return 'overturned';
  if (day < r.banFrom) return 'notStarted';
  if (day > r.banUntil) return 'expired';
  return 'inForce';
}

/** The subjects an application is checked by: the applying organisation, its leader, and every partner. */
export function applicationIntegritySubjects(content: { team?: { leader?: { idNumber?: string | undefined } | undefined } | undefined; partners?: ({ creditCode?: string | undefined } | undefined)[] | undefined }, organisationCreditCode: string): IntegritySubject[] {
  const subjects: IntegritySubject[] = [];
  if (organisationCreditCode) subjects.push({ kind: 'organisation', key: organisationCreditCode.trim().toUpperCase() });
  const leader = content.team?.leader?.idNumber?.trim();
  if (leader) subjects.push({ kind: 'person', key: leader.toUpperCase() });
  for (const p of content.partners ?? []) if (p?.creditCode?.trim()) subjects.push({ kind: 'organisation', key: p.creditCode.trim().toUpperCase() });
  return subjects;
}

export const INTEGRITY_RECORD_ACTIONS = ['edit', 'file', 'uphold', 'overturn', 'revoke', 'upload'] as const;
export type IntegrityRecordAction = (typeof INTEGRITY_RECORD_ACTIONS)[number];

export const integrityRecordResponse = z.object({
  id: z.uuid(),
  subjectKind: z.enum(INTEGRITY_SUBJECT_KINDS),
  subjectName: z.string(),
  /** ID numbers masked for everyone; credit codes in full. */
  subjectKeyShown: z.string(),
  behaviourCode: z.string().nullable(),
  behaviour: z.string(),
  severity: z.enum(INTEGRITY_SEVERITIES),
  measure: z.string(),
  decisionNo: z.string(),
  decisionDate: dayOut,
  banFrom: dayOut,
  banUntil: dayOut,
  /** The default for the severity, shown beside an overridden ban. */
  defaultBanUntil: dayOut,
  banOverrideReason: z.string().nullable(),
  appealStatus: z.enum(INTEGRITY_APPEAL_STATUSES),
  appealNote: z.string(),
  revoked: z.boolean(),
  revokedAt: instantOut.nullable(),
  revokeReason: z.string().nullable(),
  status: z.enum(INTEGRITY_RECORD_STATUSES),
  document: z.object({ fileName: z.string(), size: z.number().int(), sha256: z.string(), uploadedAt: instantOut }).nullable(),
  note: z.string(),
  createdAt: instantOut,
  updatedAt: instantOut,
  actions: z.array(z.enum(INTEGRITY_RECORD_ACTIONS)),
});
export type IntegrityRecordView = z.infer<typeof integrityRecordResponse>;
export const integrityRecordPageResponse = pageOf(integrityRecordResponse);

export const INTEGRITY_SORTS = ['-decisionDate', 'decisionDate', '-banUntil', 'banUntil', '-createdAt', 'createdAt'] as const;

export const integrityCatalogueResponse = z.object({
  groups: z.array(z.object({ group: z.string(), behaviours: z.array(z.object({ code: z.string(), name: z.string() })) })),
  defaultBanYears: z.object({ general: z.number().int(), serious: z.number().int(), severe: z.number().int() }),
  note: z.string(),
});
