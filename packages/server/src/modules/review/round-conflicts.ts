/**
 * The round's 回避 list for officers and the observer: every conflicted pair with the expert's name, the
 * application and each reason in Chinese, and per application the candidates left after 回避 and whether k of
 * them exist at all (necessary for any assignment; loads decide the rest).
 */
import type { RoundConflicts } from '@kechuang/domain';
import type { Tx } from '../../db/client.js';
import { buildInstance, type ReviewInstance } from './instance.js';
import { findRound } from './rounds.js';

export function presentConflicts(inst: ReviewInstance): RoundConflicts {
  const names = new Map(inst.experts.map((e) => [e.id, e]));
  const label = (id: string) => inst.labels.get(id) ?? { applicationNo: '', title: '' };
  const candidates = new Map<string, number>();
  for (const c of inst.input.candidates) candidates.set(c.application, (candidates.get(c.application) ?? 0) + 1);
  const conflicts = new Map<string, number>();
  for (const c of inst.conflicts) conflicts.set(c.applicationId, (conflicts.get(c.applicationId) ?? 0) + 1);
  return {
    k: inst.input.k,
    experts: inst.experts.length,
    conflictPairs: inst.conflicts.length,
    candidatePairs: inst.input.candidates.length,
    pairs: inst.conflicts.map((c) => ({
      applicationId: c.applicationId,
      ...label(c.applicationId),
      expertId: c.expertId,
      expertName: names.get(c.expertId)?.name ?? '',
      expertOrganisation: names.get(c.expertId)?.organisationName ?? '',
      reasons: c.reasons,
    })),
    applications: inst.applications.map((a) => ({
      applicationId: a.id,
      ...label(a.id),
      fieldCode: a.fieldCode,
      fieldName: a.fieldCode ? (inst.fieldNames.get(a.fieldCode) ?? a.fieldCode) : '',
      conflicts: conflicts.get(a.id) ?? 0,
      candidates: candidates.get(a.id) ?? 0,
      canGetK: (candidates.get(a.id) ?? 0) >= inst.input.k,
    })),
    integrityExcluded: inst.integrityExcluded.map(({ expertId, expertName, message }) => ({ expertId, expertName, message })),
  };
}

export async function roundConflicts(db: Tx, roundId: string): Promise<RoundConflicts> {
  return presentConflicts(await buildInstance(db, await findRound(db, roundId)));
}
