/** Request and response schemas of the random draw (随机抽取); the web's types are `z.infer` of these. */
import { z } from 'zod';

export const PUBLIC_DRAW_FORMAT = 'kechuang/public-draw-record/v1';

const iso = z.string().refine((s) => !Number.isNaN(Date.parse(s)), '时间格式有误');

export const drawCapSchema = z.object({ numerator: z.number().int().positive(), denominator: z.number().int().positive() }).refine((c) => c.numerator <= c.denominator, '概率上限不能大于 1');

export const entropySourceSchema = z.object({
  description: z.string().trim().min(4, '请写明随机来源（如：中国福利彩票“3D”第N期开奖号码）').max(200),
  publicAt: iso,
});

export const drawCommitBody = z.object({ sources: z.array(entropySourceSchema).min(1, '至少预告一个公开随机来源').max(5, '最多 5 个随机来源') });
export const drawWitnessBody = z.object({ input: z.string().trim().min(1, '请填写纪检监督输入值').max(200) });
export const drawRunBody = z.object({ values: z.array(z.string().trim().min(1, '请填写该来源公布的数值').max(500)).min(1).max(5) });
export const drawCancelBody = z.object({ reason: z.string().trim().min(2, '请说明撤销理由').max(500) });

const assignmentInputSchema = z.object({
  k: z.number().int(),
  applications: z.array(z.object({ id: z.string(), field: z.string() })),
  experts: z.array(z.object({ id: z.string(), field: z.string(), minLoad: z.number().int().optional(), maxLoad: z.number().int() })),
  candidates: z.array(z.object({ application: z.string(), expert: z.string(), affinity: z.number().int() })),
});

const drawRecordSchema = z.object({
  algorithm: z.string(),
  inputHash: z.string(),
  seed: z.string(),
  capNumerator: z.number().int(),
  capDenominator: z.number().int(),
  resultHash: z.string(),
  objective: z.number(),
});

export const drawCommitmentSchema = z.object({
  format: z.literal(PUBLIC_DRAW_FORMAT),
  drawId: z.string(),
  callTitle: z.string(),
  committedAt: z.string(),
  algorithm: z.string(),
  k: z.number().int(),
  loads: z.object({ min: z.number().int(), max: z.number().int() }),
  cap: z.object({ numerator: z.number().int(), denominator: z.number().int() }),
  capNumerator: z.number().int(),
  inputHash: z.string(),
  poolHash: z.string(),
  applications: z.number().int(),
  experts: z.number().int(),
  candidatePairs: z.number().int(),
  sources: z.array(z.object({ description: z.string(), publicAt: z.string() })),
  observerSlot: z.string(),
  note: z.string().optional(),
});

const pseudonymList = z.array(z.object({ pseudonym: z.string(), commitment: z.string() }));

/** The record anyone can download and re-run (`npm run verify-draw -- <file>`). */
export const publicDrawRecordSchema = z.object({
  format: z.literal(PUBLIC_DRAW_FORMAT),
  id: z.string(),
  status: z.enum(['committed', 'drawn', 'cancelled']),
  published: z.boolean(),
  commitment: drawCommitmentSchema,
  commitmentHash: z.string(),
  observer: z.object({ input: z.string(), witnessedAt: z.string() }).nullable(),
  sourceValues: z.array(z.string()).nullable(),
  seed: z.string().nullable(),
  drawnAt: z.string().nullable(),
  cancelledAt: z.string().nullable(),
  cancelReason: z.string().nullable(),
  inputs: assignmentInputSchema.nullable(),
  record: drawRecordSchema.nullable(),
  pairs: z.array(z.object({ application: z.string(), expert: z.string(), affinity: z.number().int() })).nullable(),
  pseudonyms: z.object({ applications: pseudonymList, experts: pseudonymList }).nullable(),
});

export type PublicDrawRecord = z.infer<typeof publicDrawRecordSchema>;

export const publicDrawSummarySchema = z.object({
  id: z.string(),
  callTitle: z.string(),
  status: z.enum(['committed', 'drawn', 'cancelled']),
  published: z.boolean(),
  committedAt: z.string(),
  drawnAt: z.string().nullable(),
  commitmentHash: z.string(),
  applications: z.number().int(),
  experts: z.number().int(),
  sources: z.array(z.object({ description: z.string(), publicAt: z.string() })),
  demo: z.boolean(),
});
export type PublicDrawSummary = z.infer<typeof publicDrawSummarySchema>;
export const publicDrawListResponse = z.object({ items: z.array(publicDrawSummarySchema) });

/** A draw as the officer and the observer see it: the public record (always complete for them) and the workflow state. */
export const reviewDrawResponse = z.object({
  id: z.string(),
  roundId: z.string(),
  callTitle: z.string(),
  status: z.enum(['committed', 'drawn', 'cancelled']),
  /** Every announced time has passed (the officer may enter the values once the observer's input is in). */
  sourcesDue: z.boolean(),
  witnessed: z.boolean(),
  assignments: z.number().int(),
  objective: z.number().nullable(),
  record: publicDrawRecordSchema,
});
export type ReviewDraw = z.infer<typeof reviewDrawResponse>;
export const reviewDrawListResponse = z.object({ items: z.array(reviewDrawResponse) });

const sealRow = z.object({ pseudonym: z.string(), commitment: z.string(), salt: z.string(), id: z.string(), label: z.string() });
/** The sealed half (review.unseal): salts and real ids to open every commitment. */
export const drawUnsealResponse = z.object({ drawId: z.string(), applications: z.array(sealRow), experts: z.array(sealRow) });
export type DrawUnseal = z.infer<typeof drawUnsealResponse>;
