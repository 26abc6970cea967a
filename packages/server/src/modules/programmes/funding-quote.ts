/** The funding calculator: the version in force on the date, the ledger's commitments, and the domain's computation. */
import { computeFunding, shanghaiDate, type OverlapLevel } from '@kechuang/domain';
import type { Db } from '../../db/client.js';
import { committedNet } from './budget.js';
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
  const year = Number(shanghaiDate(new Date(/^\d{4}-\d{2}-\d{2}$/.test(req.date) ? `${req.date}T00:00:00+08:00` : req.date)).slice(0, 4));
  const committedYuan = req.committed ?? (await committedNet(db, programme.id, year));
  const q = computeFunding(toRuleSetVersion(programme.code, version), req.category, {
    totalInvestmentYuan: req.totalInvestment,
    requestedYuan: req.requested,
    overlaps: req.overlaps.map((o) => ({ level: o.level, name: o.name, amountYuan: o.amount })),
    committedYuan,
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
