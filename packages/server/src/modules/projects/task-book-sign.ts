/**
 * Signing a frozen task book (签署): each party signs the content hash it saw — 乙方 by the undertaker's own
 * users, 甲方 by the bureau's officer, 丙方 (主管部门) recorded by the officer on its behalf with its signatory's
 * name. The last signature puts the version in force: the previous signed version is superseded, and a project
 * still `approved` starts executing (state table action `sign`). One transaction, audited, on the timeline.
 */
import { and, eq, ne } from 'drizzle-orm';
import { requiredTaskBookParties, TASK_BOOK_PARTY_LABELS, type TaskBookContent, type TaskBookParty } from '@kechuang/domain';
import type { Tx } from '../../db/client.js';
import { recordAudit, type Actor } from '../audit/record.js';
import { findProject, recordProjectEvent, transitionProject } from './lifecycle.js';
import { projects, taskBookSignatures, taskBookVersions } from './schema.js';
import { taskBookProblem } from './task-book-errors.js';
import { mayActFor, requireTaskBookState, taskBookVersionOf, type TaskBookActorAuth } from './task-book-read.js';
import type { TaskBookVersionRow } from './task-book-store.js';

export interface SignTaskBookInput {
  party: TaskBookParty;
  contentHash: string;
  /** Required for the 主管部门, whose signatory the officer records. */
  signerName?: string | undefined;
}

export interface SignTaskBookResult {
  version: TaskBookVersionRow;
  /** True when this signature was the last one and the version came into force. */
  inForce: boolean;
}

/** The signer as a plain identity: the session's user, or (for the change part and the demo) a named user. */
export interface TaskBookSigner {
  auth: TaskBookActorAuth;
  actor: Actor;
}

export async function signTaskBook(tx: Tx, signer: TaskBookSigner, projectId: string, versionId: string, input: SignTaskBookInput): Promise<SignTaskBookResult> {
  const project = await findProject(tx, projectId, { forUpdate: true });
  const row = await taskBookVersionOf(tx, project.id, versionId, { forUpdate: true });
  if (row.status !== 'signing') throw taskBookProblem('TASK_BOOK_NOT_SIGNING', row.status === 'draft' ? '任务书尚未提交签署。' : '该任务书版本已签署完成。');
  requireTaskBookState(project, row, '签署任务书');
  const content = row.content as TaskBookContent;
  const required = requiredTaskBookParties(content);
  if (!required.includes(input.party)) throw taskBookProblem('TASK_BOOK_PARTY_NOT_REQUIRED', `该任务书未列明${TASK_BOOK_PARTY_LABELS[input.party]}，无需其签署。`);
  if (!mayActFor(signer.auth, project, input.party)) {
    throw taskBookProblem('TASK_BOOK_PARTY_REFUSED', input.party === 'undertaker' ? '只有承担单位的申报人或单位管理员可以代表乙方签署。' : `只有科技局经办人可以${input.party === 'bureau' ? '代表甲方签署' : '登记主管部门的签署'}。`);
  }
  if (input.contentHash !== row.contentHash) throw taskBookProblem('TASK_BOOK_HASH_MISMATCH', `签署所见的内容摘要与任务书第${row.versionNo}版不一致，请重新打开任务书核对后签署。`, [{ field: 'contentHash', message: '内容摘要不一致' }]);
  const signerName = input.party === 'department' ? (input.signerName ?? '').trim() : signer.auth.user.name;
  if (signerName === '') throw taskBookProblem('TASK_BOOK_SIGNER_REQUIRED', undefined, [{ field: 'signerName', message: '请填写主管部门签署人姓名' }]);
  const existing = await tx.select({ party: taskBookSignatures.party }).from(taskBookSignatures).where(eq(taskBookSignatures.versionId, row.id));
  if (existing.some((s) => s.party === input.party)) throw taskBookProblem('TASK_BOOK_ALREADY_SIGNED', `${TASK_BOOK_PARTY_LABELS[input.party]}已签署第${row.versionNo}版。`);

  const at = new Date();
  await tx.insert(taskBookSignatures).values({ versionId: row.id, party: input.party, signedBy: signer.actor.id!, signerName, signedAt: at, contentHash: row.contentHash });
  const label = row.kind === 'original' ? '任务书' : '补充任务书';
  await recordProjectEvent(tx, signer.actor, project.id, {
    kind: 'taskBook.signature',
    at,
    summary: `${TASK_BOOK_PARTY_LABELS[input.party]}签署${label}第${row.versionNo}版（${signerName}${input.party === 'department' ? `，由${signer.auth.user.name}登记` : ''}）`,
    detail: { versionId: row.id, party: input.party, signerName, contentHash: row.contentHash },
  });
  await recordAudit(tx, signer.actor, { action: 'project.taskBook.sign', entityType: 'taskBook', entityId: row.id, detail: { projectId: project.id, versionNo: row.versionNo, party: input.party, signerName, contentHash: row.contentHash } });

  const signed = new Set([...existing.map((s) => s.party), input.party]);
  if (!required.every((p) => signed.has(p))) return { version: row, inForce: false };

  // Every party has signed: this version is in force, the one before it superseded.
  const superseded = await tx.update(taskBookVersions).set({ status: 'superseded' }).where(and(eq(taskBookVersions.projectId, project.id), eq(taskBookVersions.status, 'signed'), ne(taskBookVersions.id, row.id))).returning({ versionNo: taskBookVersions.versionNo });
  const [version] = await tx.update(taskBookVersions).set({ status: 'signed', signedAt: at }).where(eq(taskBookVersions.id, row.id)).returning();
  if (project.department !== content.parties.department) await tx.update(projects).set({ department: content.parties.department, updatedAt: at }).where(eq(projects.id, project.id));
  await recordProjectEvent(tx, signer.actor, project.id, {
    kind: 'taskBook.signed',
    at,
    summary: `${label}第${row.versionNo}版各方签署完毕，生效${superseded.length ? `（第${superseded.map((s) => s.versionNo).join('、')}版被替代）` : ''}`,
    detail: { versionId: row.id, contentHash: row.contentHash, superseded: superseded.map((s) => s.versionNo) },
  });
  await recordAudit(tx, signer.actor, { action: 'project.taskBook.effective', entityType: 'taskBook', entityId: row.id, changes: { status: { before: 'signing', after: 'signed' } }, detail: { projectId: project.id, versionNo: row.versionNo, contentHash: row.contentHash, superseded: superseded.map((s) => s.versionNo) } });
  if (project.state === 'approved') {
    await transitionProject(tx, signer.actor, project, 'sign', { summary: `任务书签订生效，项目进入执行（摘要 ${row.contentHash.slice(0, 12)}…）`, detail: { versionId: row.id }, at });
  }
  return { version: version!, inForce: true };
}
