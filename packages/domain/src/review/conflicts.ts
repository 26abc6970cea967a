/**
 * 回避 (conflicts of interest) and affinity, computed from records, pure. Every pair an expert may not review
 * comes back with each reason in Chinese, so an officer (and the observer) can see why a pair was excluded.
 * The candidate pairs that remain, with their affinity, are the assignment engine's input.
 *
 * This file is the rule book, pair by pair (`conflictReasons`); `conflict-index.ts` computes the same reasons for
 * every pair of a round at once through maps, and a property test holds the two equal.
 *
 * Co-membership (共同参与) is judged on applications only: the platform has no project team records yet. Leaders
 * carry a resident ID, team members only a name, so IDs are matched exactly, and a member is matched by name
 * only together with an organisation (the member's name equals the person's name AND the person's organisation
 * is the lead or a partner of that application): a bare name match (张伟 …) would exclude many innocent experts,
 * and a name with its organisation is what an officer checking by hand would accept as the same person.
 */
export const CONFLICT_KINDS = ['organisation', 'partner', 'coMember', 'consortium', 'declared', 'sameDistrict'] as const;
export type ConflictKind = (typeof CONFLICT_KINDS)[number];
export const CONFLICT_KIND_LABELS: Record<ConflictKind, string> = {
  organisation: '专家所在单位为申报单位',
  partner: '专家所在单位为合作单位',
  coMember: '近年共同参与申报',
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
  /** Resident ID numbers of the people on the application (the leader; members carry no ID). */
  personIds: readonly string[];
  /** The leader's name, matched (with the organisation) against earlier applications' team members. */
  leaderName?: string;
  /** Innovation consortia (创新联合体) the applicant or a registered partner belongs to, and which one. */
  consortia?: readonly { consortium: string; organisation: string }[];
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
  name?: string;
  fields: readonly string[];
  keywords: readonly string[];
  organisationCreditCode: string | null;
  organisationName: string;
  region: string;
  idNumber: string | null;
  declaredConflicts: readonly DeclaredConflict[];
  /** Consortia of the expert: their own list and their organisation's (by credit code). */
  consortia?: readonly string[];
}

/** An application submitted earlier (any call), as the co-membership rule sees it. */
export interface PastApplication {
  id: string;
  applicationNo: string;
  /** ISO instant of submission. */
  submittedAt: string;
  organisation: { creditCode: string; name: string };
  partners: readonly { creditCode: string; name: string }[];
  leaderId: string | null;
  leaderName: string;
  memberNames: readonly string[];
}

export interface ConflictSettings {
  /** Experts in the same district (区县) as the applicant are excluded (optional rule, default off). */
  sameDistrict: boolean;
  /** Co-membership counts within this many years before the round opened (default 3). */
  coMemberYears: number;
}

export const DEFAULT_CONFLICT_SETTINGS: ConflictSettings = { sameDistrict: false, coMemberYears: 3 };

/** Earlier applications and the instant the co-membership window ends (the round's opening). */
export interface ConflictHistory {
  applications: readonly PastApplication[];
  asOf: Date;
}

export const EMPTY_HISTORY: ConflictHistory = { applications: [], asOf: new Date(0) };

export const norm = (s: string | null | undefined): string => (s ?? '').trim().toUpperCase();
/** Names compared width- and space-insensitively (全角/半角, stray spaces from Excel). */
export const nameKey = (s: string | null | undefined): string => (s ?? '').normalize('NFKC').replace(/\s+/g, '');
export const keywordKey = (s: string): string => s.normalize('NFKC').trim().toLowerCase();

/** The first instant of the co-membership window: `asOf` minus N calendar years. */
export function coMemberCutoff(asOf: Date, years: number): Date {
  const d = new Date(asOf.getTime());
  d.setUTCFullYear(d.getUTCFullYear() - years);
  return d;
}

/** Earlier applications inside the window (submitted at or after the cutoff, not after asOf). */
export function withinWindow(history: ConflictHistory, years: number): PastApplication[] {
  const from = coMemberCutoff(history.asOf, years).getTime();
  const to = history.asOf.getTime();
  return history.applications.filter((p) => {
    const t = Date.parse(p.submittedAt);
    return t >= from && t <= to;
  });
}

/** The district part of a region written 省/市/区 (浙江省宁波市北仑区 → 浙江省宁波市北仑区; a city-level region has none). */
export function districtOf(region: string): string | null {
  const m = /^(.*?[省市])?(.*?市)?(.+?[区县])/.exec(region.trim());
  return m ? m[0] : null;
}

// One formatter for every reason: constructing an Intl.DateTimeFormat costs far more than formatting with one.
const YEAR = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric' });
const yearOf = (iso: string) => YEAR.format(new Date(iso));

/** Credit codes of an application's lead and partners (normalised, non-empty, distinct). */
export function codesOf(org: { creditCode: string }, partners: readonly { creditCode: string }[]): string[] {
  return [...new Set([org.creditCode, ...partners.map((p) => p.creditCode)].map(norm).filter(Boolean))];
}

// Reason texts: one function each, shared by the pairwise rules and the index so both say exactly the same.
export const reasonText = {
  organisation: (e: ConflictExpert): ConflictReason => ({ kind: 'organisation', text: `专家所在单位（${e.organisationName}）为申报单位` }),
  partner: (p: { name: string }): ConflictReason => ({ kind: 'partner', text: `专家所在单位为合作单位（${p.name}）` }),
  declaredOrganisation: (d: DeclaredConflict): ConflictReason => ({ kind: 'declared', text: `专家申报回避单位：${d.name}（${d.reason}）` }),
  declaredPerson: (d: DeclaredConflict): ConflictReason => ({ kind: 'declared', text: `专家申报回避人员：${d.name}（${d.reason}）` }),
  self: (): ConflictReason => ({ kind: 'coMember', text: '专家本人为该申报书的项目负责人' }),
  ledForApplicant: (p: PastApplication, years: number): ConflictReason => ({
    kind: 'coMember',
    text: `专家曾任申报书 ${p.applicationNo} 的项目负责人（${p.organisation.name}，${yearOf(p.submittedAt)}年提交，近 ${years} 年内），该单位为本申报书的申报或合作单位`,
  }),
  memberOfLeader: (p: PastApplication, e: ConflictExpert, years: number): ConflictReason => ({
    kind: 'coMember',
    text: `本申报书负责人曾主持申报书 ${p.applicationNo}（${yearOf(p.submittedAt)}年，近 ${years} 年内），其团队成员中有与专家同名（${e.name ?? ''}）且同单位（${e.organisationName}）者`,
  }),
  leaderWasMember: (p: PastApplication, leaderName: string, years: number): ConflictReason => ({
    kind: 'coMember',
    text: `专家曾主持申报书 ${p.applicationNo}（${yearOf(p.submittedAt)}年，近 ${years} 年内），本申报书负责人（${leaderName}）与其团队成员同名且同单位`,
  }),
  consortium: (c: { consortium: string; organisation: string }): ConflictReason => ({ kind: 'consortium', text: `专家（或其所在单位）与${c.organisation}同属创新联合体「${c.consortium}」` }),
  sameDistrict: (d: string): ConflictReason => ({ kind: 'sameDistrict', text: `专家与申报单位同在${d}` }),
};

const KIND_ORDER = new Map(CONFLICT_KINDS.map((k, i) => [k, i] as const));
/** Reasons in a fixed order (kind, then text), duplicates dropped: the pairwise rules and the index agree on it. */
export function tidyReasons(rs: readonly ConflictReason[]): ConflictReason[] {
  const seen = new Set<string>();
  const out: ConflictReason[] = [];
  for (const r of rs) {
    const key = `${r.kind}\u0000${r.text}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push(r);
    }
  }
  return out.sort((a, b) => KIND_ORDER.get(a.kind)! - KIND_ORDER.get(b.kind)! || (a.text < b.text ? -1 : a.text > b.text ? 1 : 0));
}

/** Every reason the expert may not review the application; empty when none. The rule book, pair by pair. */
export function conflictReasons(app: ConflictApplication, expert: ConflictExpert, settings: ConflictSettings = DEFAULT_CONFLICT_SETTINGS, history: ConflictHistory = EMPTY_HISTORY): ConflictReason[] {
  const out: ConflictReason[] = [];
  const code = norm(expert.organisationCreditCode);
  const appCodes = codesOf(app.organisation, app.partners);
  if (code && code === norm(app.organisation.creditCode)) out.push(reasonText.organisation(expert));
  if (code) for (const p of app.partners) if (norm(p.creditCode) === code) out.push(reasonText.partner(p));
  for (const d of expert.declaredConflicts) {
    if (d.kind === 'organisation' && norm(d.creditCode) && appCodes.includes(norm(d.creditCode))) out.push(reasonText.declaredOrganisation(d));
    if (d.kind === 'person' && norm(d.idNumber) && app.personIds.some((id) => norm(id) === norm(d.idNumber))) out.push(reasonText.declaredPerson(d));
  }
  const eid = norm(expert.idNumber);
  if (eid && app.personIds.some((id) => norm(id) === eid)) out.push(reasonText.self());
  const years = settings.coMemberYears;
  for (const p of withinWindow(history, years)) {
    if (p.id === app.id) continue;
    const pCodes = codesOf(p.organisation, p.partners);
    // The expert led an application of the applicant or a partner.
    if (eid && norm(p.leaderId) === eid && appCodes.includes(norm(p.organisation.creditCode))) out.push(reasonText.ledForApplicant(p, years));
    // The application's leader led one on which the expert (same name, same organisation) was a member.
    if (p.leaderId && app.personIds.some((id) => norm(id) === norm(p.leaderId)) && code && pCodes.includes(code) && p.memberNames.some((m) => nameKey(m) && nameKey(m) === nameKey(expert.name))) {
      out.push(reasonText.memberOfLeader(p, expert, years));
    }
    // The expert led one on which the application's leader (same name, the applicant's organisation) was a member.
    const ln = nameKey(app.leaderName);
    if (eid && norm(p.leaderId) === eid && ln && pCodes.includes(norm(app.organisation.creditCode)) && p.memberNames.some((m) => nameKey(m) === ln)) {
      out.push(reasonText.leaderWasMember(p, app.leaderName!, years));
    }
  }
  const mine = new Set((expert.consortia ?? []).map(norm).filter(Boolean));
  for (const c of app.consortia ?? []) if (mine.has(norm(c.consortium))) out.push(reasonText.consortium(c));
  if (settings.sameDistrict) {
    const a = districtOf(app.organisation.region);
    if (a && a === districtOf(expert.region)) out.push(reasonText.sameDistrict(a));
  }
  return tidyReasons(out);
}

/**
 * Affinity (integer, higher = better match): 100 for the application's field among the expert's fields,
 * plus 10 per shared keyword (case- and width-insensitive), at most 5 keywords counted.
 */
export function affinityOf(app: ConflictApplication, expert: ConflictExpert): number {
  const field = app.fieldCode && expert.fields.includes(app.fieldCode) ? 100 : 0;
  const mine = new Set(expert.keywords.map(keywordKey).filter(Boolean));
  const shared = new Set(app.keywords.map(keywordKey).filter((k) => mine.has(k)));
  return field + 10 * Math.min(5, shared.size);
}
