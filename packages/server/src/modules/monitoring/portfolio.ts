/**
 * Portfolio statistics (YJ-2), computed from the approved-project records, with any figure a report states
 * kept beside the computed one so a disagreement (56.17% reported, 169/301 = 56.15%) is visible, not hidden.
 */
import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { cellAt, cellText, readFirstSheet } from '../../http/workbook.js';
import { and, asc, count, eq, ilike, or, type SQL } from 'drizzle-orm';
import { compareReported, compareReportedCount, mergePortfolioRecords, PORTFOLIO_METRIC_LABELS, portfolioStats, type PortfolioMetric, type PortfolioProject, type ReportedFigureInput } from '@kechuang/domain';
import type { Db } from '../../db/client.js';
import { recordAudit, type Actor } from '../audit/record.js';
import { projectParticipations } from '../projects/portfolio.js';
import { monitoringProblem } from './errors.js';
import { portfolioProjects, portfolioReported } from './schema.js';

const PROJECT_ROWS_MAX = 20_000;

const ORG_TYPES = ['enterprise', 'university', 'institute', 'hospital', 'other'] as const;
type OrgType = (typeof ORG_TYPES)[number];
export const ORG_TYPE_LABELS: Record<OrgType, string> = { enterprise: '企业', university: '高校', institute: '科研院所', hospital: '医疗机构', other: '其他' };

/** Project records the demo seed fabricates carry this programme code, so every statistic computed from them says so. */
export const DEMO_PROGRAMME_CODE = 'demo';

/**
 * YJ-2 per year from the records: every project approved on this platform (projects' own service reads them:
 * lead organisation type, partners' types from the application its task book was drawn from) and the imported rows
 * that are not platform projects; each year says how many records came from each.
 */
export async function portfolioOverview(db: Db) {
  const rows = await db.select({ projectNo: portfolioProjects.projectNo, year: portfolioProjects.year, leadType: portfolioProjects.leadType, participantTypes: portfolioProjects.participantTypes, programmeCode: portfolioProjects.programmeCode }).from(portfolioProjects);
  const platform = await projectParticipations(db);
  const { records, sources } = mergePortfolioRecords(platform, rows as (PortfolioProject & { projectNo: string })[]);
  const stats = portfolioStats(records);
  const platformNumbers = new Set(platform.map((p) => p.projectNo));
  const demoYears = new Set(rows.filter((r) => r.programmeCode === DEMO_PROGRAMME_CODE && !platformNumbers.has(r.projectNo)).map((r) => r.year));
  const reported = await db.select().from(portfolioReported).orderBy(asc(portfolioReported.year), asc(portfolioReported.metric));
  const years = [...new Set([...stats.map((s) => s.year), ...reported.map((r) => r.year)])].sort();
  return {
    // True when any statistic below is computed from demonstration records (演示数据), so the page can label it.
    demo: demoYears.size > 0,
    years: years.map((year) => {
      const s = stats.find((x) => x.year === year) ?? { year, approved: 0, joint: 0, jointShare: null, enterpriseInvolved: 0, enterpriseShare: null };
      return {
        ...s,
        demo: demoYears.has(year),
        ...(sources.get(year) ?? { fromProjects: 0, fromImported: 0 }),
        reported: reported
          .filter((r) => r.year === year)
          .map((r) => {
            const metric = r.metric as PortfolioMetric;
            const ratio = metric === 'jointShare' ? { num: s.joint, den: s.approved } : metric === 'enterpriseShare' ? { num: s.enterpriseInvolved, den: s.approved } : null;
            const computedCount = metric === 'approved' ? s.approved : metric === 'joint' ? s.joint : metric === 'enterpriseInvolved' ? s.enterpriseInvolved : null;
            const comparison = ratio
              ? ratio.den > 0
                ? compareReported(ratio, r.value)
                : null
              : compareReportedCount(computedCount!, r.value);
            return { id: r.id, metric, metricLabel: PORTFOLIO_METRIC_LABELS[metric], value: r.value, source: r.source, comparison };
          }),
      };
    }),
  };
}

/** Records a figure as a report states it; shares keep their '%' so the figure reads as written. */
export async function addReported(db: Db, actor: Actor, figure: ReportedFigureInput) {
  const input = { year: figure.year, metric: figure.metric, value: figure.metric.endsWith('Share') ? `${figure.reported}%` : figure.reported, source: figure.source ?? '' };
  return db.transaction(async (tx) => {
    const [dup] = await tx.select({ id: portfolioReported.id }).from(portfolioReported).where(and(eq(portfolioReported.year, input.year), eq(portfolioReported.metric, input.metric)));
    if (dup) throw monitoringProblem('REPORTED_FIGURE_EXISTS', `${input.year}年的“${PORTFOLIO_METRIC_LABELS[input.metric]}”报告值已录入，如需更正请先删除。`);
    const id = randomUUID();
    await tx.insert(portfolioReported).values({ id, ...input, createdBy: actor.id });
    await recordAudit(tx, actor, { action: 'monitoring.portfolio.reported.create', entityType: 'portfolio_reported', entityId: id, changes: { year: { after: input.year }, metric: { after: input.metric }, value: { after: input.value }, source: { after: input.source } } });
    return { id };
  });
}

export async function deleteReported(db: Db, actor: Actor, id: string) {
  await db.transaction(async (tx) => {
    const [r] = await tx.select().from(portfolioReported).where(eq(portfolioReported.id, id));
    if (!r) throw monitoringProblem('REPORT_NOT_FOUND', '报告值不存在。');
    await tx.delete(portfolioReported).where(eq(portfolioReported.id, id));
    await recordAudit(tx, actor, { action: 'monitoring.portfolio.reported.delete', entityType: 'portfolio_reported', entityId: id, changes: { value: { before: r.value, after: null } }, detail: { year: r.year, metric: r.metric } });
  });
}

export async function listProjects(db: Db, f: { year?: number | undefined; q?: string | undefined; page: number; pageSize: number }) {
  const where: SQL[] = [];
  if (f.year) where.push(eq(portfolioProjects.year, f.year));
  if (f.q) where.push(or(ilike(portfolioProjects.title, `%${f.q}%`), ilike(portfolioProjects.leadName, `%${f.q}%`), ilike(portfolioProjects.projectNo, `%${f.q}%`))!);
  const [total] = await db.select({ n: count() }).from(portfolioProjects).where(and(...where));
  const items = await db.select().from(portfolioProjects).where(and(...where)).orderBy(asc(portfolioProjects.year), asc(portfolioProjects.projectNo)).limit(f.pageSize).offset((f.page - 1) * f.pageSize);
  return {
    total: total?.n ?? 0,
    items: items.map((p) => ({ id: p.id, year: p.year, projectNo: p.projectNo, title: p.title, leadName: p.leadName, leadType: p.leadType, leadTypeLabel: ORG_TYPE_LABELS[p.leadType as OrgType] ?? p.leadType, participantTypes: p.participantTypes, participantLabels: p.participantTypes.map((t) => ORG_TYPE_LABELS[t as OrgType] ?? t) })),
  };
}

export const PROJECT_HEADERS = ['立项年度', '项目编号', '项目名称', '牵头单位', '牵头单位类型', '参与单位类型'] as const;

export async function projectTemplate(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('立项项目', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = PROJECT_HEADERS.map((header, i) => ({ header, key: String(i), width: [10, 18, 40, 30, 14, 30][i], style: { numFmt: '@' } }));
  ws.getRow(1).font = { bold: true };
  ws.addRow(['2024', 'YJ2024-0001', '（示例，导入前请删除）高端功能材料关键技术研发', '示例新材料有限公司', '企业', '企业、高校']);
  const info = wb.addWorksheet('说明');
  info.addRow(['单位类型可填', Object.values(ORG_TYPE_LABELS).join('、')]);
  info.addRow(['参与单位类型', '填写全部参与单位（含牵头单位）的类型，用顿号或逗号分隔']);
  info.getColumn(2).width = 60;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const typeOf = (label: string): OrgType | null => (Object.entries(ORG_TYPE_LABELS).find(([, l]) => l === label.trim())?.[0] as OrgType | undefined) ?? (ORG_TYPES.includes(label.trim() as OrgType) ? (label.trim() as OrgType) : null);

export async function importProjects(db: Db, actor: Actor, file: Buffer) {
  const sheet = await readFirstSheet(file, { maxRows: PROJECT_ROWS_MAX, tooManyRows: `一次最多导入 ${PROJECT_ROWS_MAX} 行，请分批导入。` });
  const errors: { line: number; field: string; message: string }[] = [...sheet.refused];
  const valid: { line: number; row: typeof portfolioProjects.$inferInsert }[] = [];
  const seen = new Set<string>();
  for (const { line, cells } of sheet.rows) {
    const [year, projectNo, title, leadName, leadType, participants] = [1, 2, 3, 4, 5, 6].map((c) => cellText(cellAt(cells, c))) as [string, string, string, string, string, string];
    if (!year && !projectNo && !title) continue;
    const before = errors.length;
    const y = Number(year);
    if (!/^\d{4}$/.test(year) || y < 2000 || y > 2100) errors.push({ line, field: '立项年度', message: `第${line}行：立项年度应为四位年份` });
    if (!projectNo) errors.push({ line, field: '项目编号', message: `第${line}行：项目编号为必填` });
    else if (seen.has(projectNo)) errors.push({ line, field: '项目编号', message: `第${line}行：项目编号“${projectNo}”在文件中重复` });
    if (!title) errors.push({ line, field: '项目名称', message: `第${line}行：项目名称为必填` });
    if (!leadName) errors.push({ line, field: '牵头单位', message: `第${line}行：牵头单位为必填` });
    const lt = typeOf(leadType);
    if (!lt) errors.push({ line, field: '牵头单位类型', message: `第${line}行：牵头单位类型应为${Object.values(ORG_TYPE_LABELS).join('、')}之一` });
    const parts = participants.split(/[、,，;；\s]+/).filter(Boolean);
    const pts = parts.map(typeOf);
    if (pts.some((p) => p === null)) errors.push({ line, field: '参与单位类型', message: `第${line}行：参与单位类型“${parts.filter((_, i) => pts[i] === null).join('、')}”无法识别` });
    if (errors.length > before) continue;
    seen.add(projectNo);
    const types = [...new Set([lt!, ...(pts as OrgType[])])];
    valid.push({ line, row: { id: randomUUID(), year: y, projectNo, title, leadName, leadType: lt!, participantTypes: types } });
  }
  return db.transaction(async (tx) => {
    let saved = 0;
    for (const { line, row } of valid) {
      const [dup] = await tx.select({ id: portfolioProjects.id }).from(portfolioProjects).where(eq(portfolioProjects.projectNo, row.projectNo));
      if (dup) {
        errors.push({ line, field: '项目编号', message: `第${line}行：项目编号“${row.projectNo}”已存在，未重复导入` });
        continue;
      }
      await tx.insert(portfolioProjects).values(row);
      saved++;
    }
    if (saved) await recordAudit(tx, actor, { action: 'monitoring.portfolio.import', entityType: 'portfolio_project', entityId: 'import', detail: { saved, rejected: errors.length } });
    return { saved, errors: errors.sort((a, b) => a.line - b.line) };
  });
}
