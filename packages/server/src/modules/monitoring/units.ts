/**
 * Who acts for a responsible unit (责任单位). The bureau links 责任单位 accounts to units; the account itself
 * (its roles, its password) stays the accounts context's, read here only to name and check it.
 */
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { userByUsername, userSummaries } from '../accounts/service.js';
import { recordAudit, type Actor } from '../audit/record.js';
import { monitoringProblem } from './errors.js';
import { monitoringUnitMembers, monitoringUnits } from './schema.js';

async function unitByCode(db: Db, code: string) {
  const [u] = await db.select().from(monitoringUnits).where(eq(monitoringUnits.code, code));
  if (!u) throw monitoringProblem('UNIT_NOT_FOUND', `责任单位“${code}”不存在。`);
  return u;
}

export async function unitMembers(db: Db, code: string) {
  const unit = await unitByCode(db, code);
  const members = await db.select().from(monitoringUnitMembers).where(eq(monitoringUnitMembers.unitId, unit.id));
  const since = new Map(members.map((m) => [m.userId, m.createdAt]));
  const people = (await userSummaries(db, [...since.keys()])).sort((a, b) => (a.username < b.username ? -1 : a.username > b.username ? 1 : 0));
  const items = people.map((p) => ({ userId: p.id, username: p.username, name: p.name, status: p.status, since: since.get(p.id)!.toISOString() }));
  return { unit: { code: unit.code, name: unit.name }, items };
}

export async function addUnitMember(db: Db, actor: Actor, code: string, username: string) {
  const unit = await unitByCode(db, code);
  return db.transaction(async (tx) => {
    const user = await userByUsername(tx, username);
    // Only 责任单位 accounts report: an officer or an applicant linked to a unit would gain a unit's duties by accident.
    if (!user || !user.roles.includes('department')) throw monitoringProblem('UNIT_NOT_FOUND', `没有名为“${username}”的责任单位账号（角色须为“责任单位”）。`, [{ field: 'username', message: '须为责任单位角色的账号' }]);
    const [exists] = await tx.select().from(monitoringUnitMembers).where(and(eq(monitoringUnitMembers.unitId, unit.id), eq(monitoringUnitMembers.userId, user.id)));
    if (exists) return { unit: unit.code, userId: user.id, added: false };
    await tx.insert(monitoringUnitMembers).values({ unitId: unit.id, userId: user.id });
    await recordAudit(tx, actor, { action: 'monitoring.unit.member.add', entityType: 'monitoring_unit', entityId: unit.id, detail: { user: user.username, userId: user.id } });
    return { unit: unit.code, userId: user.id, added: true };
  });
}

export async function removeUnitMember(db: Db, actor: Actor, code: string, userId: string) {
  const unit = await unitByCode(db, code);
  await db.transaction(async (tx) => {
    const deleted = await tx.delete(monitoringUnitMembers).where(and(eq(monitoringUnitMembers.unitId, unit.id), eq(monitoringUnitMembers.userId, userId))).returning();
    if (deleted.length === 0) throw monitoringProblem('UNIT_NOT_FOUND', '该账号不是此责任单位的成员。');
    await recordAudit(tx, actor, { action: 'monitoring.unit.member.remove', entityType: 'monitoring_unit', entityId: unit.id, detail: { userId } });
  });
}
