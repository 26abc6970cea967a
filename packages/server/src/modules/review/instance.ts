/**
 * The assignment instance of a round, built from records: the round's applications (with their organisation,
 * partners and people), the active and available experts, every conflicted pair with its reasons (回避), and the
 * candidate pairs that remain with their affinity — the input both assignment modes (optimal and draw) hand to
 * the engine. Conflicts are computed here, once, for assignment, invitation and every draw alike.
 */
import { and, eq } from 'drizzle-orm';
import {
  affinityOf,
  conflictReasons,
  DEFAULT_CONFLICT_SETTINGS,
  type assignment,
  type ConflictApplication,
  type ConflictExpert,
  type ConflictReason,
  type ConflictSettings,
  type DeclaredConflict,
} from '@kechuang/domain';
import type { Tx } from '../../db/client.js';
import { applicationsByIds } from '../applications/service.js';
import { organisationProfiles } from '../organisations/service.js';
import type { RoundRow } from './rounds.js';
import { experts, reviewOutcomes } from './schema.js';

export type ExpertRow = typeof experts.$inferSelect;

export interface ReviewInstance {
  /** The engine's input: k, applications by field, experts with loads, non-conflicted candidate pairs. */
  input: assignment.AssignmentInput;
  conflicts: { applicationId: string; expertId: string; reasons: ConflictReason[] }[];
  applications: ConflictApplication[];
  experts: ExpertRow[];
}

/** The round's conflict settings (round.settings.conflicts), defaults where unset. */
export function conflictSettingsOf(round: RoundRow): ConflictSettings {
  const s = ((round.settings ?? {}) as { conflicts?: Partial<ConflictSettings> }).conflicts ?? {};
  return { ...DEFAULT_CONFLICT_SETTINGS, ...s };
}

/** The round's applications still in review, as the conflict rules see them. */
export async function conflictApplications(tx: Tx, roundId: string): Promise<ConflictApplication[]> {
  const ids = (await tx.select({ id: reviewOutcomes.applicationId }).from(reviewOutcomes).where(and(eq(reviewOutcomes.roundId, roundId), eq(reviewOutcomes.status, 'inReview')))).map((r) => r.id);
  const apps = await applicationsByIds(tx, ids);
  const orgs = new Map((await organisationProfiles(tx, [...new Set(apps.map((a) => a.organisationId))])).map((o) => [o.id, o]));
  return apps.map((a) => {
    const c = (a.content ?? {}) as { basic?: { fieldCode?: string; keywords?: string[] }; partners?: { creditCode?: string; name?: string }[]; team?: { leader?: { idNumber?: string } } };
    const org = orgs.get(a.organisationId);
    return {
      id: a.id,
      fieldCode: c.basic?.fieldCode ?? null,
      keywords: c.basic?.keywords ?? [],
      organisation: { creditCode: org?.creditCode ?? '', name: org?.name ?? '', region: org?.region ?? '' },
      partners: (c.partners ?? []).map((p) => ({ creditCode: p.creditCode ?? '', name: p.name ?? '' })),
      personIds: c.team?.leader?.idNumber ? [c.team.leader.idNumber] : [],
    };
  });
}

export function conflictExpert(e: ExpertRow): ConflictExpert {
  return {
    id: e.id,
    fields: e.fields,
    keywords: e.keywords,
    organisationCreditCode: e.organisationCreditCode,
    organisationName: e.organisationName,
    region: e.region,
    idNumber: e.idNumber,
    declaredConflicts: (e.declaredConflicts ?? []) as DeclaredConflict[],
  };
}

/** Builds the instance: every (application, expert) pair is either a conflict with reasons or, when it matches at all, a candidate. */
export async function buildInstance(tx: Tx, round: RoundRow): Promise<ReviewInstance> {
  const settings = conflictSettingsOf(round);
  const apps = await conflictApplications(tx, round.id);
  const pool = await tx.select().from(experts).where(and(eq(experts.status, 'active'), eq(experts.available, true))).orderBy(experts.id);
  const conflicts: ReviewInstance['conflicts'] = [];
  const candidates: assignment.CandidateInput[] = [];
  const pe = pool.map(conflictExpert);
  for (const a of apps) {
    for (const e of pe) {
      const reasons = conflictReasons(a, e, settings);
      if (reasons.length) {
        conflicts.push({ applicationId: a.id, expertId: e.id, reasons });
        continue;
      }
      const affinity = affinityOf(a, e);
      if (affinity > 0) candidates.push({ application: a.id, expert: e.id, affinity });
    }
  }
  return {
    input: {
      k: round.k,
      applications: apps.map((a) => ({ id: a.id, field: a.fieldCode ?? '' })),
      experts: pool.map((e) => ({ id: e.id, field: e.fields[0] ?? '', minLoad: round.minLoad, maxLoad: round.maxLoad })),
      candidates,
    },
    conflicts,
    applications: apps,
    experts: pool,
  };
}
