/**
 * 回避 (conflicts of interest) and affinity, computed from records, pure. Every pair an expert may not review
 * comes back with each reason in Chinese, so an officer (and the observer) can see why a pair was excluded.
 * The candidate pairs that remain, with their affinity, are the assignment engine's input.
 */
export const CONFLICT_KINDS = ['organisation', 'partner', 'coMember', 'consortium', 'declared', 'sameDistrict'] as const;
export type ConflictKind = (typeof CONFLICT_KINDS)[number];
export const CONFLICT_KIND_LABELS: Record<ConflictKind, string> = {
  organisation: '专家所在单位为申报单位',
  partner: '专家所在单位为合作单位',
  coMember: '近年共同参与申报或项目',
  consortium: '同属一个创新联合体',
  declared: '专家申报的回避',
  sameDistrict: '同一区县（可选规则）',
};

export interface ConflictReason {
  kind: ConflictKind;
  text: string;
}

export interface ConflictApplication {
  id: string;
  fieldCode: string | null;
  keywords: readonly string[];
  organisation: { creditCode: string; name: string; region: string };
  partners: readonly { creditCode: string; name: string }[];
  /** Resident ID numbers of the people on the application (the leader at least). */
  personIds: readonly string[];
}

export interface DeclaredConflict {
  kind: 'organisation' | 'person';
  creditCode?: string;
  idNumber?: string;
  name: string;
  reason: string;
}

export interface ConflictExpert {
  id: string;
  fields: readonly string[];
  keywords: readonly string[];
  organisationCreditCode: string | null;
  organisationName: string;
  region: string;
  idNumber: string | null;
  declaredConflicts: readonly DeclaredConflict[];
}

export interface ConflictSettings {
  /** Experts in the same district (区县) as the applicant are excluded (optional rule, default off). */
  sameDistrict: boolean;
}

export const DEFAULT_CONFLICT_SETTINGS: ConflictSettings = { sameDistrict: false };

const norm = (s: string | null | undefined) => (s ?? '').trim().toUpperCase();

/** The district part of a region written 省/市/区 (浙江省宁波市北仑区 → 浙江省宁波市北仑区; a city-level region has none). */
export function districtOf(region: string): string | null {
  const m = /^(.*?[省市])?(.*?市)?(.+?[区县])/.exec(region.trim());
  return m ? m[0] : null;
}

/** Every reason the expert may not review the application; empty when none. */
export function conflictReasons(app: ConflictApplication, expert: ConflictExpert, settings: ConflictSettings = DEFAULT_CONFLICT_SETTINGS): ConflictReason[] {
  const out: ConflictReason[] = [];
  const code = norm(expert.organisationCreditCode);
  if (code && code === norm(app.organisation.creditCode)) out.push({ kind: 'organisation', text: `专家所在单位（${expert.organisationName}）为申报单位` });
  if (code) for (const p of app.partners) if (norm(p.creditCode) === code) out.push({ kind: 'partner', text: `专家所在单位为合作单位（${p.name}）` });
  for (const d of expert.declaredConflicts) {
    if (d.kind === 'organisation' && d.creditCode && (norm(d.creditCode) === norm(app.organisation.creditCode) || app.partners.some((p) => norm(p.creditCode) === norm(d.creditCode)))) {
      out.push({ kind: 'declared', text: `专家申报回避单位：${d.name}（${d.reason}）` });
    }
    if (d.kind === 'person' && d.idNumber && app.personIds.some((id) => norm(id) === norm(d.idNumber))) out.push({ kind: 'declared', text: `专家申报回避人员：${d.name}（${d.reason}）` });
  }
  if (expert.idNumber && app.personIds.some((id) => norm(id) === norm(expert.idNumber))) out.push({ kind: 'coMember', text: '专家本人为该申报书的项目组成员' });
  if (settings.sameDistrict) {
    const a = districtOf(app.organisation.region);
    if (a && a === districtOf(expert.region)) out.push({ kind: 'sameDistrict', text: `专家与申报单位同在${a}` });
  }
  return out;
}

/**
 * Affinity (integer, higher = better match): 100 for the application's field among the expert's fields,
 * plus 10 per shared keyword (case- and width-insensitive), at most 5 keywords counted.
 */
export function affinityOf(app: ConflictApplication, expert: ConflictExpert): number {
  const field = app.fieldCode && expert.fields.includes(app.fieldCode) ? 100 : 0;
  const mine = new Set(expert.keywords.map((k) => k.normalize('NFKC').trim().toLowerCase()).filter(Boolean));
  const shared = new Set(app.keywords.map((k) => k.normalize('NFKC').trim().toLowerCase()).filter((k) => mine.has(k)));
  return field + 10 * Math.min(5, shared.size);
}
