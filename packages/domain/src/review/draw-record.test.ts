import { describe, expect, it } from 'vitest';
import { capUnits, DRAW_ALGORITHM, deriveSeed, drawAssignment, type AssignmentInput } from '../assignment/index.js';
import { commitmentHash, identityCommitment, poolHash, pseudonymise, pseudonymisedInputHash, verifyPublicDraw, type DrawCommitment } from './draw-record.js';
import { PUBLIC_DRAW_FORMAT, type PublicDrawRecord } from './draw-responses.js';

// Ids that sort differently as text and as numbers, so a pseudonym order that followed anything but the engine's would show.
function instance(): AssignmentInput {
  const apps = Array.from({ length: 12 }, (_, i) => ({ id: `app-${(i * 7919) % 101}-${i}`, field: i % 3 === 0 ? 'bio' : 'equipment' }));
  const experts = Array.from({ length: 15 }, (_, i) => ({ id: `exp-${(i * 104729) % 97}`, field: i % 4 === 0 ? 'bio' : 'equipment', minLoad: 0, maxLoad: 4 }));
  const candidates = apps.flatMap((a, i) => experts.filter((_, j) => (i + j) % 5 !== 0).map((e, j) => ({ application: a.id, expert: e.id, affinity: 1 + ((i * 3 + j * 7) % 9) })));
  return { k: 3, applications: apps, experts, candidates };
}

let n = 0;
const salt = () => (++n).toString(16).padStart(64, '0');

function publishedRecord(): { rec: PublicDrawRecord; real: AssignmentInput; names: ReturnType<typeof pseudonymise> } {
  const real = instance();
  const names = pseudonymise(real, salt);
  const committedAt = '2026-12-01T02:00:00.000Z';
  const commitment: DrawCommitment = {
    format: PUBLIC_DRAW_FORMAT,
    drawId: 'd1',
    callTitle: '测试指南',
    committedAt,
    algorithm: DRAW_ALGORITHM,
    k: 3,
    loads: { min: 0, max: 4 },
    cap: { numerator: 1, denominator: 2 },
    capNumerator: capUnits({ numerator: 1, denominator: 2 }),
    inputHash: pseudonymisedInputHash(names.inputs),
    poolHash: poolHash(names.pseudonyms, names.inputs),
    applications: 12,
    experts: 15,
    candidatePairs: names.inputs.candidates.length,
    sources: [{ description: '中国福利彩票“3D”第2026330期开奖号码', publicAt: '2026-12-02T13:15:00.000Z' }],
    observerSlot: '纪检监督在抽取前录入的数值',
  };
  const values = ['3 0 7'];
  const observer = { input: '纪检-20261202', witnessedAt: '2026-12-01T03:00:00.000Z' };
  const seed = deriveSeed([...values, observer.input]);
  const out = drawAssignment(names.inputs, { seed, cap: commitment.cap });
  if (!out.feasible) throw new Error('infeasible');
  const rec: PublicDrawRecord = {
    format: PUBLIC_DRAW_FORMAT,
    id: 'd1',
    status: 'drawn',
    published: true,
    commitment,
    commitmentHash: commitmentHash(commitment),
    observer,
    sourceValues: values,
    seed,
    drawnAt: '2026-12-03T01:00:00.000Z',
    cancelledAt: null,
    cancelReason: null,
    inputs: names.inputs as PublicDrawRecord['inputs'],
    record: out.record,
    pairs: out.pairs.map((p) => ({ application: p.application, expert: p.expert, affinity: p.affinity })),
    pseudonyms: names.pseudonyms,
  };
  return { rec, real, names };
}

describe('public draw record (随机抽取)', () => {
  it('pseudonyms follow the engine order, so the pseudonymised draw draws exactly the real pairs', () => {
    const { rec, real, names } = publishedRecord();
    const realDraw = drawAssignment(real, { seed: rec.seed!, cap: rec.commitment.cap });
    if (!realDraw.feasible) throw new Error('infeasible');
    const mapped = realDraw.pairs.map((p) => `${names.applicationOf.get(p.application)}/${names.expertOf.get(p.expert)}`).sort();
    expect(mapped).toEqual(rec.pairs!.map((p) => `${p.application}/${p.expert}`).sort());
    expect(names.pseudonyms.experts[0]!.pseudonym).toBe('E001');
    expect(JSON.stringify(rec)).not.toMatch(/app-|exp-/);
  });

  it('a salted commitment opens with its salt and id only', () => {
    const { names } = publishedRecord();
    const s = names.seals.experts[3]!;
    const c = names.pseudonyms.experts.find((p) => p.pseudonym === s.pseudonym)!.commitment;
    expect(identityCommitment(s.salt, s.id)).toBe(c);
    expect(identityCommitment(s.salt, `${s.id}x`)).not.toBe(c);
  });

  it('an intact record verifies', () => {
    const v = verifyPublicDraw(publishedRecord().rec);
    expect(v.problems).toEqual([]);
    expect(v.ok).toBe(true);
  });

  it.each([
    ['a changed source value', (r: PublicDrawRecord) => (r.sourceValues = ['3 0 8']), '随机种子'],
    ['a changed observer input', (r: PublicDrawRecord) => (r.observer!.input = 'x'), '随机种子'],
    ['a changed affinity', (r: PublicDrawRecord) => (r.inputs!.candidates[0]!.affinity += 1), '输入哈希'],
    ['a swapped pair', (r: PublicDrawRecord) => (r.pairs![0] = { ...r.pairs![0]!, expert: r.pairs![0]!.expert === 'E001' ? 'E002' : 'E001' }), '名单'],
    ['a source announced after the commitment time moved', (r: PublicDrawRecord) => (r.commitment.committedAt = '2026-12-03T00:00:00.000Z'), '承诺'],
    ['a changed pseudonym commitment', (r: PublicDrawRecord) => (r.pseudonyms!.experts[0]!.commitment = '0'.repeat(64)), '专家池'],
  ])('%s is reported in Chinese', (_label, tamper, fragment) => {
    const { rec } = publishedRecord();
    tamper(rec);
    const v = verifyPublicDraw(rec);
    expect(v.ok).toBe(false);
    expect(v.problems.join('')).toContain(fragment);
  });

  it('an unpublished record is not verifiable yet', () => {
    const { rec } = publishedRecord();
    expect(verifyPublicDraw({ ...rec, published: false, inputs: null }).problems[0]).toContain('尚未公开');
  });
});
