/**
 * Demo monitoring data (SEED_DEMO only): the demo department account acts for one responsible unit, the
 * "315" plan gets demonstration base values and a history of monthly reports relative to today (accepted up
 * to two months ago, last month's submitted and awaiting review for some units, this cycle still open), a few
 * task progress reports, and the approved-project records behind the YJ-2 statistics. Every demonstration
 * figure is fictional and labelled as such; idempotent.
 */
import { randomUUID } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import { decimalFromNumber, isCountUnit, yearEnd, mulberry32, periodEnd, periodFiledIn, periodsBetween, previousPeriod, reportingPeriodFor, shanghaiToday, type Frequency } from '@kechuang/domain';
import type { Db } from '../client.js';
import { users } from '../../modules/accounts/schema.js';
import { recordAudit, SYSTEM_ACTOR } from '../../modules/audit/record.js';
import { DEMO_PROGRAMME_CODE } from '../../modules/monitoring/portfolio.js';
import {
  monitoringIndicators,
  monitoringIndicatorUnits,
  monitoringMilestones,
  monitoringPlans,
  monitoringReportRevisions,
  monitoringReports,
  monitoringTaskReports,
  monitoringTasks,
  monitoringTaskUnits,
  monitoringUnitMembers,
  monitoringUnits,
  portfolioProjects,
  portfolioReported,
  townEvaluations,
} from '../../modules/monitoring/schema.js';

/** The unit the demo `department` account reports for. */
export const DEMO_DEPARTMENT_UNIT = 'nb-zzb';

/** Every demo record a person can see says so: report notes, progress texts and names start or end with this. */
export const DEMO_MARK = '【演示】';
/** The note on every accepted demo report. */
export const DEMO_REPORT_NOTE = `${DEMO_MARK}虚构的演示数值`;

/** Digits to keep for a unit of measure, so a demo value looks like a real figure. */
function placesFor(unit: string, target: number): number {
  if (unit.includes('%')) return 2;
  if (target >= 1000 || isCountUnit(unit)) return 0;
  return 2;
}

export async function seedDemoMonitoring(db: Db, now = new Date()): Promise<boolean> {
  const [plan] = await db.select().from(monitoringPlans).where(eq(monitoringPlans.code, 'nb-315'));
  const [unit] = await db.select().from(monitoringUnits).where(eq(monitoringUnits.code, DEMO_DEPARTMENT_UNIT));
  const [dept] = await db.select().from(users).where(eq(users.username, 'department'));
  const [officer] = await db.select().from(users).where(eq(users.username, 'officer'));
  if (!plan || !unit || !dept) return false;
  const [member] = await db.select().from(monitoringUnitMembers).where(and(eq(monitoringUnitMembers.unitId, unit.id), eq(monitoringUnitMembers.userId, dept.id)));
  if (member) return false;
  const actor = { ...SYSTEM_ACTOR, name: 'system.demo' };
  const today = shanghaiToday(now);
  const reporting = reportingPeriodFor('monthly', today);
  const lastAccepted = previousPeriod(reporting);
  const rand = mulberry32(315);

  await db.transaction(async (tx) => {
    await tx.insert(monitoringUnitMembers).values({ unitId: unit.id, userId: dept.id });
    await recordAudit(tx, actor, { action: 'monitoring.unit.member.add', entityType: 'monitoring_unit', entityId: unit.id, detail: { user: 'department' } });

    const indicators = await tx
      .select({ i: monitoringIndicators, unitId: monitoringIndicatorUnits.unitId })
      .from(monitoringIndicators)
      .innerJoin(monitoringIndicatorUnits, and(eq(monitoringIndicatorUnits.indicatorId, monitoringIndicators.id), eq(monitoringIndicatorUnits.position, 0)))
      .where(eq(monitoringIndicators.planId, plan.id));
    const reportRows: (typeof monitoringReports.$inferInsert)[] = [];
    const revisionRows: (typeof monitoringReportRevisions.$inferInsert)[] = [];
    // Lead units that have already filed last month, so the lateness list has both kinds.
    const punctual = new Set(indicators.map((x) => x.unitId).filter((_, n) => n % 3 === 0));
    let k = 0;
    for (const { i, unitId } of indicators) {
      k++;
      const target = Number(i.targetValue);
      if (!Number.isFinite(target) || i.targetValue === null) continue;
      const growth = i.targetKind === 'growth';
      // A fictional starting point below the target, so the path climbs (or, for growth, a level to compound from).
      const base = growth ? 100 : i.direction === 'higher' ? target * (0.55 + rand() * 0.2) : target * (1.3 + rand() * 0.2);
      const places = growth ? 2 : placesFor(i.unit, target);
      const baseValue = base.toFixed(places);
      if (i.baseValue === null) {
        await tx.update(monitoringIndicators).set({ baseValue, note: `${i.note ? `${i.note}；` : ''}演示基数（虚构，仅供演示）` }).where(and(eq(monitoringIndicators.id, i.id), isNull(monitoringIndicators.baseValue)));
      }
      const b = Number(i.baseValue ?? baseValue);
      // Pace: behind, on, or ahead of the straight line, so every status appears.
      const pace = [0.8, 1, 1.12][k % 3]!;
      // Fabricated figures only: a float path is fine here, the values are stored as decimals and read exactly.
      const start = Date.parse(`${yearEnd(i.baseYear)}T00:00:00Z`);
      const end = Date.parse(`${yearEnd(i.targetYear)}T00:00:00Z`);
      const flow = i.aggregation === 'sum';
      const valueAt = (date: string): string => {
        const t = Date.parse(`${date}T00:00:00Z`);
        const f = Math.min(1.2, ((t - start) / (end - start)) * pace);
        // Flows are reported per period: a month's share of that year's total (the base is a yearly total).
        const year = Number(date.slice(0, 4));
        const yearly = growth ? b * Math.pow(1 + (target / 100) * pace, year - i.baseYear) : flow ? target * pace : 0;
        const periodsPerYear = i.frequency === 'monthly' ? 12 : i.frequency === 'quarterly' ? 4 : 1;
        const v = flow ? yearly / periodsPerYear : growth ? b * Math.pow(1 + (target / 100) * pace, (t - start) / (365.25 * 86_400_000)) : b + (target - b) * f;
        return decimalFromNumber(Number((v * (1 + (rand() - 0.5) * (flow ? 0.2 : 0.01))).toFixed(places)));
      };
      for (const month of periodsBetween(`${plan.periodStart}-01`, reporting)) {
        const key = periodFiledIn(i.frequency as Frequency, month);
        if (!key) continue;
        const value = valueAt(periodEnd(key));
        const id = randomUUID();
        const at = new Date(`${periodEnd(key)}T02:00:00Z`);
        const submittedAt = new Date(at.getTime() + 6 * 86_400_000);
        if (month <= lastAccepted) {
          reportRows.push({ id, indicatorId: i.id, period: key, unitId, value, note: DEMO_REPORT_NOTE, state: 'accepted', revision: 1, acceptedValue: value, acceptedAt: new Date(submittedAt.getTime() + 86_400_000), submittedBy: null, submittedAt, reviewedBy: officer?.id ?? null, reviewedAt: new Date(submittedAt.getTime() + 86_400_000), reviewComment: null });
          revisionRows.push({ id: randomUUID(), reportId: id, kind: 'indicator', revision: 1, action: 'accept', value, note: `${DEMO_MARK}演示数据`, state: 'accepted', byName: 'system.demo', at: submittedAt });
        } else if (punctual.has(unitId) && unitId !== unit.id) {
          reportRows.push({ id, indicatorId: i.id, period: key, unitId, value, note: `${DEMO_MARK}按月统计快报（虚构）`, state: 'submitted', revision: 1, submittedAt: now });
          revisionRows.push({ id: randomUUID(), reportId: id, kind: 'indicator', revision: 1, action: 'submit', value, note: `${DEMO_MARK}演示数据`, state: 'submitted', byName: 'system.demo', at: now });
        }
      }
    }
    for (let n = 0; n < reportRows.length; n += 500) await tx.insert(monitoringReports).values(reportRows.slice(n, n + 500));
    for (let n = 0; n < revisionRows.length; n += 500) await tx.insert(monitoringReportRevisions).values(revisionRows.slice(n, n + 500));

    // Task progress: the lead units reported through last month; two demonstration milestones make one task overdue.
    const tasks = await tx
      .select({ t: monitoringTasks, unitId: monitoringTaskUnits.unitId })
      .from(monitoringTasks)
      .innerJoin(monitoringTaskUnits, and(eq(monitoringTaskUnits.taskId, monitoringTasks.id), eq(monitoringTaskUnits.position, 0)))
      .where(eq(monitoringTasks.planId, plan.id));
    const taskRows: (typeof monitoringTaskReports.$inferInsert)[] = [];
    const taskRevisions: (typeof monitoringReportRevisions.$inferInsert)[] = [];
    tasks.forEach(({ t, unitId }, n) => {
      const history = periodsBetween(previousPeriod(previousPeriod(previousPeriod(lastAccepted))), lastAccepted);
      history.forEach((month, h) => {
        const percent = Math.min(95, 30 + n * 3 + h * 5);
        const id = randomUUID();
        const reviewedAt = new Date(`${periodEnd(month)}T09:00:00Z`);
        taskRevisions.push({ id: randomUUID(), reportId: id, kind: 'task', revision: 1, action: 'accept', value: String(percent), note: `${DEMO_MARK}演示数据`, state: 'accepted', byName: 'system.demo', at: reviewedAt });
        taskRows.push({ id, taskId: t.id, period: month, unitId, percent, progress: `${DEMO_MARK}按计划推进，累计完成约${percent}%（虚构）`, note: `${DEMO_MARK}`, state: 'accepted', revision: 1, submittedAt: new Date(`${periodEnd(month)}T08:00:00Z`), reviewedAt, reviewedBy: officer?.id ?? null });
      });
    });
    if (taskRows.length) await tx.insert(monitoringTaskReports).values(taskRows);
    if (taskRevisions.length) await tx.insert(monitoringReportRevisions).values(taskRevisions);
    const [first, second] = tasks;
    const midYear = `${today.slice(0, 4)}-06-30`;
    if (first && midYear < today) await tx.insert(monitoringMilestones).values({ id: randomUUID(), taskId: first.t.id, title: '完成年度阶段性目标（演示里程碑）', due: midYear, doneOn: null, sortOrder: 99 });
    if (second && midYear < today) await tx.insert(monitoringMilestones).values({ id: randomUUID(), taskId: second.t.id, title: '完成年度阶段性目标（演示里程碑）', due: midYear, doneOn: midYear, sortOrder: 99 });
    await recordAudit(tx, actor, { action: 'monitoring.demo.seed', entityType: 'monitoring_plan', entityId: plan.id, detail: { reports: reportRows.length, taskReports: taskRows.length } });

    // YJ-2: 2024 as the reply letter reports it (301 approved, 169 with enterprise + university/institute,
    // 229 led or joined by enterprises ≈ 76%), with fictional project records that add up to those counts.
    const projects: (typeof portfolioProjects.$inferInsert)[] = [];
    const fields = ['高端功能材料', '工业互联网', '关键核心基础件', '集成电路', '生物医药', '智能装备', '新能源汽车', '海洋材料'];
    const add = (year: number, no: number, leadType: 'enterprise' | 'university' | 'institute', participants: ('enterprise' | 'university' | 'institute')[]) =>
      projects.push({
        id: randomUUID(),
        year,
        projectNo: `演示-YJ${year}-${String(no).padStart(4, '0')}`,
        title: `${fields[no % fields.length]}关键技术攻关（演示项目${no}）`,
        leadName: leadType === 'enterprise' ? `演示企业${(no % 97) + 1}号` : leadType === 'university' ? `演示高校${(no % 7) + 1}号` : `演示研究院${(no % 11) + 1}号`,
        leadType,
        participantTypes: [...new Set([leadType, ...participants])],
        programmeCode: DEMO_PROGRAMME_CODE,
      });
    const cohort = (year: number, joint: number, enterpriseOnly: number, academicOnly: number) => {
      let no = 1;
      for (let j = 0; j < joint; j++) add(year, no++, j % 4 === 0 ? 'university' : 'enterprise', j % 2 ? ['university'] : ['institute', 'enterprise']);
      for (let j = 0; j < enterpriseOnly; j++) add(year, no++, 'enterprise', ['enterprise']);
      for (let j = 0; j < academicOnly; j++) add(year, no++, j % 2 ? 'institute' : 'university', ['university']);
    };
    cohort(2023, 131, 52, 73);
    cohort(2024, 169, 60, 72);
    await tx.insert(portfolioProjects).values(projects);
    // The reported figures are the letter's; they sit beside fictional records, so the source says who entered them.
    const source = '宁波市科技局对市政协提案的答复（甬科函〔2025〕51号）；演示环境录入';
    await tx.insert(portfolioReported).values([
      { id: randomUUID(), year: 2024, metric: 'approved', value: '301', source },
      { id: randomUUID(), year: 2024, metric: 'jointShare', value: '56.17%', source },
      { id: randomUUID(), year: 2024, metric: 'enterpriseShare', value: '76%', source },
    ]);
    await recordAudit(tx, actor, { action: 'monitoring.portfolio.import', entityType: 'portfolio_project', entityId: 'demo', detail: { saved: projects.length } });

    // P315-7: a town/street evaluation with fictional values, so the ranking page has something to rank.
    const townIndicators = [
      { code: 'hte', name: '高新技术企业数（家）', weight: 25, direction: 'higher' as const },
      { code: 'sme', name: '科技型中小企业数（家）', weight: 20, direction: 'higher' as const },
      { code: 'rd', name: 'R&D经费投入强度（%）', weight: 25, direction: 'higher' as const },
      { code: 'trade', name: '技术交易额（亿元）', weight: 15, direction: 'higher' as const },
      { code: 'projects', name: '科技项目立项数（项）', weight: 15, direction: 'higher' as const },
    ];
    const names = ['首南街道', '钟公庙街道', '下应街道', '潘火街道', '中河街道', '百丈街道', '东胜街道', '姜山镇', '五乡镇', '邱隘镇', '云龙镇', '横溪镇'];
    const towns = names.map((name, n) => ({
      code: `T${String(n + 1).padStart(2, '0')}`,
      name: `${name}（演示）`,
      values: {
        hte: String(Math.round(40 + rand() * 160)),
        sme: String(Math.round(150 + rand() * 500)),
        rd: (1.5 + rand() * 3).toFixed(2),
        trade: (0.5 + rand() * 6).toFixed(2),
        projects: n === 11 ? null : String(Math.round(5 + rand() * 40)),
      },
    }));
    const evaluationId = randomUUID();
    await tx.insert(townEvaluations).values({ id: evaluationId, title: `${Number(today.slice(0, 4)) - 1}年度镇乡（街道）科技创新能力评价（演示数据）`, year: Number(today.slice(0, 4)) - 1, indicators: townIndicators, towns });
    await recordAudit(tx, actor, { action: 'monitoring.townEvaluation.create', entityType: 'town_evaluation', entityId: evaluationId, detail: { demo: true } });
  });
  return true;
}
