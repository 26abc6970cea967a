/**
 * The frozen PDF receipt (申报书) of one submission: application number, generation time (Asia/Shanghai),
 * page numbers and the content hash on every page, with the committed Chinese font (assets/fonts, made by
 * scripts/make-pdf-font.mjs). The same input always gives the same bytes: the creation date is the
 * generation time given, never the clock.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pdfmake from 'pdfmake';
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import {
  ATTACHMENT_KIND_LABELS,
  BUDGET_SUBJECT_LABELS,
  budgetTotals,
  formatShanghai,
  formatWan,
  INDICATOR_KIND_LABELS,
  maskResidentId,
  ORGANISATION_TYPE_LABELS,
  PARTNER_ROLE_LABELS,
  TASK_TYPE_LABELS,
  type ApplicationContent,
  type FormSection,
} from '@kechuang/domain';

export const RECEIPT_FONT_PATH = fileURLToPath(new URL('../../../assets/fonts/NotoSansSC-Regular-Subset.otf', import.meta.url));

pdfmake.setFonts({ NotoSansSC: { normal: RECEIPT_FONT_PATH, bold: RECEIPT_FONT_PATH, italics: RECEIPT_FONT_PATH, bolditalics: RECEIPT_FONT_PATH } });
// A receipt never fetches anything: no URLs, and on disk only the font.
pdfmake.setUrlAccessPolicy(() => false);
pdfmake.setLocalAccessPolicy((p) => path.resolve(p) === RECEIPT_FONT_PATH);

export interface ReceiptInput {
  applicationNo: string;
  /** Version number of the frozen content within the application. */
  version: number;
  contentHash: string;
  submittedAt: Date;
  generatedAt: Date;
  call: { title: string; programmeName: string };
  organisation: { name: string; creditCode: string };
  guidelineItem: { code: string; title: string } | null;
  categoryName: string;
  fieldName: string;
  formSections: readonly FormSection[];
  content: ApplicationContent;
}

const cell = (v: unknown): Content => ({ text: v === undefined || v === null || v === '' ? '—' : String(v) });
const head = (labels: string[]): Content[] => labels.map((l) => ({ text: l, style: 'th' }));

function table(labels: string[], rows: unknown[][], widths?: (string | number)[]): Content {
  if (rows.length === 0) return { text: '（无）', style: 'muted' };
  return { table: { headerRows: 1, widths: widths ?? labels.map(() => '*'), body: [head(labels), ...rows.map((r) => r.map(cell))] }, layout: 'lightHorizontalLines', style: 'table' };
}

function budgetRows(lines: NonNullable<NonNullable<ApplicationContent['budget']>['lines']>): unknown[][] {
  const rows: unknown[][] = lines.map((l) => [
    BUDGET_SUBJECT_LABELS[l.subject!] ?? l.subject,
    formatWan(l.fiscalCityYuan ?? 0),
    formatWan(l.fiscalDistrictYuan ?? 0),
    formatWan(l.selfRaisedYuan ?? 0),
    formatWan(l.otherYuan ?? 0),
    formatWan((l.fiscalCityYuan ?? 0) + (l.fiscalDistrictYuan ?? 0) + (l.selfRaisedYuan ?? 0) + (l.otherYuan ?? 0)),
  ]);
  const t = budgetTotals(lines);
  rows.push(['合计', formatWan(t.fiscalCityYuan), formatWan(t.fiscalDistrictYuan), formatWan(t.selfRaisedYuan), formatWan(t.otherYuan), formatWan(t.totalYuan)]);
  return rows;
}
const BUDGET_HEAD = ['科目', '市级财政', '区级财政', '自筹', '其他', '小计'];

/** The document definition: pure data, so tests can read what will be printed. */
export function receiptDefinition(r: ReceiptInput): TDocumentDefinitions {
  const c = r.content;
  const b = c.basic ?? {};
  const generated = formatShanghai(r.generatedAt);
  const h = (text: string): Content => ({ text, style: 'h2' });
  const body: Content[] = [
    { text: '科技计划项目申报书', style: 'h1' },
    { text: r.call.title, alignment: 'center', margin: [0, 0, 0, 12] },
    table(
      ['项目', '内容'],
      [
        ['申报编号', r.applicationNo],
        ['申报单位', `${r.organisation.name}（统一社会信用代码 ${r.organisation.creditCode}）`],
        ['计划', r.call.programmeName],
        ['指南条目', r.guidelineItem ? `${r.guidelineItem.code} ${r.guidelineItem.title}` : '—'],
        ['提交时间（北京时间）', formatShanghai(r.submittedAt)],
        ['版本', `第${r.version}版`],
      ],
      [120, '*'],
    ),
    h('一、基本信息'),
    table(
      ['项目', '内容'],
      [
        ['项目名称', b.title],
        ['类别', r.categoryName],
        ['领域 / 细分方向', `${r.fieldName}${b.subDirection ? ` / ${b.subDirection}` : ''}`],
        ['任务类型', b.taskType ? TASK_TYPE_LABELS[b.taskType] : undefined],
        ['产业链 / 创新链环节', `${b.industryChain ?? '—'} / ${b.innovationChain ?? '—'}`],
        ['实施期', `${b.startDate ?? '—'} 至 ${b.endDate ?? '—'}`],
        ['关键词', (b.keywords ?? []).join('、')],
        ['产业化目标导向', b.industrialisationOriented === undefined ? undefined : b.industrialisationOriented ? '是' : '否'],
      ],
      [120, '*'],
    ),
    h('二、考核指标'),
    table(['类型', '指标', '单位', '现有值', '目标值', '考核方式'], (c.indicators ?? []).map((i) => [i.kind ? INDICATOR_KIND_LABELS[i.kind] : undefined, i.name, i.unit, i.currentValue, i.targetValue, i.verification])),
    h('三、年度推进计划'),
    table(['年度', '目标', '里程碑'], (c.yearlyPlan ?? []).map((y) => [y.year, y.goals, (y.milestones ?? []).map((m) => `${m.date ?? ''} ${m.description ?? ''}`).join('\n')]), [50, '*', '*']),
    h('四、项目团队'),
    table(
      ['角色', '姓名', '职称', '出生年份 / 分工', '身份证号码 / 投入时间'],
      [
        ['负责人', c.team?.leader?.name, c.team?.leader?.title, c.team?.leader?.birthYear, c.team?.leader?.idNumber ? maskResidentId(c.team.leader.idNumber) : undefined],
        ...(c.team?.members ?? []).map((m) => ['成员', m.name, m.title, m.role, m.timeSharePercent === undefined ? undefined : `${m.timeSharePercent}%`]),
      ],
    ),
    h('五、合作单位'),
    table(['单位', '统一社会信用代码', '类型', '地区', '角色', '工作 / 经费占比'], (c.partners ?? []).map((p) => [p.name, p.creditCode, p.type ? ORGANISATION_TYPE_LABELS[p.type] : undefined, p.region, p.role ? PARTNER_ROLE_LABELS[p.role] : undefined, `${p.workSharePercent ?? '—'}% / ${p.budgetSharePercent ?? '—'}%`])),
    h('六、经费预算（万元）'),
    table(BUDGET_HEAD, budgetRows(c.topics?.length ? c.topics.flatMap((t) => t.budget ?? []) : (c.budget?.lines ?? []))),
    ...(c.budget?.overlaps?.length ? [{ text: `与上级项目重复：${c.budget.overlaps.map((o) => `${o.name ?? ''} ${formatWan(o.amountYuan ?? 0)}`).join('；')}`, style: 'muted' } as Content] : []),
    ...(c.topics?.length
      ? [
          h('七、课题'),
          ...c.topics.flatMap((t): Content[] => [
            { text: `${t.code ?? ''} ${t.title ?? ''}`, style: 'h3' },
            { text: `承担单位：${t.leadUnitName ?? '—'}（${t.leadCreditCode ?? '—'}）  负责人：${t.leaderName ?? '—'}` },
            { text: `目标：${t.goals ?? '—'}` },
            table(BUDGET_HEAD, budgetRows(t.budget ?? [])),
          ]),
        ]
      : []),
    h('附件'),
    table(['类型', '文件名', 'SHA-256'], (c.attachments ?? []).map((a) => [ATTACHMENT_KIND_LABELS[a.slot], a.fileName, a.sha256]), [90, 120, '*']),
    h('申报书正文'),
    ...r.formSections.flatMap((s): Content[] => [
      { text: s.title, style: 'h3' },
      ...s.items.flatMap((i): Content[] => [{ text: i.title, bold: true, margin: [0, 4, 0, 2] }, { text: c.sections?.[i.key]?.trim() || '（未填写）' }]),
    ]),
  ];
  return {
    info: { title: `申报书 ${r.applicationNo}`, author: r.organisation.name, subject: r.call.title, creator: '科创', producer: '科创', creationDate: r.generatedAt, modDate: r.generatedAt },
    pageSize: 'A4',
    pageMargins: [48, 56, 48, 64],
    defaultStyle: { font: 'NotoSansSC', fontSize: 10, lineHeight: 1.3 },
    styles: {
      h1: { fontSize: 18, alignment: 'center', margin: [0, 0, 0, 6] },
      h2: { fontSize: 13, margin: [0, 14, 0, 6] },
      h3: { fontSize: 11, margin: [0, 8, 0, 4] },
      th: { bold: true, fillColor: '#f0f0f0' },
      table: { margin: [0, 0, 0, 4], fontSize: 9 },
      muted: { color: '#666666', fontSize: 9 },
      foot: { fontSize: 7.5, color: '#444444' },
    },
    header: () => ({ text: `申报编号 ${r.applicationNo}`, style: 'foot', alignment: 'right', margin: [48, 24, 48, 0] }),
    footer: (page: number, pages: number) => ({
      margin: [48, 8, 48, 0],
      stack: [
        { text: `内容摘要（SHA-256）${r.contentHash}`, style: 'foot' },
        { columns: [{ text: `生成时间 ${generated}（北京时间）  申报编号 ${r.applicationNo}`, style: 'foot' }, { text: `第 ${page} 页 / 共 ${pages} 页`, style: 'foot', alignment: 'right', width: 90 }] },
      ],
    }),
    content: body,
  };
}

export async function renderReceipt(r: ReceiptInput): Promise<Buffer> {
  return pdfmake.createPdf(receiptDefinition(r)).getBuffer();
}
