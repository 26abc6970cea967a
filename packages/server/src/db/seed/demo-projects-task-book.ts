/**
 * Demo step of the task book (任务书, 演示): every project the later steps need running has its first task book
 * frozen and signed — 乙方 by a user of its own organisation, then 甲方 by the demo officer — through the real
 * use cases, so the project starts executing; the project awaiting signature is left frozen (提交签署) with
 * nobody's signature yet, the undertaker's the next one due.
 */
import { hasPermission, type Role } from '@kechuang/domain';
import type { Db } from '../client.js';
import type { Actor } from '../../modules/audit/record.js';
import { userByUsername } from '../../modules/accounts/service.js';
import { organisationMembers } from '../../modules/accounts/users.js';
import { findProject } from '../../modules/projects/lifecycle.js';
import { freezeTaskBook } from '../../modules/projects/task-book-edit.js';
import type { TaskBookActorAuth } from '../../modules/projects/task-book-read.js';
import { signTaskBook } from '../../modules/projects/task-book-sign.js';
import { latestTaskBook } from '../../modules/projects/task-book-store.js';
import type { DemoProjects } from './demo-projects.js';

interface DemoSigner {
  auth: TaskBookActorAuth;
  actor: Actor;
}

const signer = (u: { id: string; username: string; name: string; roles: Role[] }, organisationId: string | null): DemoSigner => ({
  auth: { roles: u.roles, user: { name: u.name, organisationId } },
  actor: { id: u.id, name: u.username, role: u.roles.join(','), ip: null },
});

export async function demoTaskBooks(db: Db, demo: DemoProjects): Promise<void> {
  const o = await userByUsername(db, 'officer');
  if (!o) throw new Error('demo user officer is missing');
  const officer = signer(o, null);
  const awaiting = demo.byRole.awaitingSignature;
  for (const projectId of [...demo.signed, awaiting]) {
    // Read before the transaction: on the embedded database a read outside it would wait for it.
    const members = await organisationMembers(db, (await findProject(db, projectId)).organisationId);
    await db.transaction(async (tx) => {
      const project = await findProject(tx, projectId);
      const draft = await latestTaskBook(tx, projectId);
      if (!draft || draft.status !== 'draft') return;
      const frozen = await freezeTaskBook(tx, officer.actor, projectId, draft.id);
      if (projectId === awaiting) return;
      const u = members.find((m) => m.status === 'active' && hasPermission(m.roles, 'project.undertake'));
      if (!u) throw new Error(`demo project ${project.projectNo}: no user of its organisation can sign`);
      await signTaskBook(tx, signer(u, project.organisationId), projectId, frozen.id, { party: 'undertaker', contentHash: frozen.contentHash });
      await signTaskBook(tx, officer, projectId, frozen.id, { party: 'bureau', contentHash: frozen.contentHash });
    });
  }
}
