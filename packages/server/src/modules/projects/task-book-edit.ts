/**
 * Preparing a task book (任务书): the officer edits the draft (problems stay visible while it is a draft), and
 * freezes it for signing (提交签署) only when the mechanical check passes — refused otherwise with every problem,
 * per field. A supplement (补充任务书) is drafted by an approved change through `draftTaskBookSupplement`, with
 * what the change allows, and then goes through the same freeze and signing.
 */
import { and, eq } from 'drizzle-orm';
import { formatWan, taskBookHash, type TaskBookAllowedChanges, type TaskBookContent, type TaskBookDraftInput } from '@kechuang/domain';
import type { Db, Tx } from '../../db/client.js';
import { recordAudit, type Actor } from '../audit/record.js';
import { findProject, recordProjectEvent } from './lifecycle.js';
import { taskBookVersions } from './schema.js';
import { taskBookProblem } from './task-book-errors.js';
import { checkTaskBookVersion, requireTaskBookState, taskBookVersionOf } from './task-book-read.js';
import { taskBookAllowances } from './task-book-schema.js';
import { insertTaskBookVersion, type TaskBookVersionRow } from './task-book-store.js';

export async function saveTaskBookDraft(db: Db, actor: Actor, projectId: string, input: TaskBookDraftInput): Promise<void> {
  await db.transaction(async (tx) => {
    const project = await findProject(tx, projectId, { forUpdate: true });
    const [row] = await tx.select().from(taskBookVersions).where(and(eq(taskBookVersions.projectId, project.id), eq(taskBookVersions.status, 'draft'))).orderBy(taskBookVersions.versionNo).for('update');
    if (!row) throw taskBookProblem('TASK_BOOK_NOT_DRAFT', '本项目没有草拟中的任务书。');
    requireTaskBookState(project, row, '修改任务书');
    if (row.contentHash !== input.baseHash) throw taskBookProblem('TASK_BOOK_STALE', undefined, undefined, { contentHash: row.contentHash });
    const contentHash = taskBookHash(input.content);
    if (contentHash === row.contentHash) return;
    await tx.update(taskBookVersions).set({ content: input.content, contentHash }).where(eq(taskBookVersions.id, row.id));
    const before = row.content as TaskBookContent;
    const changed = (Object.keys(input.content) as (keyof TaskBookContent)[]).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(input.content[k]));
    await recordProjectEvent(tx, actor, project.id, { kind: 'taskBook.edited', summary: `修改任务书第${row.versionNo}版草稿（${changed.map((k) => FIELD_LABELS[k]).join('、') || '格式'}）`, detail: { versionId: row.id, contentHash, changed } });
    await recordAudit(tx, actor, { action: 'project.taskBook.edit', entityType: 'taskBook', entityId: row.id, changes: { contentHash: { before: row.contentHash, after: contentHash } }, detail: { projectId: project.id, changed } });
  });
}

const FIELD_LABELS: Record<keyof TaskBookContent, string> = {
  projectNo: '立项编号', title: '项目名称', parties: '签约各方', leader: '项目负责人', startDate: '开始日期', endDate: '结束日期', goals: '目标',
  sections: '研究内容', indicators: '考核指标', yearlyPlan: '年度计划', budget: '预算', fiscal: '财政经费', topics: '课题', partners: '合作单位',
};

/** 提交签署: the content is frozen (a trigger keeps it so); refused with the check's full list when it fails. */
export async function freezeTaskBook(tx: Tx, actor: Actor, projectId: string, versionId: string): Promise<TaskBookVersionRow> {
  const project = await findProject(tx, projectId, { forUpdate: true });
  const row = await taskBookVersionOf(tx, project.id, versionId, { forUpdate: true });
  if (row.status !== 'draft') throw taskBookProblem('TASK_BOOK_NOT_DRAFT');
  requireTaskBookState(project, row, '提交任务书签署');
  const [open] = await tx.select({ versionNo: taskBookVersions.versionNo }).from(taskBookVersions).where(and(eq(taskBookVersions.projectId, project.id), eq(taskBookVersions.status, 'signing')));
  if (open) throw taskBookProblem('TASK_BOOK_SIGNING_OPEN', `任务书第${open.versionNo}版正在签署中，签署完成后才能提交新的版本。`);
  const check = await checkTaskBookVersion(tx, project, row);
  if (check.problems.length > 0) {
    throw taskBookProblem('TASK_BOOK_CHECK_FAILED', `任务书有 ${check.problems.length} 处未通过核对：${check.problems.map((p) => p.message).join('；')}`, check.problems.map((p) => ({ field: p.field, message: p.message })), { baseline: check.baseline });
  }
  const at = new Date();
  const [frozen] = await tx.update(taskBookVersions).set({ status: 'signing', frozenAt: at }).where(eq(taskBookVersions.id, row.id)).returning();
  const content = row.content as TaskBookContent;
  await recordProjectEvent(tx, actor, project.id, { kind: 'taskBook.frozen', at, summary: `${row.kind === 'original' ? '任务书' : '补充任务书'}第${row.versionNo}版提交签署（财政经费 ${formatWan(content.fiscal.totalYuan)}，摘要 ${row.contentHash.slice(0, 12)}…），内容冻结`, detail: { versionId: row.id, contentHash: row.contentHash } });
  await recordAudit(tx, actor, { action: 'project.taskBook.freeze', entityType: 'taskBook', entityId: row.id, changes: { status: { before: 'draft', after: 'signing' } }, detail: { projectId: project.id, versionNo: row.versionNo, contentHash: row.contentHash, baseline: check.baseline } });
  return frozen!;
}

/**
 * For the change part: a supplementary task book (补充任务书) drafted from an approved change, in the caller's
 * transaction, with what the change allows it to differ in from the version in force. It is then frozen
 * (`freezeTaskBook`, or POST …/freeze) and signed (`signTaskBook`, or POST …/sign) like the first version.
 */
export async function draftTaskBookSupplement(tx: Tx, actor: Actor, projectId: string, input: { content: TaskBookContent; changeId: string | null; allowed?: TaskBookAllowedChanges; summary?: string }): Promise<TaskBookVersionRow> {
  const row = await insertTaskBookVersion(tx, actor, projectId, { kind: 'supplement', content: input.content, changeId: input.changeId, ...(input.summary ? { summary: input.summary } : {}) });
  if (input.allowed && (input.allowed.indicators || input.allowed.content || input.allowed.period)) await allowTaskBookChanges(tx, actor, row.id, input.allowed, input.changeId);
  return row;
}

/** Records what an approved change allows a drafted supplement to differ in (only while it is a draft). */
export async function allowTaskBookChanges(tx: Tx, actor: Actor, versionId: string, allowed: TaskBookAllowedChanges, changeId: string | null): Promise<void> {
  const [row] = await tx.select().from(taskBookVersions).where(eq(taskBookVersions.id, versionId)).for('update');
  if (!row) throw taskBookProblem('TASK_BOOK_NOT_FOUND');
  if (row.status !== 'draft' || row.kind !== 'supplement') throw taskBookProblem('TASK_BOOK_NOT_DRAFT', '只能为草拟中的补充任务书登记已批准的变更范围。');
  const values = { indicators: allowed.indicators ?? false, content: allowed.content ?? false, period: allowed.period ?? false, changeId, grantedBy: actor.id };
  await tx.insert(taskBookAllowances).values({ versionId, ...values }).onConflictDoUpdate({ target: taskBookAllowances.versionId, set: { ...values, grantedAt: new Date() } });
  await recordAudit(tx, actor, { action: 'project.taskBook.allow', entityType: 'taskBook', entityId: versionId, detail: { projectId: row.projectId, ...values } });
}
