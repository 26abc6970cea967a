/**
 * The funding calculator: the version in force on the date and the domain's computation. It is public, so it
 * never reads the budget ledger (that needs budget.read); the BL-4 check runs when the caller states what is
 * already committed, and the ledger itself refuses any commitment beyond the budget.
 */
import { computeFunding, type OverlapLevel } from '@kechuang/domain';
import type { Db } from '../../db/client.js';
import { findProgramme, presentVersion, toRuleSetVersion, versionInForce } from './service.js';

export interface QuoteRequest {
  programme: string;
  category: string;
  totalInvestment: number;
  requested: number;
  date: string;
  overlaps: { level: OverlapLevel; name: string; amount: number }[];
  committed?: number | undefined;
  durationMonths?: number | undefined;
}

export async function quoteFunding(db: Db, req: QuoteRequest) {
  const programme = await findProgramme(db, req.programme);
  const version = await versionInForce(db, programme, req.date);
  const q = computeFunding(toRuleSetVersion(programme.code, version), req.category, {
    totalInvestmentYuan: req.totalInvestment,
    requestedYuan: req.requested,
    overlaps: req.overlaps.map((o) => ({ level: o.level, name: o.name, amountYuan: o.amount })),
    ...(req.committed !== undefined ? { committedYuan: req.committed } : {}),
    ...(req.durationMonths !== undefined ? { durationMonths: req.durationMonths } : {}),
  });
  const { parameters: _p, ...versionInfo } = presentVersion(version);
  return {
    programme: { code: programme.code, name: programme.name },
    version: versionInfo,
    category: req.category,
    eligible: q.eligible,
    subsidy: q.subsidyYuan,
    selfRaised: q.selfRaisedYuan,
    applied: q.applied,
    problems: q.problems,
  };
}
