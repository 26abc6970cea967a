/**
 * Review to approval (评审与立项): the expert pool (专家库), a call's review round with its stage (BL-8), the
 * expert assignments of every application, and one outcome row per application in the round that each step
 * fills in (score and rank, inspection, planned and decided amounts, final status). Each part's own tables
 * live beside these; these four are the shared spine every part reads.
 */
import { sql } from 'drizzle-orm';
import { bigint, boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from '../accounts/schema.js';
import { applications } from '../applications/schema.js';
import { calls } from '../programmes/schema.js';

/** An expert (评审专家). `userId` links the account the expert signs in with (null until one is created). */
export const experts = pgTable('experts', {
  id: uuid('id').primaryKey(),
  userId: uuid('user_id').references(() => users.id),
  name: text('name').notNull(),
  /** Resident ID number (身份证号): matched against application and project team members for 回避. */
  idNumber: text('id_number'),
  title: text('title').notNull().default(''),
  organisationName: text('organisation_name').notNull().default(''),
  organisationCreditCode: text('organisation_credit_code'),
  region: text('region').notNull().default(''),
  /** Field codes (学科/领域) from the programme taxonomy. */
  fields: text('fields').array().notNull().default(sql`'{}'::text[]`),
  keywords: text('keywords').array().notNull().default(sql`'{}'::text[]`),
  /** Innovation consortia (创新联合体) the expert belongs to, by name or code. */
  consortia: text('consortia').array().notNull().default(sql`'{}'::text[]`),
  /** Conflicts the expert declared: [{ kind: 'organisation' | 'person', creditCode?, idNumber?, name, reason }]. */
  declaredConflicts: jsonb('declared_conflicts').notNull().default(sql`'[]'::jsonb`),
  /** pending (imported or self-registered, not yet checked) | active | suspended. */
  status: text('status').notNull().default('pending'),
  /** The reason given with the last status change (a suspension's is required). */
  statusReason: text('status_reason'),
  available: boolean('available').notNull().default(true),
  phone: text('phone').notNull().default(''),
  email: text('email').notNull().default(''),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [uniqueIndex('experts_user_idx').on(t.userId), uniqueIndex('experts_id_number_idx').on(t.idNumber), index('experts_status_idx').on(t.status)]);

/** One review round per call: the stage it has reached (BL-8) and the assignment parameters. */
export const reviewRounds = pgTable('review_rounds', {
  id: uuid('id').primaryKey(),
  callId: uuid('call_id').notNull().references(() => calls.id),
  stage: text('stage').notNull().default('assigning'),
  /** The programme-year whose budget ledger (BL-4) the approvals commit to. */
  budgetYear: integer('budget_year').notNull(),
  /** optimal (最优分配) or draw (随机抽取). */
  mode: text('mode').notNull().default('draw'),
  /** Experts per application. */
  k: integer('k').notNull().default(5),
  minLoad: integer('min_load').notNull().default(0),
  maxLoad: integer('max_load').notNull().default(10),
  /** Per-round settings each part reads (回避 years, same-district rule, draw cap, aggregation …), validated by their owners. */
  settings: jsonb('settings').notNull().default(sql`'{}'::jsonb`),
  createdBy: uuid('created_by'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [uniqueIndex('review_rounds_call_idx').on(t.callId)]);

/** An expert assigned to an application in a round. A declined one stays, marked, beside its replacement. */
export const reviewAssignments = pgTable('review_assignments', {
  id: uuid('id').primaryKey(),
  roundId: uuid('round_id').notNull().references(() => reviewRounds.id),
  applicationId: uuid('application_id').notNull().references(() => applications.id),
  expertId: uuid('expert_id').notNull().references(() => experts.id),
  /** optimal | draw | replacement */
  source: text('source').notNull(),
  /** active | declined (回避 declared before opening) */
  status: text('status').notNull().default('active'),
  affinity: integer('affinity').notNull().default(0),
  /** Why this expert (the engine's explanation in Chinese), kept as shown when the assignment was confirmed. */
  explanation: text('explanation').notNull().default(''),
  /** The draw record that produced it, when drawn. */
  drawId: uuid('draw_id'),
  /** When the expert first opened the application (after declaring no conflict); a decline is only possible before. */
  openedAt: timestamp('opened_at', { withTimezone: true }),
  declinedAt: timestamp('declined_at', { withTimezone: true }),
  declineReason: text('decline_reason'),
  /** The assignment this one replaced, for a replacement. */
  replacesId: uuid('replaces_id'),
  /** When the scoring reminder (≤ 48 h before the window closes) was queued; once per assignment. */
  remindedAt: timestamp('reminded_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [uniqueIndex('review_assignments_pair_idx').on(t.roundId, t.applicationId, t.expertId), index('review_assignments_expert_idx').on(t.expertId)]);

/** One row per application in a round, filled in step by step. */
export const reviewOutcomes = pgTable('review_outcomes', {
  roundId: uuid('round_id').notNull().references(() => reviewRounds.id),
  applicationId: uuid('application_id').notNull().references(() => applications.id),
  /** Aggregated score in 1/100 points (87.25分 = 8725), null until aggregated. */
  scoreCenti: integer('score_centi'),
  rank: integer('rank'),
  divergent: boolean('divergent').notNull().default(false),
  /** passed | failed | null (not inspected) */
  inspection: text('inspection'),
  /** The funding plan's amount (元), null when not in the plan. */
  plannedAmountYuan: bigint('planned_amount_yuan', { mode: 'number' }),
  /** The amount the decision meetings settled on (元). */
  decidedAmountYuan: bigint('decided_amount_yuan', { mode: 'number' }),
  /** inReview | rejected | deferred | withdrawn | approved */
  status: text('status').notNull().default('inReview'),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [primaryKey({ columns: [t.roundId, t.applicationId] })]);

/**
 * A random draw (随机抽取) of a round: its commitment is published before the draw, then the draw runs on the
 * announced entropy. `inputs` is the engine's AssignmentInput exactly as drawn and `record` its DrawRecord, so a
 * replacement after a decline (replaceDeclined) and any re-run use the same facts. The draw part adds the rest.
 */
export const reviewDraws = pgTable('review_draws', {
  id: uuid('id').primaryKey(),
  roundId: uuid('round_id').notNull().references(() => reviewRounds.id),
  /** committed (commitment published, waiting for entropy) | drawn | cancelled */
  status: text('status').notNull().default('committed'),
  inputs: jsonb('inputs'),
  record: jsonb('record'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  drawnAt: timestamp('drawn_at', { withTimezone: true }),
  // The draw part (随机抽取): the published commitment (DrawCommitment) and its hash, fixed at commitment.
  commitment: jsonb('commitment'),
  commitmentHash: text('commitment_hash'),
  /** The pseudonymised inputs and identity commitments (public after scoring closes). */
  publicInputs: jsonb('public_inputs'),
  pseudonyms: jsonb('pseudonyms'),
  /** Salts and real ids behind the pseudonyms: read only through review.unseal (observer, auditor). */
  seals: jsonb('seals'),
  committedBy: uuid('committed_by'),
  /** The observer's (纪检监督) input, recorded once before the draw. */
  observerInput: text('observer_input'),
  observerId: uuid('observer_id'),
  witnessedAt: timestamp('witnessed_at', { withTimezone: true }),
  /** The announced sources' public values as entered at the draw, and the seed derived from them. */
  sourceValues: jsonb('source_values'),
  seed: text('seed'),
  /** The engine's DrawRecord and pairs under pseudonyms (the same draw: pseudonyms keep the engine's order). */
  publicRecord: jsonb('public_record'),
  publicPairs: jsonb('public_pairs'),
  drawnBy: uuid('drawn_by'),
  cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
  cancelReason: text('cancel_reason'),
}, (t) => [index('review_draws_round_idx').on(t.roundId)]);

/** The public notice (社会公示) of a round's list: a period of working days (Asia/Shanghai dates, inclusive). */
export const reviewNotices = pgTable('review_notices', {
  id: uuid('id').primaryKey(),
  roundId: uuid('round_id').notNull().references(() => reviewRounds.id),
  title: text('title').notNull(),
  /** First and last day of the period, YYYY-MM-DD in Asia/Shanghai. */
  startsOn: text('starts_on').notNull(),
  endsOn: text('ends_on').notNull(),
  /** Length of the period in working days (工作日), as chosen when drafted. */
  workingDays: integer('working_days').notNull().default(5),
  publishedAt: timestamp('published_at', { withTimezone: true }),
  draftedBy: uuid('drafted_by'),
  publishedBy: uuid('published_by'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, (t) => [uniqueIndex('review_notices_round_idx').on(t.roundId)]);

/** An objection (异议) to a listed project. The objector's identity is kept by the notice part, visible to officers only. */
export const reviewObjections = pgTable('review_objections', {
  id: uuid('id').primaryKey(),
  noticeId: uuid('notice_id').notNull().references(() => reviewNotices.id),
  applicationId: uuid('application_id').notNull().references(() => applications.id),
  /** The listed item objected to (review_notice_items.id). */
  itemId: uuid('item_id'),
  /** What the objector is given to quote (YY-XXXXXXXX); audit events name this, never the person. */
  reference: text('reference'),
  /** The objection in writing. */
  text: text('text').notNull().default(''),
  /** open | upheld (withdrawn from the list) | dismissed (with reasons) */
  status: text('status').notNull().default('open'),
  /** The officer's reasons for the decision (both decisions need them). */
  reasons: text('reasons'),
  receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
  resolvedAt: timestamp('resolved_at', { withTimezone: true }),
  resolvedBy: uuid('resolved_by'),
}, (t) => [index('review_objections_notice_idx').on(t.noticeId), uniqueIndex('review_objections_reference_idx').on(t.reference)]);
