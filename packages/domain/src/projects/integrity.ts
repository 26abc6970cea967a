/**
 * Research-integrity records (科研失信): who is banned from what, until when. A record blocks a subject — a
 * person (by resident ID number), an organisation (by 统一社会信用代码) or an expert (by resident ID number) —
 * from the actions below while its ban runs. The catalogue of behaviours and the records' management live in
 * the integrity part; this file is the one rule every checker calls.
 */
export const INTEGRITY_SUBJECT_KINDS = ['person', 'organisation', 'expert'] as const;
export type IntegritySubjectKind = (typeof INTEGRITY_SUBJECT_KINDS)[number];
export const INTEGRITY_SUBJECT_LABELS: Record<IntegritySubjectKind, string> = { person: '个人', organisation: '单位', expert: '评审专家' };

export const INTEGRITY_SEVERITIES = ['general', 'serious', 'severe'] as const;
export type IntegritySeverity = (typeof INTEGRITY_SEVERITIES)[number];
export const INTEGRITY_SEVERITY_LABELS: Record<IntegritySeverity, string> = { general: '一般', serious: '较重', severe: '严重' };
/** Default ban in years by severity (a platform setting; the seeds give no period). */
export const DEFAULT_BAN_YEARS: Record<IntegritySeverity, number> = { general: 1, serious: 3, severe: 5 };

export const INTEGRITY_APPEAL_STATUSES = ['none', 'pending', 'upheld', 'overturned'] as const;
export type IntegrityAppealStatus = (typeof INTEGRITY_APPEAL_STATUSES)[number];
export const INTEGRITY_APPEAL_LABELS: Record<IntegrityAppealStatus, string> = { none: '未申诉', pending: '申诉中', upheld: '申诉驳回（维持）', overturned: '申诉成立（撤销）' };

/** The actions a record is checked at. */
export const INTEGRITY_CHECKPOINTS = ['submit', 'recommend', 'accept', 'draw', 'disburse'] as const;
export type IntegrityCheckpoint = (typeof INTEGRITY_CHECKPOINTS)[number];
export const INTEGRITY_CHECKPOINT_LABELS: Record<IntegrityCheckpoint, string> = { submit: '提交申报', recommend: '推荐', accept: '受理', draw: '抽取评审专家', disburse: '拨付' };

export interface IntegritySubject {
  kind: IntegritySubjectKind;
  /** Resident ID number (person, expert) or credit code (organisation), compared exactly (upper-cased). */
  key: string;
}

export interface IntegrityRecordFacts {
  id: string;
  subjectKind: IntegritySubjectKind;
  subjectKey: string;
  subjectName: string;
  behaviour: string;
  severity: IntegritySeverity;
  decisionNo: string;
  /** Ban runs banFrom ≤ day ≤ banUntil (YYYY-MM-DD, Asia/Shanghai). */
  banFrom: string;
  banUntil: string;
  appealStatus: IntegrityAppealStatus;
  revoked: boolean;
}

/** A person's record also bars them as an expert and vice versa: both are keyed by the same ID number. */
function sameSubject(r: IntegrityRecordFacts, s: IntegritySubject): boolean {
  const personal = (k: IntegritySubjectKind) => k === 'person' || k === 'expert';
  const kindsMatch = r.subjectKind === s.kind || (personal(r.subjectKind) && personal(s.kind));
  return kindsMatch && r.subjectKey.toUpperCase() === s.key.toUpperCase();
}

/** The records that block any of the subjects on `day`: ban in force, not revoked, not overturned on appeal. */
export function blockingRecords(records: readonly IntegrityRecordFacts[], subjects: readonly IntegritySubject[], day: string): IntegrityRecordFacts[] {
  return records.filter((r) => !r.revoked && r.appealStatus !== 'overturned' && r.banFrom <= day && day <= r.banUntil && subjects.some((s) => sameSubject(r, s)));
}

/** The Chinese sentence a refused action shows: which record blocks it. */
export function integrityBlockMessage(checkpoint: IntegrityCheckpoint, blocks: readonly IntegrityRecordFacts[]): string {
  const list = blocks.map((b) => `${INTEGRITY_SUBJECT_LABELS[b.subjectKind]}「${b.subjectName}」因「${b.behaviour}」（${INTEGRITY_SEVERITY_LABELS[b.severity]}，${b.decisionNo}）限制至 ${b.banUntil}`).join('；');
  return `存在科研失信记录，不能${INTEGRITY_CHECKPOINT_LABELS[checkpoint]}：${list}`;
}
