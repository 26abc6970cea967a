/**
 * Task-book versions (任务书) as stored: every version's content is hashed when written; the trigger of
 * migration 0021 refuses any change to the content of a version once it has left the draft. The task-book part
 * owns generation checks, signing and the PDF; changes call `insertTaskBookVersion` for a supplement.
 */
import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, inArray, max } from 'drizzle-orm';
import { taskBookHash, type TaskBookContent, type TaskBookKind, type TaskBookParty, type TaskBookStatus, type TaskBookVersionSummary } from '@kechuang/domain';
import type { Tx } from '../../db/client.js';
import { recordAudit, type Actor } from '../audit/record.js';
import { recordProjectEvent } from './lifecycle.js';
import { taskBookSignatures, taskBookVersions } from './schema.js';

export type TaskBookVersionRow = typeof taskBookVersions.$inferSelect;

export async function insertTaskBookVersion(tx: Tx, actor: Actor, projectId: string, input: { kind: TaskBookKind; content: TaskBookContent; changeId?: string | null; status?: TaskBookStatus; summary?: string }): Promise<TaskBookVersionRow> {
  const [{ n }] = (await tx.select({ n: max(taskBookVersions.versionNo) }).from(taskBookVersions).where(eq(taskBookVersions.projectId, projectId))) as [{ n: number | null }];
  const versionNo = (n ?? 0) + 1;
  const contentHash = taskBookHash(input.content);
  const [row] = await tx.insert(taskBookVersions).values({
    id: randomUUID(), projectId, versionNo, kind: input.kind, status: input.status ?? 'draft', content: input.content, contentHash, changeId: input.changeId ?? null, createdBy: actor.id,
  }).returning();
  const label = input.kind === 'original' ? '任务书' : '补充任务书';
  await recordProjectEvent(tx, actor, projectId, { kind: 'taskBook.created', summary: input.summary ?? `生成${label}第${versionNo}版（摘要 ${contentHash.slice(0, 12)}…）`, detail: { versionId: row!.id, versionNo, contentHash } });
  await recordAudit(tx, actor, { action: 'project.taskBook.draft', entityType: 'taskBook', entityId: row!.id, detail: { projectId, versionNo, kind: input.kind, contentHash, changeId: input.changeId ?? null } });
  return row!;
}

export async function taskBookVersionRows(db: Tx, projectId: string): Promise<TaskBookVersionRow[]> {
  return db.select().from(taskBookVersions).where(eq(taskBookVersions.projectId, projectId)).orderBy(asc(taskBookVersions.versionNo));
}

/** The signed version in force: the latest signed one (a later signed supplement supersedes it). */
export async function taskBookInForce(db: Tx, projectId: string): Promise<TaskBookVersionRow | null> {
  const [row] = await db.select().from(taskBookVersions).where(and(eq(taskBookVersions.projectId, projectId), eq(taskBookVersions.status, 'signed'))).orderBy(desc(taskBookVersions.versionNo)).limit(1);
  return row ?? null;
}

/** The latest version whatever its status (the one being prepared or signed). */
export async function latestTaskBook(db: Tx, projectId: string): Promise<TaskBookVersionRow | null> {
  const [row] = await db.select().from(taskBookVersions).where(eq(taskBookVersions.projectId, projectId)).orderBy(desc(taskBookVersions.versionNo)).limit(1);
  return row ?? null;
}

export async function taskBookSummaries(db: Tx, projectId: string): Promise<TaskBookVersionSummary[]> {
  const rows = await taskBookVersionRows(db, projectId);
  const sigs = rows.length === 0 ? [] : await db.select().from(taskBookSignatures).where(inArray(taskBookSignatures.versionId, rows.map((r) => r.id))).orderBy(asc(taskBookSignatures.signedAt));
  return rows.map((r) => ({
    id: r.id,
    versionNo: r.versionNo,
    kind: r.kind as TaskBookKind,
    status: r.status as TaskBookStatus,
    contentHash: r.contentHash,
    changeId: r.changeId,
    createdAt: r.createdAt.toISOString(),
    signedAt: r.signedAt?.toISOString() ?? null,
    signatures: sigs.filter((s) => s.versionId === r.id).map((s) => ({ party: s.party as TaskBookParty, signerName: s.signerName, signedAt: s.signedAt.toISOString() })),
  }));
}
