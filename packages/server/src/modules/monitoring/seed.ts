/**
 * Seeds the plans as issued (YZ-1, YZ-2, P315-1/2) and the responsible units. Idempotent by code: a plan
 * already present is left as the bureau has since edited it (base values entered, units reassigned).
 */
import { randomUUID } from 'node:crypto';
import { eq, inArray } from 'drizzle-orm';
import type { PlanDef, ResponsibleUnitDef } from '@kechuang/domain';
import type { Tx } from '../../db/client.js';
import { recordAudit, type Actor } from '../audit/record.js';
import {
  monitoringIndicators,
  monitoringIndicatorUnits,
  monitoringMilestones,
  monitoringPlans,
  monitoringTasks,
  monitoringTaskUnits,
  monitoringUnits,
} from './schema.js';

export async function seedUnits(tx: Tx, actor: Actor, units: readonly ResponsibleUnitDef[]): Promise<number> {
  const existing = new Set((await tx.select({ code: monitoringUnits.code }).from(monitoringUnits)).map((r) => r.code));
  const fresh = units.filter((u) => !existing.has(u.code));
  if (fresh.length === 0) return 0;
  const rows = fresh.map((u) => ({ id: randomUUID(), code: u.code, name: u.name, kind: u.kind }));
  await tx.insert(monitoringUnits).values(rows);
  for (const r of rows) await recordAudit(tx, actor, { action: 'monitoring.unit.create', entityType: 'monitoring_unit', entityId: r.id, changes: { code: { after: r.code }, name: { after: r.name } } });
  return rows.length;
}

export async function seedPlanDefinitions(tx: Tx, actor: Actor, plans: readonly PlanDef[]): Promise<number> {
  const present = new Set((await tx.select({ code: monitoringPlans.code }).from(monitoringPlans).where(inArray(monitoringPlans.code, plans.map((p) => p.code)))).map((r) => r.code));
  const unitIds = new Map((await tx.select({ id: monitoringUnits.id, code: monitoringUnits.code }).from(monitoringUnits)).map((u) => [u.code, u.id]));
  const unitId = (code: string): string => {
    const id = unitIds.get(code);
    if (!id) throw new Error(`plan data names unknown unit ${code}`);
    return id;
  };
  // Earlier seeds ended a plan's source with an internal file reference ("（seeds/004）"); the bureau never edits
  // the source, so a present plan still carrying one is brought to the definition's wording, audited.
  for (const row of await tx.select({ id: monitoringPlans.id, code: monitoringPlans.code, source: monitoringPlans.source }).from(monitoringPlans).where(inArray(monitoringPlans.code, plans.map((p) => p.code)))) {
    const def = plans.find((p) => p.code === row.code)!;
    if (/（seeds\/\d+）$/.test(row.source) && row.source !== def.source) {
      await tx.update(monitoringPlans).set({ source: def.source, updatedAt: new Date() }).where(eq(monitoringPlans.id, row.id));
      await recordAudit(tx, actor, { action: 'monitoring.plan.update', entityType: 'monitoring_plan', entityId: row.id, changes: { source: { before: row.source, after: def.source } } });
    }
  }
  let added = 0;
  for (const def of plans) {
    if (present.has(def.code)) continue;
    const planId = randomUUID();
    await tx.insert(monitoringPlans).values({
      id: planId,
      code: def.code,
      name: def.name,
      shortName: def.shortName,
      issuer: def.issuer,
      documentNo: def.documentNo,
      issuedOn: def.issuedOn,
      periodStart: def.periodStart,
      periodEnd: def.periodEnd,
      status: def.status,
      source: def.source,
      ruleIds: [...def.ruleIds],
      categories: [...def.categories],
    });
    const indicatorRows = def.indicators.map((i) => ({
      id: randomUUID(),
      planId,
      code: i.code,
      category: i.category,
      seq: i.seq,
      name: i.name,
      unit: i.unit,
      direction: i.direction,
      core: i.core,
      targetKind: i.targetKind,
      aggregation: i.aggregation,
      frequency: i.frequency,
      baseYear: i.base.year,
      baseValue: i.base.value,
      targetYear: i.target.year,
      targetValue: i.target.value,
      actualYear: i.actual?.year ?? null,
      actualValue: i.actual?.value ?? null,
      dataSource: i.dataSource,
      definition: i.definition,
      ruleIds: [...i.ruleIds],
      note: i.note,
    }));
    if (indicatorRows.length) await tx.insert(monitoringIndicators).values(indicatorRows);
    const links = def.indicators.flatMap((i, n) => i.responsibleUnits.map((u, position) => ({ indicatorId: indicatorRows[n]!.id, unitId: unitId(u), position })));
    if (links.length) await tx.insert(monitoringIndicatorUnits).values(links);
    const taskRows = def.tasks.map((t, n) => ({ id: randomUUID(), planId, code: t.code, section: t.section, seq: t.seq, sortOrder: n, title: t.title, content: t.content, due: t.due, ruleIds: [...t.ruleIds] }));
    if (taskRows.length) await tx.insert(monitoringTasks).values(taskRows);
    const taskLinks = def.tasks.flatMap((t, n) => t.responsibleUnits.map((u, position) => ({ taskId: taskRows[n]!.id, unitId: unitId(u), position })));
    if (taskLinks.length) await tx.insert(monitoringTaskUnits).values(taskLinks);
    const milestones = def.tasks.flatMap((t, n) => t.milestones.map((m, sortOrder) => ({ id: randomUUID(), taskId: taskRows[n]!.id, title: m.title, due: m.due, sortOrder })));
    if (milestones.length) await tx.insert(monitoringMilestones).values(milestones);
    await recordAudit(tx, actor, {
      action: 'monitoring.plan.seed',
      entityType: 'monitoring_plan',
      entityId: planId,
      detail: { code: def.code, source: def.source, indicators: indicatorRows.length, tasks: taskRows.length },
    });
    added++;
  }
  return added;
}

export async function findUnitByCode(tx: Tx, code: string) {
  const [u] = await tx.select().from(monitoringUnits).where(eq(monitoringUnits.code, code));
  return u ?? null;
}
