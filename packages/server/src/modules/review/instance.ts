/**
 * The assignment instance of a round, built from records: the round's applications (with their organisation,
 * partners, people and consortia), the active and available experts, every conflicted pair with its reasons
 * (回避), and the candidate pairs that remain with their affinity — the input both assignment modes (optimal
 * and draw) hand to the engine. Conflicts are computed here, once, for assignment, invitation and every draw
 * alike, through the domain's indexed rules (`computeRoundConflicts`), never pair by pair.
 */
import { and, eq } from 'drizzle-orm';
import {
  computeRoundConflicts,
  integrityBlockMessage,
  coMemberCutoff,
  norm,
  roundAssignmentSettings,
  type assignment,
  type ConflictApplication,
  type ConflictExpert,
  type ConflictHistory,
  type ConflictReason,
  type ConflictSettings,
  type DeclaredConflict,
  type PastApplication,
} from '@kechuang/domain';
import type { Tx } from '../../db/client.js';
import { applicationsByIds, submittedApplicationsSince } from '../applications/service.js';
import { callSummaries } from '../programmes/call-queries.js';
import { fieldNamesOf } from '../programmes/service.js';
import { consortiaByCreditCodes, organisationProfiles, organisationsInConsortia } from '../organisations/service.js';
import { integrityBlocks } from '../projects/integrity-check.js';
import type { RoundRow } from './rounds.js';
import { experts, reviewOutcomes } from './schema.js';

export type ExpertRow = typeof experts.$inferSelect;

export interface ReviewInstance {
  /** The engine's input: k, applications by field, experts with loads, non-conflicted candidate pairs. */
  input: assignment.AssignmentInput;
  conflicts: { applicationId: string; expertId: string; reasons: ConflictReason[] }[];
  applications: ConflictApplication[];
  experts: ExpertRow[];
  /** Application number and title of each application, by id (for lists and explanations). */
  labels: Map<string, { applicationNo: string; title: string }>;
  settings: ConflictSettings;
  /** Field (领域) names by code, from the call's programme. */
  fieldNames: Map<string, string>;
  /** Active experts left out of the pool because an integrity record (科研失信) bans them, with the record named. */
  integrityExcluded: { expertId: string; expertName: string; message: string; recordIds: string[] }[];
}

/** The round's conflict settings (round.settings.conflicts), defaults where unset. */
export function conflictSettingsOf(round: RoundRow): ConflictSettings {
  return roundAssignmentSettings(round.settings as Record<string, unknown>).conflicts;
}

interface AppContent {
  basic?: { title?: string; fieldCode?: string; keywords?: string[] };
  partners?: { creditCode?: string; name?: string }[];
  team?: { leader?: { idNumber?: string; name?: string } };
}

/** The round's applications still in review, as the conflict rules see them, with their labels. */
export async function conflictApplications(tx: Tx, roundId: string): Promise<{ apps: ConflictApplication[]; labels: ReviewInstance['labels'] }> {
  const ids = (await tx.select({ id: reviewOutcomes.applicationId }).from(reviewOutcomes).where(and(eq(reviewOutcomes.roundId, roundId), eq(reviewOutcomes.status, 'inReview')))).map((r) => r.id);
  const rows = await applicationsByIds(tx, ids);
  const orgs = new Map((await organisationProfiles(tx, [...new Set(rows.map((a) => a.organisationId))])).map((o) => [o.id, o]));
  const contents = rows.map((a) => (a.content ?? {}) as AppContent);
  // Consortia of the applicant and of every partner registered on the platform, by credit code.
  const codes = new Set<string>();
  rows.forEach((a, i) => {
    codes.add(orgs.get(a.organisationId)?.creditCode ?? '');
    for (const p of contents[i]!.partners ?? []) codes.add(p.creditCode ?? '');
  });
  const consortia = new Map((await consortiaByCreditCodes(tx, [...codes].filter(Boolean))).map((o) => [norm(o.creditCode), o]));
  const labels: ReviewInstance['labels'] = new Map();
  const apps = rows.map((a, i) => {
    const c = contents[i]!;
    const org = orgs.get(a.organisationId);
    labels.set(a.id, { applicationNo: a.applicationNo, title: c.basic?.title ?? '' });
    const members = [org?.creditCode ?? '', ...(c.partners ?? []).map((p) => p.creditCode ?? '')];
    return {
      id: a.id,
      fieldCode: c.basic?.fieldCode ?? null,
      keywords: c.basic?.keywords ?? [],
      organisation: { creditCode: org?.creditCode ?? '', name: org?.name ?? '', region: org?.region ?? '' },
      partners: (c.partners ?? []).map((p) => ({ creditCode: p.creditCode ?? '', name: p.name ?? '' })),
      personIds: c.team?.leader?.idNumber ? [c.team.leader.idNumber] : [],
      leaderName: c.team?.leader?.name ?? '',
      consortia: members.flatMap((code) => {
        const o = consortia.get(norm(code));
        return o ? o.consortia.map((x) => ({ consortium: x, organisation: o.name })) : [];
      }),
    } satisfies ConflictApplication;
  });
  return { apps, labels };
}

export function conflictExpert(e: ExpertRow, orgConsortia: ReadonlyMap<string, readonly string[]> = new Map()): ConflictExpert {
  return {
    id: e.id,
    name: e.name,
    fields: e.fields,
    keywords: e.keywords,
    organisationCreditCode: e.organisationCreditCode,
    organisationName: e.organisationName,
    region: e.region,
    idNumber: e.idNumber,
    declaredConflicts: (e.declaredConflicts ?? []) as DeclaredConflict[],
    consortia: [...e.consortia, ...(orgConsortia.get(norm(e.organisationCreditCode)) ?? [])],
  };
}

/** Applications submitted within the co-membership window before the round opened, as the rules see them. */
export async function conflictHistory(tx: Tx, round: RoundRow, settings: ConflictSettings): Promise<ConflictHistory> {
  const asOf = round.createdAt;
  const rows = await submittedApplicationsSince(tx, coMemberCutoff(asOf, settings.coMemberYears));
  const orgs = new Map((await organisationProfiles(tx, [...new Set(rows.map((r) => r.organisationId))])).map((o) => [o.id, o]));
  const applications: PastApplication[] = rows.map((r) => ({
    id: r.id,
    applicationNo: r.applicationNo,
    submittedAt: r.submittedAt.toISOString(),
    organisation: { creditCode: orgs.get(r.organisationId)?.creditCode ?? '', name: orgs.get(r.organisationId)?.name ?? '' },
    partners: r.partners,
    leaderId: r.leaderId,
    leaderName: r.leaderName,
    memberNames: r.memberNames,
  }));
  return { applications, asOf };
}

/** Builds the instance: every (application, expert) pair is either a conflict with reasons or, when it matches at all, a candidate. */
export async function buildInstance(tx: Tx, round: RoundRow): Promise<ReviewInstance> {
  const settings = conflictSettingsOf(round);
  const { apps, labels } = await conflictApplications(tx, round.id);
  const available = await tx.select().from(experts).where(and(eq(experts.status, 'active'), eq(experts.available, true))).orderBy(experts.id);
  // 科研失信: an expert under a ban in force is never a candidate, for assignment and draw alike (projects' one rule).
  const blocks = await integrityBlocks(tx, available.flatMap((e) => (e.idNumber ? [{ kind: 'expert' as const, key: e.idNumber }] : [])));
  const integrityExcluded = available.flatMap((e) => {
    const mine = blocks.filter((b) => e.idNumber && b.subjectKey.toUpperCase() === e.idNumber.toUpperCase());
    return mine.length ? [{ expertId: e.id, expertName: e.name, message: integrityBlockMessage('draw', mine), recordIds: mine.map((b) => b.id) }] : [];
  });
  const excludedIds = new Set(integrityExcluded.map((x) => x.expertId));
  const pool = available.filter((e) => !excludedIds.has(e.id));
  const orgConsortia = new Map((await organisationsInConsortia(tx)).map((o) => [norm(o.creditCode), o.consortia]));
  const history = await conflictHistory(tx, round, settings);
  const call = (await callSummaries(tx, [round.callId])).get(round.callId);
  const fieldNames = call ? await fieldNamesOf(tx, call.programmeId) : new Map<string, string>();
  const r = computeRoundConflicts(apps, pool.map((e) => conflictExpert(e, orgConsortia)), settings, history);
  return {
    input: {
      k: round.k,
      applications: apps.map((a) => ({ id: a.id, field: a.fieldCode ?? '' })),
      experts: pool.map((e) => ({ id: e.id, field: e.fields[0] ?? '', minLoad: round.minLoad, maxLoad: round.maxLoad })),
      candidates: r.candidates.map((c) => ({ application: apps[c.app]!.id, expert: pool[c.expert]!.id, affinity: c.affinity })),
    },
    conflicts: r.conflicts.map((c) => ({ applicationId: apps[c.app]!.id, expertId: pool[c.expert]!.id, reasons: c.reasons })),
    applications: apps,
    experts: pool,
    labels,
    settings,
    fieldNames,
    integrityExcluded,
  };
}
