/**
 * The acceptance panel (验收专家组), drawn from the expert pool exactly as review draws are (随机抽取): the pool
 * after 回避 (review/conflicts.ts rules against the project's organisation, partners and leader) and after the
 * integrity check (科研失信, checkpoint 'draw'), each exclusion with its reasons; a commitment in the review's
 * public record format (pseudonyms, input and pool hashes, announced entropy sources) before the values are
 * known; then the draw by the assignment engine with the seed from the published values and the observer's input.
 * The public record re-runs with `npm run verify-draw` and the 在浏览器中验证 page like any review draw.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import {
  affinityOf,
  assignment,
  commitmentHash,
  conflictReasons,
  integrityBlockMessage,
  panelDrawCap,
  PANEL_FIELD,
  poolHash,
  PUBLIC_DRAW_FORMAT,
  pseudonymise,
  pseudonymisedInputHash,
  formatShanghai,
  type DrawCommitment,
  type EntropySource,
  type PseudonymSeal,
  type PublicDrawRecord,
  type DrawPseudonyms,
} from '@kechuang/domain';
import type { Db, Tx } from '../../db/client.js';
import { recordAudit, type Actor } from '../audit/record.js';
import { activeExpertPool, type PoolExpert } from '../review/experts/pool.js';
import { acceptanceProblem } from './acceptance-errors.js';
import { acceptancePanelMembers, acceptancePanels, acceptanceReviews, acceptanceApplications } from './acceptance-schema.js';
import { conflictProject, panelOf, requireApplication, type AcceptancePanelRow } from './acceptance-store.js';
import { integrityBlocks } from './integrity-check.js';
import { findProject, recordProjectEvent, requireProjectState, type ProjectRow } from './lifecycle.js';
import { projectSettings } from './settings.js';

const salt = () => randomBytes(32).toString('hex');
const ZERO_SEED = '0'.repeat(64);
export const PANEL_OBSERVER_SLOT = '纪检监督在抽取时录入的输入值（与各随机来源的公布数值一并计入随机种子）';

export interface PanelPool {
  input: assignment.AssignmentInput;
  eligible: PoolExpert[];
  excluded: { expertId: string; name: string; reasons: string[] }[];
}

/** The pool for this project's panel: every active expert either eligible or excluded with its reasons. */
export async function panelPool(tx: Tx, project: ProjectRow, k: number, now: Date): Promise<PanelPool> {
  const pool = await activeExpertPool(tx);
  const app = await conflictProject(tx, project);
  const blocks = await integrityBlocks(tx, pool.filter((e) => e.idNumber).map((e) => ({ kind: 'expert' as const, key: e.idNumber! })), now);
  const eligible: PoolExpert[] = [];
  const excluded: PanelPool['excluded'] = [];
  for (const e of pool) {
    const reasons = conflictReasons(app, e.conflict).map((r) => r.text);
    const mine = blocks.filter((b) => e.idNumber && b.subjectKey.toUpperCase() === e.idNumber.toUpperCase());
    if (mine.length) reasons.push(integrityBlockMessage('draw', mine));
    if (reasons.length) excluded.push({ expertId: e.id, name: e.name, reasons });
    else eligible.push(e);
  }
  const input: assignment.AssignmentInput = {
    k,
    applications: [{ id: project.id, field: PANEL_FIELD }],
    experts: eligible.map((e) => ({ id: e.id, field: PANEL_FIELD, minLoad: 0, maxLoad: 1 })),
    // Affinity as review computes it (field, shared keywords): the draw favours matching experts within the cap.
    candidates: eligible.map((e) => ({ application: project.id, expert: e.id, affinity: affinityOf(app, e.conflict) })),
  };
  return { input, eligible, excluded };
}

const hashOf = (input: assignment.AssignmentInput) => assignment.instanceHash(assignment.canonicalize(input));

/** 发布抽取承诺: freezes the pool and announces the entropy sources (published after the commitment). */
export async function commitPanel(db: Db, actor: Actor, projectId: string, input: { sources: EntropySource[]; lateReason?: string | undefined }, opts: { now?: Date; note?: string } = {}): Promise<AcceptancePanelRow> {
  const now = opts.now ?? new Date();
  return db.transaction(async (tx) => {
    const project = await findProject(tx, projectId, { forUpdate: true });
    requireProjectState(project, ['accepting'], '抽取验收专家组（须在验收中）');
    const app = await requireApplication(tx, projectId, { forUpdate: true });
    if (await panelOf(tx, app.id)) throw acceptanceProblem('ACCEPTANCE_PANEL_EXISTS', '该项目已发布验收专家抽取承诺。');
    if (app.timing === 'late') {
      if ((input.lateReason ?? '').trim().length < 4) throw acceptanceProblem('ACCEPTANCE_INVALID', '该项目逾期申请验收，受理须说明理由。', [{ field: 'lateReason', message: '请说明受理逾期申请的理由（不少于4个字）' }]);
      await tx.update(acceptanceApplications).set({ lateReason: input.lateReason!.trim() }).where(eq(acceptanceApplications.id, app.id));
    }
    const errors = input.sources.flatMap((s, i) => (Date.parse(s.publicAt) > now.getTime() ? [] : [{ field: `sources.${i}.publicAt`, message: '公布时间必须晚于承诺时间：随机来源须是承诺时尚无人知道的数值' }]));
    if (errors.length) throw acceptanceProblem('ACCEPTANCE_INVALID', '预告的随机来源须在承诺之后才公布数值。', errors);
    const settings = await projectSettings(tx, project);
    const k = settings.acceptancePanelSize;
    const pool = await panelPool(tx, project, k, now);
    if (pool.eligible.length < k) throw acceptanceProblem('ACCEPTANCE_PANEL_INFEASIBLE', `回避和科研失信排除后可抽取的专家只有 ${pool.eligible.length} 位，少于专家组人数 ${k} 位。`);
    const cap = panelDrawCap(k, pool.eligible.length);
    const names = pseudonymise(pool.input, salt);
    const trial = assignment.drawAssignment(names.inputs, { seed: ZERO_SEED, cap });
    if (!trial.feasible) throw acceptanceProblem('ACCEPTANCE_PANEL_INFEASIBLE', trial.report.messages.join('；'));
    const id = randomUUID();
    const commitment: DrawCommitment = {
      format: PUBLIC_DRAW_FORMAT,
      drawId: id,
      callTitle: `验收专家组：${project.projectNo} ${project.title}`,
      committedAt: now.toISOString(),
      algorithm: assignment.DRAW_ALGORITHM,
      k,
      loads: { min: 0, max: 1 },
      cap,
      capNumerator: assignment.capUnits(cap),
      inputHash: pseudonymisedInputHash(names.inputs),
      poolHash: poolHash(names.pseudonyms, names.inputs),
      applications: 1,
      experts: names.inputs.experts.length,
      candidatePairs: names.inputs.candidates.length,
      sources: input.sources.map((s) => ({ description: s.description.trim(), publicAt: new Date(s.publicAt).toISOString() })),
      observerSlot: PANEL_OBSERVER_SLOT,
      ...(opts.note ? { note: opts.note } : {}),
    };
    const hash = commitmentHash(commitment);
    const [row] = await tx.insert(acceptancePanels).values({
      id, projectId, applicationId: app.id, status: 'committed', size: k, inputs: pool.input, publicInputs: names.inputs, pseudonyms: names.pseudonyms, seals: names.seals,
      commitment, commitmentHash: hash, excluded: pool.excluded, committedBy: actor.id, committedAt: now,
    }).returning();
    await recordProjectEvent(tx, actor, projectId, { kind: 'acceptance.panelCommitted', summary: `发布验收专家抽取承诺：专家组 ${k} 人，可抽取 ${pool.eligible.length} 人（回避或失信排除 ${pool.excluded.length} 人），承诺哈希 ${hash.slice(0, 12)}…`, detail: { panelId: id, commitmentHash: hash }, at: now });
    await recordAudit(tx, actor, { action: 'project.acceptance.panelCommit', entityType: 'acceptancePanel', entityId: id, detail: { projectId, commitmentHash: hash, inputHash: commitment.inputHash, poolHash: commitment.poolHash, sources: commitment.sources, cap, k, excluded: pool.excluded, lateReason: input.lateReason ?? null } });
    return row!;
  });
}

/** New draft verifications for every member at a hearing (first draw, 复议, resubmission after 整改). */
export async function openHearing(tx: Tx, applicationId: string, hearingNo: number, now: Date): Promise<void> {
  const panel = await panelOf(tx, applicationId);
  if (!panel || panel.status !== 'drawn') return;
  const members = await tx.select().from(acceptancePanelMembers).where(eq(acceptancePanelMembers.panelId, panel.id));
  if (members.length) await tx.insert(acceptanceReviews).values(members.map((m) => ({ id: randomUUID(), memberId: m.id, projectId: m.projectId, hearingNo, status: 'draft', verdicts: [], opinion: '', updatedAt: now })));
}

/** 抽取: the announced values and the observer's input give the seed; the pool must still be the committed one. */
export async function drawPanel(db: Db, actor: Actor, projectId: string, input: { values: string[]; observerInput: string }, opts: { now?: Date } = {}): Promise<AcceptancePanelRow> {
  const now = opts.now ?? new Date();
  return db.transaction(async (tx) => {
    const project = await findProject(tx, projectId, { forUpdate: true });
    requireProjectState(project, ['accepting'], '抽取验收专家组');
    const app = await requireApplication(tx, projectId, { forUpdate: true });
    const panel = await panelOf(tx, app.id, { forUpdate: true });
    if (!panel) throw acceptanceProblem('ACCEPTANCE_STATE', '请先发布验收专家抽取承诺。');
    if (panel.status !== 'committed') throw acceptanceProblem('ACCEPTANCE_PANEL_EXISTS', '验收专家组已抽取。');
    const commitment = panel.commitment as DrawCommitment;
    if (input.values.length !== commitment.sources.length) throw acceptanceProblem('ACCEPTANCE_INVALID', `承诺预告了 ${commitment.sources.length} 个随机来源，请逐一填写其公布的数值。`, [{ field: 'values', message: `需要 ${commitment.sources.length} 个数值` }]);
    const pending = commitment.sources.filter((s) => Date.parse(s.publicAt) > now.getTime());
    if (pending.length) throw acceptanceProblem('ACCEPTANCE_DRAW_TOO_EARLY', pending.map((s) => `随机来源「${s.description}」将于 ${formatShanghai(s.publicAt)}（北京时间）公布，届时方可抽取`).join('；') + '。');
    const committed = panel.inputs as assignment.AssignmentInput;
    const current = (await panelPool(tx, project, panel.size, now)).input;
    if (hashOf(current) !== hashOf(committed)) throw acceptanceProblem('ACCEPTANCE_DRAW_INPUTS_CHANGED', '自发布承诺以来，专家库、回避或科研失信情况已变化，按承诺的输入抽取已不能反映当前情况。');
    const observerInput = input.observerInput.trim();
    const seed = assignment.deriveSeed([...input.values, observerInput]);
    const out = assignment.drawAssignment(committed, { seed, cap: commitment.cap });
    const pub = assignment.drawAssignment(panel.publicInputs as assignment.AssignmentInput, { seed, cap: commitment.cap });
    if (!out.feasible || !pub.feasible) throw acceptanceProblem('ACCEPTANCE_PANEL_INFEASIBLE');
    const seals = panel.seals as { applications: PseudonymSeal[]; experts: PseudonymSeal[] };
    const expName = new Map(seals.experts.map((s) => [s.id, s.pseudonym]));
    if (out.pairs.map((p) => expName.get(p.expert)).sort().join() !== pub.pairs.map((p) => p.expert).sort().join() || pub.record.inputHash !== commitment.inputHash) throw new Error('pseudonymised panel draw differs from the real draw');
    const pool = new Map((await activeExpertPool(tx)).map((e) => [e.id, e]));
    const members = out.pairs.map((p) => {
      const e = pool.get(p.expert)!;
      return { id: randomUUID(), panelId: panel.id, projectId, expertId: e.id, expertUserId: e.userId, expertName: e.name, organisationName: e.organisationName };
    });
    await tx.insert(acceptancePanelMembers).values(members);
    const [row] = await tx.update(acceptancePanels).set({
      status: 'drawn', sourceValues: input.values, observerInput, seed, record: out.record, publicRecord: pub.record,
      publicPairs: pub.pairs.map((p) => ({ application: p.application, expert: p.expert, affinity: p.affinity })), drawnBy: actor.id, drawnAt: now,
    }).where(eq(acceptancePanels.id, panel.id)).returning();
    await openHearing(tx, app.id, app.hearingNo, now);
    await recordProjectEvent(tx, actor, projectId, { kind: 'acceptance.panelDrawn', summary: `随机抽取验收专家组 ${members.length} 人：${members.map((m) => m.expertName).join('、')}（种子 ${seed.slice(0, 12)}…）`, detail: { panelId: panel.id, seed, resultHash: out.record.resultHash }, at: now });
    await recordAudit(tx, actor, { action: 'project.acceptance.panelDraw', entityType: 'acceptancePanel', entityId: panel.id, changes: { status: { before: 'committed', after: 'drawn' } }, detail: { projectId, seed, sourceValues: input.values, observerInput, resultHash: out.record.resultHash, publicResultHash: pub.record.resultHash, experts: members.map((m) => m.expertId) } });
    return row!;
  });
}

/** The panel's draw in the review's public record format; values, inputs and pairs only once `published`. */
export function panelPublicRecord(row: AcceptancePanelRow, published: boolean): PublicDrawRecord {
  const drawn = row.status === 'drawn';
  const open = published && drawn;
  return {
    format: PUBLIC_DRAW_FORMAT,
    id: row.id,
    status: row.status as PublicDrawRecord['status'],
    published: open,
    commitment: row.commitment as DrawCommitment,
    commitmentHash: row.commitmentHash,
    observer: open && row.observerInput !== null && row.drawnAt ? { input: row.observerInput, witnessedAt: row.drawnAt.toISOString() } : null,
    sourceValues: open ? (row.sourceValues as string[]) : null,
    seed: open ? row.seed : null,
    drawnAt: drawn && row.drawnAt ? row.drawnAt.toISOString() : null,
    cancelledAt: null,
    cancelReason: null,
    inputs: open ? (row.publicInputs as PublicDrawRecord['inputs']) : null,
    record: open ? (row.publicRecord as PublicDrawRecord['record']) : null,
    pairs: open ? (row.publicPairs as PublicDrawRecord['pairs']) : null,
    pseudonyms: open ? (row.pseudonyms as DrawPseudonyms) : null,
  };
}

export async function findPanel(db: Tx, id: string): Promise<AcceptancePanelRow> {
  const [row] = await db.select().from(acceptancePanels).where(eq(acceptancePanels.id, id));
  if (!row) throw acceptanceProblem('ACCEPTANCE_NOT_FOUND', '验收专家抽取记录不存在。');
  return row;
}
