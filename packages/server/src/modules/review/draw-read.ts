/**
 * Reading draws: the public record (commitment always; inputs, record and pairs under pseudonyms once scoring has
 * closed, i.e. the round has reached 实地核查), the officer's and observer's view, and the sealed half — salts and
 * real ids — that only the observer and the auditor may open (review.unseal, audited).
 */
import { count, desc, eq, inArray } from 'drizzle-orm';
import {
  PUBLIC_DRAW_FORMAT,
  reviewStageIndex,
  type assignment,
  type DrawCommitment,
  type DrawPseudonyms,
  type DrawUnseal,
  type PseudonymSeal,
  type PublicDrawRecord,
  type PublicDrawSummary,
  type ReviewDraw,
  type ReviewStage,
} from '@kechuang/domain';
import type { Db, Tx } from '../../db/client.js';
import { recordAudit, type Actor } from '../audit/record.js';
import { applicationsByIds } from '../applications/service.js';
import { findDraw, type DrawRow } from './draws.js';
import { reviewProblem } from './errors.js';
import { experts, reviewAssignments, reviewDraws, reviewRounds } from './schema.js';

/** Scoring has closed once the round reached 实地核查 (BL-8 order); from then on the record is public. */
export function isPublished(row: DrawRow, stage: ReviewStage): boolean {
  return row.status === 'drawn' && reviewStageIndex(stage) >= reviewStageIndex('inspection');
}

export function publicRecordOf(row: DrawRow, published: boolean): PublicDrawRecord {
  const drawn = row.status === 'drawn';
  return {
    format: PUBLIC_DRAW_FORMAT,
    id: row.id,
    status: row.status as PublicDrawRecord['status'],
    published,
    commitment: row.commitment as DrawCommitment,
    commitmentHash: row.commitmentHash ?? '',
    // Before publication only the commitment and that the observer has acted are public, not the values.
    observer: published && row.observerInput !== null && row.witnessedAt ? { input: row.observerInput, witnessedAt: row.witnessedAt.toISOString() } : null,
    sourceValues: published ? (row.sourceValues as string[]) : null,
    seed: published ? row.seed : null,
    drawnAt: drawn && row.drawnAt ? row.drawnAt.toISOString() : null,
    cancelledAt: row.cancelledAt?.toISOString() ?? null,
    cancelReason: row.cancelReason,
    inputs: published ? (row.publicInputs as assignment.AssignmentInput as PublicDrawRecord['inputs']) : null,
    record: published ? (row.publicRecord as PublicDrawRecord['record']) : null,
    pairs: published ? (row.publicPairs as PublicDrawRecord['pairs']) : null,
    pseudonyms: published ? (row.pseudonyms as DrawPseudonyms) : null,
  };
}

async function stagesOf(db: Tx, roundIds: string[]): Promise<Map<string, ReviewStage>> {
  if (roundIds.length === 0) return new Map();
  const rows = await db.select({ id: reviewRounds.id, stage: reviewRounds.stage }).from(reviewRounds).where(inArray(reviewRounds.id, [...new Set(roundIds)]));
  return new Map(rows.map((r) => [r.id, r.stage as ReviewStage]));
}

export async function listPublicDraws(db: Db): Promise<{ items: PublicDrawSummary[] }> {
  const rows = await db.select().from(reviewDraws).orderBy(desc(reviewDraws.createdAt));
  const stages = await stagesOf(db, rows.map((r) => r.roundId));
  return {
    items: rows
      .filter((r) => r.commitment !== null)
      .map((r) => {
        const c = r.commitment as DrawCommitment;
        return {
          id: r.id,
          callTitle: c.callTitle,
          status: r.status as PublicDrawSummary['status'],
          published: isPublished(r, stages.get(r.roundId) ?? 'assigning'),
          committedAt: c.committedAt,
          drawnAt: r.status === 'drawn' ? (r.drawnAt?.toISOString() ?? null) : null,
          commitmentHash: r.commitmentHash ?? '',
          applications: c.applications,
          experts: c.experts,
          sources: c.sources,
          demo: c.note !== undefined,
        };
      }),
  };
}

export async function readPublicDraw(db: Db, id: string): Promise<PublicDrawRecord> {
  const row = await findDraw(db, id);
  // Only a draw made through a published commitment has a public record.
  if (row.commitment === null) throw reviewProblem('REVIEW_DRAW_NOT_FOUND');
  const stage = (await stagesOf(db, [row.roundId])).get(row.roundId) ?? 'assigning';
  return publicRecordOf(row, isPublished(row, stage));
}

/** The officer's and observer's view: the complete record under pseudonyms at every stage, and the workflow state. */
async function present(db: Tx, all: DrawRow[], now = new Date()): Promise<ReviewDraw[]> {
  const rows = all.filter((r) => r.commitment !== null);
  const counts = rows.length
    ? await db.select({ drawId: reviewAssignments.drawId, n: count() }).from(reviewAssignments).where(inArray(reviewAssignments.drawId, rows.map((r) => r.id))).groupBy(reviewAssignments.drawId)
    : [];
  const byDraw = new Map(counts.map((c) => [c.drawId, c.n]));
  return rows.map((r) => {
    const c = r.commitment as DrawCommitment;
    const full = publicRecordOf(r, r.status === 'drawn');
    // Officers and observers see the observer's input state before the draw too.
    if (r.status !== 'drawn' && r.observerInput !== null && r.witnessedAt) full.observer = { input: r.observerInput, witnessedAt: r.witnessedAt.toISOString() };
    return {
      id: r.id,
      roundId: r.roundId,
      callTitle: c.callTitle,
      status: r.status as ReviewDraw['status'],
      sourcesDue: c.sources.every((s) => Date.parse(s.publicAt) <= now.getTime()),
      witnessed: r.observerInput !== null,
      assignments: byDraw.get(r.id) ?? 0,
      objective: (r.record as assignment.DrawRecord | null)?.objective ?? null,
      record: full,
    };
  });
}

export async function roundDraws(db: Db, roundId: string): Promise<{ items: ReviewDraw[] }> {
  const rows = await db.select().from(reviewDraws).where(eq(reviewDraws.roundId, roundId)).orderBy(desc(reviewDraws.createdAt));
  return { items: await present(db, rows) };
}

/** Every draw, newest first: the observer's worklist (those waiting for the observer's input come first in the web). */
export async function allDraws(db: Db): Promise<{ items: ReviewDraw[] }> {
  const rows = await db.select().from(reviewDraws).orderBy(desc(reviewDraws.createdAt));
  return { items: await present(db, rows) };
}

export async function readDraw(db: Tx, id: string): Promise<ReviewDraw> {
  const [draw] = await present(db, [await findDraw(db, id)]);
  if (!draw) throw reviewProblem('REVIEW_DRAW_NOT_FOUND');
  return draw;
}

/** Salts and real ids, with a label (application number; expert name) so the observer can open any commitment. Audited. */
export async function unsealDraw(db: Db, actor: Actor, id: string): Promise<DrawUnseal> {
  return db.transaction(async (tx) => {
    const row = await findDraw(tx, id);
    const seals = row.seals as { applications: PseudonymSeal[]; experts: PseudonymSeal[] };
    const pseudonyms = row.pseudonyms as DrawPseudonyms;
    const commitmentOf = (list: DrawPseudonyms['applications']) => new Map(list.map((p) => [p.pseudonym, p.commitment]));
    const appCommit = commitmentOf(pseudonyms.applications);
    const expCommit = commitmentOf(pseudonyms.experts);
    const apps = new Map((await applicationsByIds(tx, seals.applications.map((s) => s.id))).map((a) => [a.id, a.applicationNo]));
    const names = seals.experts.length ? new Map((await tx.select({ id: experts.id, name: experts.name }).from(experts).where(inArray(experts.id, seals.experts.map((s) => s.id)))).map((e) => [e.id, e.name])) : new Map<string, string>();
    await recordAudit(tx, actor, { action: 'review.draw.unseal', entityType: 'reviewDraw', entityId: id, detail: { roundId: row.roundId } });
    return {
      drawId: id,
      applications: seals.applications.map((s) => ({ ...s, commitment: appCommit.get(s.pseudonym) ?? '', label: apps.get(s.id) ?? '' })),
      experts: seals.experts.map((s) => ({ ...s, commitment: expCommit.get(s.pseudonym) ?? '', label: names.get(s.id) ?? '' })),
    };
  });
}
