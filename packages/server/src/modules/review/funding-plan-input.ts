/**
 * The funding plan's input built from records: the round's outcomes still in review with a score (inspection
 * passed or not required), each with the amount the programme's rules give it — the application's own live
 * check (checkApplication: BL-5, BL-6, BL-7 就高 with its higher-level overlaps, under the rule set in force at
 * its submission, BL-1) — and the budget the programme-year's ledger still has available (BL-4).
 */
import { and, eq, inArray, isNotNull, isNull, or } from 'drizzle-orm';
import { checkApplication, shanghaiDate, type ApplicationContent, type fundingPlan, type RuleSetVersion } from '@kechuang/domain';
import type { Tx } from '../../db/client.js';
import { loadCallContext, type CallContext } from '../applications/call-context.js';
import { applicationsByIds, type ApplicationSummary } from '../applications/service.js';
import { organisationNames } from '../organisations/service.js';
import { callSummaries } from '../programmes/call-queries.js';
import { readLedger } from '../programmes/budget.js';
import type { RoundRow } from './rounds.js';
import { reviewOutcomes } from './schema.js';

/** What the officer sees beside each candidate, kept with the input so a stored plan reads the same later. */
export interface CandidateMeta {
  applicationId: string;
  title: string;
  organisationName: string;
  categoryName: string;
  amountBasis: string[];
}

export interface PlanSettings {
  objective: fundingPlan.FundingObjective;
  /** Per-category caps of this plan (the rule set caps each project, BL-6/YJ-1; a plan may also cap a category). */
  categoryCaps: { code: string; budgetCapYuan?: number | null | undefined; countCap?: number | null | undefined }[];
}

export interface StoredPlanInput {
  engine: fundingPlan.FundingPlanInput;
  meta: Record<string, CandidateMeta>;
  settings: PlanSettings;
  programmeCode: string;
  year: number;
}

/** The call context (rule set in force) of each application at its submission, loaded once per date. */
export async function ruleSetsAtSubmission(tx: Tx, apps: readonly ApplicationSummary[]): Promise<Map<string, CallContext>> {
  const byDate = new Map<string, CallContext>();
  const out = new Map<string, CallContext>();
  for (const a of apps) {
    const at = a.submittedAt ?? new Date();
    const key = `${a.callId}:${shanghaiDate(at)}`;
    if (!byDate.has(key)) byDate.set(key, await loadCallContext(tx, a.callId, at));
    out.set(a.id, byDate.get(key)!);
  }
  return out;
}

export function categoryNameOf(ruleSet: RuleSetVersion, code: string): string {
  return ruleSet.parameters.categories.find((c) => c.code === code)?.name ?? code;
}

export async function buildPlanInput(tx: Tx, round: RoundRow, settings: PlanSettings): Promise<StoredPlanInput> {
  const outcomes = await tx.select().from(reviewOutcomes).where(and(
    eq(reviewOutcomes.roundId, round.id),
    eq(reviewOutcomes.status, 'inReview'),
    isNotNull(reviewOutcomes.scoreCenti),
    or(isNull(reviewOutcomes.inspection), eq(reviewOutcomes.inspection, 'passed')),
  ));
  const { candidates, meta, categoryNames, programmeCode } = await candidatesOfOutcomes(tx, round, outcomes);
  const ledger = await readLedger(tx, programmeCode, round.budgetYear);
  const codes = [...new Set([...categoryNames.keys(), ...settings.categoryCaps.map((c) => c.code)])].sort();
  const categories = codes.map((code) => {
    const cap = settings.categoryCaps.find((c) => c.code === code);
    return { code, name: categoryNames.get(code) ?? code, budgetCapYuan: cap?.budgetCapYuan ?? null, countCap: cap?.countCap ?? null };
  });
  return {
    engine: { candidates, budgetYuan: Math.max(0, ledger.availableYuan), categories, scoreScale: 100, objective: settings.objective },
    meta,
    settings,
    programmeCode,
    year: round.budgetYear,
  };
}

/** The engine's candidates for the given scored outcomes: each application's own live check gives its amount. */
export async function candidatesOfOutcomes(tx: Tx, round: RoundRow, outcomes: readonly (typeof reviewOutcomes.$inferSelect)[]): Promise<{ candidates: fundingPlan.FundingCandidate[]; meta: Record<string, CandidateMeta>; categoryNames: Map<string, string>; programmeCode: string }> {
  const apps = await applicationsByIds(tx, outcomes.map((o) => o.applicationId));
  const contexts = await ruleSetsAtSubmission(tx, apps);
  const names = new Map((await organisationNames(tx, [...new Set(apps.map((a) => a.organisationId))])).map((o) => [o.id, o.name]));
  const scores = new Map(outcomes.map((o) => [o.applicationId, o.scoreCenti!]));
  const programmeCode = (await callSummaries(tx, [round.callId])).get(round.callId)?.programmeCode ?? '';

  const candidates: fundingPlan.FundingCandidate[] = [];
  const meta: Record<string, CandidateMeta> = {};
  const categoryNames = new Map<string, string>();
  for (const a of apps) {
    const ctx = contexts.get(a.id)!;
    const content = (a.content ?? {}) as ApplicationContent;
    const submittedAt = a.submittedAt ?? new Date();
    // The same computation the applicant saw beside the budget table (BL-5/BL-6 caps, BL-7 就高 with overlaps).
    const check = checkApplication(content, ctx.checkCall, ctx.ruleSet, submittedAt);
    const overlaps = (content.budget?.overlaps ?? []).map((o) => o.amountYuan ?? 0);
    const higher = overlaps.length ? Math.max(...overlaps) : undefined;
    candidates.push({
      applicationNo: a.applicationNo,
      score: scores.get(a.id)!,
      requestedYuan: check.budget.fiscalYuan,
      computedYuan: check.funding?.subsidyYuan ?? 0,
      category: a.categoryCode,
      submittedAt: submittedAt.toISOString(),
      ...(higher !== undefined ? { higherLevelYuan: higher } : {}),
    });
    const categoryName = categoryNameOf(ctx.ruleSet, a.categoryCode);
    categoryNames.set(a.categoryCode, categoryName);
    meta[a.applicationNo] = {
      applicationId: a.id,
      title: content.basic?.title ?? '',
      organisationName: names.get(a.organisationId) ?? '',
      categoryName,
      amountBasis: [...(check.funding?.applied ?? []).map((r) => r.text), ...(check.funding?.problems ?? []).map((p) => `${p.rule} ${p.message}`)],
    };
  }
  return { candidates, meta, categoryNames, programmeCode };
}

/** The outcomes of the given applications (confirm and approval update them). */
export async function outcomesOf(tx: Tx, roundId: string, applicationIds: readonly string[]) {
  if (applicationIds.length === 0) return [];
  return tx.select().from(reviewOutcomes).where(and(eq(reviewOutcomes.roundId, roundId), inArray(reviewOutcomes.applicationId, [...applicationIds])));
}
