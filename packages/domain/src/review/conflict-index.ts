/**
 * Conflicts and candidates for a whole round at once. 2,000 applications × 3,000 experts are 6M pairs, so no
 * rule looks at every pair: the experts are indexed once by credit code, ID number, name with organisation,
 * consortium, district, field and keyword, and each application only visits the experts those keys reach.
 * A pair is a candidate when it is not conflicted and its affinity is positive (same field or a shared keyword);
 * every other pair is neither listed nor handed to the engine. Same results as `conflictReasons` and
 * `affinityOf` pair by pair (property-tested).
 */
import {
  codesOf,
  districtOf,
  keywordKey,
  nameKey,
  norm,
  reasonText,
  tidyReasons,
  withinWindow,
  type ConflictApplication,
  type ConflictExpert,
  type ConflictHistory,
  type ConflictReason,
  type ConflictSettings,
  type DeclaredConflict,
  type PastApplication,
} from './conflicts.js';

export interface RoundConflictSets {
  /** Conflicted pairs (indexes into the inputs), applications in input order, experts ascending. */
  conflicts: { app: number; expert: number; reasons: ConflictReason[] }[];
  /** Non-conflicted pairs with positive affinity, same order. */
  candidates: { app: number; expert: number; affinity: number }[];
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const l = m.get(k);
  if (l) l.push(v);
  else m.set(k, [v]);
}

export function computeRoundConflicts(apps: readonly ConflictApplication[], experts: readonly ConflictExpert[], settings: ConflictSettings, history: ConflictHistory): RoundConflictSets {
  const byCode = new Map<string, number[]>();
  const byId = new Map<string, number[]>();
  const byNameCode = new Map<string, number[]>();
  const byConsortium = new Map<string, number[]>();
  const byDistrict = new Map<string, number[]>();
  const byField = new Map<string, number[]>();
  const byKeyword = new Map<string, number[]>();
  const declaredOrg = new Map<string, { e: number; d: DeclaredConflict }[]>();
  const declaredPerson = new Map<string, { e: number; d: DeclaredConflict }[]>();
  experts.forEach((x, e) => {
    const code = norm(x.organisationCreditCode);
    if (code) push(byCode, code, e);
    const id = norm(x.idNumber);
    if (id) push(byId, id, e);
    if (code && nameKey(x.name)) push(byNameCode, `${nameKey(x.name)}\u0000${code}`, e);
    for (const c of new Set((x.consortia ?? []).map(norm).filter(Boolean))) push(byConsortium, c, e);
    if (settings.sameDistrict) {
      const d = districtOf(x.region);
      if (d) push(byDistrict, d, e);
    }
    for (const f of new Set(x.fields)) push(byField, f, e);
    for (const k of new Set(x.keywords.map(keywordKey).filter(Boolean))) push(byKeyword, k, e);
    for (const d of x.declaredConflicts) {
      if (d.kind === 'organisation' && norm(d.creditCode)) push(declaredOrg, norm(d.creditCode), { e, d });
      if (d.kind === 'person' && norm(d.idNumber)) push(declaredPerson, norm(d.idNumber), { e, d });
    }
  });

  const years = settings.coMemberYears;
  const window = withinWindow(history, years);
  const pastByOrg = new Map<string, PastApplication[]>();
  const pastByLeader = new Map<string, PastApplication[]>();
  // Earlier applications led by an expert, by (member name, one of its organisations): rule "leader was a member".
  const expertLedByMember = new Map<string, { e: number; p: PastApplication }[]>();
  for (const p of window) {
    if (norm(p.organisation.creditCode)) push(pastByOrg, norm(p.organisation.creditCode), p);
    const lid = norm(p.leaderId);
    if (!lid) continue;
    push(pastByLeader, lid, p);
    const leaders = byId.get(lid);
    if (!leaders) continue;
    const pCodes = codesOf(p.organisation, p.partners);
    for (const m of new Set(p.memberNames.map(nameKey).filter(Boolean))) for (const c of pCodes) for (const e of leaders) push(expertLedByMember, `${m}\u0000${c}`, { e, p });
  }

  const out: RoundConflictSets = { conflicts: [], candidates: [] };
  const score = new Int32Array(experts.length);
  const kwCount = new Int32Array(experts.length);
  apps.forEach((a, ai) => {
    const reasons = new Map<number, ConflictReason[]>();
    const add = (e: number, r: ConflictReason) => push(reasons, e, r);
    const appCode = norm(a.organisation.creditCode);
    const appCodes = codesOf(a.organisation, a.partners);
    if (appCode) for (const e of byCode.get(appCode) ?? []) add(e, reasonText.organisation(experts[e]!));
    for (const p of a.partners) for (const e of byCode.get(norm(p.creditCode)) ?? []) if (norm(p.creditCode)) add(e, reasonText.partner(p));
    for (const c of appCodes) for (const { e, d } of declaredOrg.get(c) ?? []) add(e, reasonText.declaredOrganisation(d));
    const personIds = [...new Set(a.personIds.map(norm).filter(Boolean))];
    for (const id of personIds) {
      for (const { e, d } of declaredPerson.get(id) ?? []) add(e, reasonText.declaredPerson(d));
      for (const e of byId.get(id) ?? []) add(e, reasonText.self());
    }
    for (const c of appCodes) {
      for (const p of pastByOrg.get(c) ?? []) {
        if (p.id === a.id || !norm(p.leaderId)) continue;
        for (const e of byId.get(norm(p.leaderId)) ?? []) add(e, reasonText.ledForApplicant(p, years));
      }
    }
    for (const id of personIds) {
      for (const p of pastByLeader.get(id) ?? []) {
        if (p.id === a.id) continue;
        const pCodes = codesOf(p.organisation, p.partners);
        for (const m of new Set(p.memberNames.map(nameKey).filter(Boolean))) for (const c of pCodes) for (const e of byNameCode.get(`${m}\u0000${c}`) ?? []) add(e, reasonText.memberOfLeader(p, experts[e]!, years));
      }
    }
    const ln = nameKey(a.leaderName);
    if (ln && appCode) for (const { e, p } of expertLedByMember.get(`${ln}\u0000${appCode}`) ?? []) if (p.id !== a.id) add(e, reasonText.leaderWasMember(p, a.leaderName!, years));
    for (const c of a.consortia ?? []) for (const e of byConsortium.get(norm(c.consortium)) ?? []) add(e, reasonText.consortium(c));
    if (settings.sameDistrict) {
      const d = districtOf(a.organisation.region);
      if (d) for (const e of byDistrict.get(d) ?? []) add(e, reasonText.sameDistrict(d));
    }

    // Affinity only where a field or a keyword reaches: 100 for the field, 10 per shared keyword up to 5.
    const touched: number[] = [];
    const touch = (e: number) => {
      if (score[e] === 0 && kwCount[e] === 0) touched.push(e);
    };
    if (a.fieldCode) for (const e of byField.get(a.fieldCode) ?? []) {
      touch(e);
      score[e] = 100;
    }
    for (const k of new Set(a.keywords.map(keywordKey).filter(Boolean))) for (const e of byKeyword.get(k) ?? []) {
      touch(e);
      kwCount[e]!++;
    }
    touched.sort((x, y) => x - y);
    for (const e of touched) {
      const affinity = score[e]! + 10 * Math.min(5, kwCount[e]!);
      score[e] = 0;
      kwCount[e] = 0;
      if (!reasons.has(e) && affinity > 0) out.candidates.push({ app: ai, expert: e, affinity });
    }
    for (const e of [...reasons.keys()].sort((x, y) => x - y)) out.conflicts.push({ app: ai, expert: e, reasons: tidyReasons(reasons.get(e)!) });
  });
  return out;
}
