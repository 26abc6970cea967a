/**
 * The Excel exports behind monitoring's tables and charts, as use cases: each reads what its page shows and
 * says which columns the workbook has; the route only sends it. Figures are the same exact strings the page gets.
 */
import { formatShanghai } from '@kechuang/domain';
import type { Db } from '../../db/client.js';
import type { ExcelColumn } from '../../http/excel.js';
import { lateness, reviewQueue, type ReviewFilter } from './review.js';
import { readIndicatorSeries, readPlan } from './plans.js';
import { listProjects } from './portfolio.js';
import { todayShanghai } from './service.js';
import { listTasks } from './tasks.js';
import { readTownEvaluation } from './towns.js';
import type { TaskStatus } from '@kechuang/domain';

export interface WorkbookExport<T> {
  filename: string;
  sheet: string;
  columns: ExcelColumn<T>[];
  rows: T[];
  note?: string;
}

const exportedAt = () => `导出时间 ${formatShanghai(new Date())}（北京时间）`;

export async function planIndicatorsExport(db: Db, code: string) {
  const { plan, indicators } = await readPlan(db, code);
  type Row = (typeof indicators)[number];
  const columns: ExcelColumn<Row>[] = [
    { header: '类别', width: 22, value: (i) => i.category ?? '' },
    { header: '序号', width: 6, value: (i) => i.seq },
    { header: '指标名称', width: 40, value: (i) => i.name },
    { header: '单位', width: 10, value: (i) => i.unit },
    { header: '方向', width: 8, value: (i) => i.directionLabel },
    { header: '核心指标', width: 8, value: (i) => (i.core ? '是' : '') },
    { header: '基数年份', width: 8, value: (i) => i.base.year },
    { header: '基数', value: (i) => i.base.value ?? '—' },
    { header: '目标年份', width: 8, value: (i) => i.target.year },
    { header: '目标值', value: (i) => (i.target.value === null ? '—' : i.targetKind === 'growth' ? `年均增长 ${i.target.value}%` : i.target.value) },
    { header: '实绩/最新值', value: (i) => i.latest?.value ?? '' },
    { header: '最新期次', value: (i) => i.latest?.periodLabel ?? '' },
    // Counts are expected in whole units, as the page shows them.
    { header: '期望值', value: (i) => (i.countUnit ? (i.display.expected ?? '') : (i.expected ?? '')) },
    { header: '完成率(%)', value: (i) => i.completionRate ?? '' },
    { header: '进度(%)', value: (i) => i.progressRate ?? '' },
    { header: '状态', value: (i) => i.statusLabel },
    { header: '判定', value: (i) => i.verdictLabel ?? '未到期' },
    { header: '责任单位（首位牵头）', width: 40, value: (i) => i.responsibleUnits.map((u) => u.name).join('、') },
    { header: '报送频率', value: (i) => i.frequencyLabel },
    { header: '说明', width: 50, value: (i) => i.note },
  ];
  return { filename: `${plan.shortName}-指标-${todayShanghai()}.xlsx`, sheet: '指标体系', columns, rows: indicators, note: `${plan.name}；${exportedAt()}` } satisfies WorkbookExport<Row>;
}

export async function indicatorSeriesExport(db: Db, caller: { userId: string; canManage: boolean }, id: string) {
  const s = await readIndicatorSeries(db, caller, id);
  const expectedAt = new Map(s.path.map((p) => [p.date, p.expected]));
  type Row = (typeof s.points)[number];
  const i = s.indicator;
  const columns: ExcelColumn<Row>[] = [
    { header: '期次', value: (p) => p.periodLabel },
    { header: `本期值（${i.unit || '—'}）`, value: (p) => p.value },
    { header: '已采纳值', value: (p) => p.acceptedValue ?? '' },
    { header: '状态', value: (p) => p.stateLabel },
    { header: '路径期望值', value: (p) => (p.date ? (expectedAt.get(p.date) ?? '') : '') },
    { header: '修订版本', value: (p) => p.revision },
  ];
  const note = `${i.name}；基数 ${i.base.year}年 ${i.base.value ?? '—'}，目标 ${i.target.year}年 ${i.target.value ?? '—'}${i.targetKind === 'growth' ? '（年均增长率%）' : ''}；${exportedAt()}`;
  return { filename: `${i.name}-报送序列.xlsx`, sheet: '报送序列', columns, rows: s.points, note } satisfies WorkbookExport<Row>;
}

export async function tasksExport(db: Db, planCode: string, filter: { unit?: string | undefined; status?: TaskStatus | undefined }) {
  const items = await listTasks(db, planCode, filter);
  type Row = (typeof items)[number];
  const columns: ExcelColumn<Row>[] = [
    { header: '序号', width: 8, value: (t) => t.seq },
    { header: '工程', width: 30, value: (t) => t.section },
    { header: '任务', width: 30, value: (t) => t.title },
    { header: '牵头单位', width: 20, value: (t) => t.responsibleUnits[0]?.name ?? '' },
    { header: '配合单位', width: 40, value: (t) => t.responsibleUnits.slice(1).map((u) => u.name).join('、') },
    { header: '完成时限', value: (t) => t.due },
    { header: '最新进度(%)', value: (t) => t.latestProgress?.percent ?? '' },
    { header: '最新进展', width: 50, value: (t) => t.latestProgress?.progress ?? '' },
    { header: '状态', value: (t) => t.statusLabel },
    { header: '逾期原因', width: 30, value: (t) => t.overdueReason ?? '' },
  ];
  return { filename: `任务清单-${planCode}-${todayShanghai()}.xlsx`, sheet: '任务清单', columns, rows: items } satisfies WorkbookExport<Row>;
}

export async function reviewExport(db: Db, filter: Omit<ReviewFilter, 'page' | 'pageSize'>) {
  const { items } = await reviewQueue(db, { ...filter, page: 1, pageSize: 10_000 });
  type Row = (typeof items)[number];
  const columns: ExcelColumn<Row>[] = [
    { header: '期次', value: (x) => x.periodLabel },
    { header: '指标编码', value: (x) => x.indicator.code },
    { header: '指标', width: 40, value: (x) => x.indicator.name },
    { header: '单位', width: 8, value: (x) => x.indicator.unit },
    { header: '责任单位', width: 20, value: (x) => x.unit.name },
    { header: '本期值', value: (x) => x.value },
    { header: '上期值', value: (x) => x.previousValue ?? '' },
    { header: '说明', width: 40, value: (x) => x.note },
    { header: '状态', value: (x) => x.stateLabel },
    { header: '提交时间（北京时间）', width: 20, value: (x) => (x.submittedAt ? formatShanghai(x.submittedAt) : '') },
    { header: '审核意见', width: 30, value: (x) => x.reviewComment ?? '' },
  ];
  return { filename: `指标报送-${todayShanghai()}.xlsx`, sheet: '指标报送', columns, rows: items } satisfies WorkbookExport<Row>;
}

export async function latenessExport(db: Db, planCode: string, month: string | undefined) {
  const l = await lateness(db, planCode, month);
  type Row = (typeof l.items)[number];
  const columns: ExcelColumn<Row>[] = [
    { header: '责任单位', width: 24, value: (x) => x.unit.name },
    { header: '应报', value: (x) => x.expected },
    { header: '已报', value: (x) => x.submitted },
    { header: '已采纳', value: (x) => x.accepted },
    { header: '未报', value: (x) => x.missing },
    { header: '完整率(%)', value: (x) => x.completeness },
    { header: '逾期', value: (x) => (x.late ? '是' : '') },
    { header: '最近提醒（北京时间）', width: 20, value: (x) => (x.lastReminderAt ? formatShanghai(x.lastReminderAt) : '') },
  ];
  return { filename: `报送完整性-${l.period}.xlsx`, sheet: '报送完整性', columns, rows: l.items, note: `${l.periodLabel}，截止 ${l.due}` } satisfies WorkbookExport<Row>;
}

export async function projectsExport(db: Db, filter: { year?: number | undefined; q?: string | undefined }) {
  const { items } = await listProjects(db, { ...filter, page: 1, pageSize: 100_000 });
  type Row = (typeof items)[number];
  const columns: ExcelColumn<Row>[] = [
    { header: '立项年度', value: (p) => p.year },
    { header: '项目编号', width: 18, value: (p) => p.projectNo },
    { header: '项目名称', width: 40, value: (p) => p.title },
    { header: '牵头单位', width: 30, value: (p) => p.leadName },
    { header: '牵头单位类型', value: (p) => p.leadTypeLabel },
    { header: '参与单位类型', width: 30, value: (p) => p.participantLabels.join('、') },
  ];
  return { filename: `立项项目-${todayShanghai()}.xlsx`, sheet: '立项项目', columns, rows: items } satisfies WorkbookExport<Row>;
}

export async function townRankingExport(db: Db, id: string) {
  const e = await readTownEvaluation(db, id);
  type Row = (typeof e.result)[number];
  const columns: ExcelColumn<Row>[] = [
    { header: '排名', width: 8, value: (t) => t.rank },
    { header: '镇街', width: 20, value: (t) => t.name },
    { header: '得分', value: (t) => t.score },
    ...e.indicators.map((i) => ({ header: `${i.name}（权重${i.weight}）`, width: 20, value: (t: Row) => t.contributions.find((c) => c.indicatorCode === i.code)?.points ?? '' })),
    { header: '缺报指标', width: 30, value: (t) => t.missing.map((c) => e.indicators.find((i) => i.code === c)?.name ?? c).join('、') },
  ];
  return { filename: `${e.title}-排名.xlsx`, sheet: '得分排名', columns, rows: e.result, note: `${e.year}年；得分 = Σ 权重 × 该指标在各镇街间的最小—最大归一化值（逆向指标反向）` } satisfies WorkbookExport<Row>;
}
