/**
 * A task-book version as a PDF (任务书): parties, goals, indicators with core marks, yearly plan and milestones,
 * budget by subject × source in 万元 with the NB-7 city/district split, topics, partners and every party's
 * signature, with the content hash (SHA-256) in the footer of every page. A version not yet in force says so on
 * every page (草稿 / 签署中 / 已被替代). Same committed font and access policy as the receipts and the minutes;
 * a long one costs seconds of CPU, so routes render it in a worker thread (task-book-pdf-pool.ts) as receipts are.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pdfmake from 'pdfmake';
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import {
  formatShanghai,
  formatWan,
  INDICATOR_KIND_LABELS,
  PARTNER_ROLE_LABELS,
  TASK_BOOK_KIND_LABELS,
  TASK_BOOK_PARTY_LABELS,
  taskBookBudgetRows,
  taskBookSectionTitle,
  type TaskBookVersionView,
} from '@kechuang/domain';

const FONT = fileURLToPath(new URL('../../../assets/fonts/NotoSansSC-Regular-Subset.otf', import.meta.url));
pdfmake.setFonts({ NotoSansSC: { normal: FONT, bold: FONT, italics: FONT, bolditalics: FONT } });
pdfmake.setUrlAccessPolicy(() => false);
pdfmake.setLocalAccessPolicy((p) => path.resolve(p) === FONT);

export type TaskBookPdfVersion = Pick<TaskBookVersionView, 'versionNo' | 'kind' | 'status' | 'contentHash' | 'content' | 'requiredParties' | 'signatures' | 'signedAt' | 'frozenAt'>;

/** The mark a version not in force carries on every page; null for the signed version. */
export function taskBookPdfMark(status: TaskBookPdfVersion['status']): string | null {
  return { draft: '草稿（未提交签署）', signing: '签署中（尚未生效）', signed: null, superseded: '已被补充任务书替代' }[status];
}

const cell = (v: unknown): Content => ({ text: v === undefined || v === null || v === '' ? '—' : String(v) });
const wan = (yuan: number) => formatWan(yuan).replace(/万$/, '');

function table(labels: string[], rows: unknown[][], widths?: (string | number)[], right: number[] = []): Content {
  if (rows.length === 0) return { text: '（无）', style: 'muted' };
  return {
    table: { headerRows: 1, widths: widths ?? labels.map(() => '*'), body: [labels.map((l): Content => ({ text: l, style: 'th' })), ...rows.map((r) => r.map((v, i) => (right.includes(i) ? { ...(cell(v) as object), alignment: 'right' } as Content : cell(v))))] },
    layout: 'lightHorizontalLines',
    style: 'table',
  };
}

export function taskBookDefinition(v: TaskBookPdfVersion, generatedAt: Date): TDocumentDefinitions {
  const c = v.content;
  const mark = taskBookPdfMark(v.status);
  const label = TASK_BOOK_KIND_LABELS[v.kind];
  const h = (text: string): Content => ({ text, style: 'h2' });
  const sig = new Map(v.signatures.map((s) => [s.party, s]));
  const budget = taskBookBudgetRows(c.budget);
  const body: Content[] = [
    { text: `科技计划项目${label}`, style: 'h1' },
    { text: `${c.projectNo}　第${v.versionNo}版${mark ? `　${mark}` : ''}`, alignment: 'center', margin: [0, 0, 0, 12] },
    table(['项目', '内容'], [
      ['项目名称', c.title],
      ['立项编号', c.projectNo],
      [TASK_BOOK_PARTY_LABELS.bureau, c.parties.bureau],
      [TASK_BOOK_PARTY_LABELS.undertaker, `${c.parties.undertaker.name}（统一社会信用代码 ${c.parties.undertaker.creditCode}）`],
      [TASK_BOOK_PARTY_LABELS.department, c.parties.department ?? '无'],
      ['项目负责人', `${c.leader.name}${c.leader.title ? `（${c.leader.title}）` : ''}`],
      ['实施期', `${c.startDate} 至 ${c.endDate}`],
      ['财政经费', `${formatWan(c.fiscal.totalYuan)}元，其中市级 ${formatWan(c.fiscal.cityYuan)}元、区级 ${formatWan(c.fiscal.districtYuan)}元（NB-7 市区联动）`],
    ], [120, '*']),
    h('一、项目目标'),
    { text: c.goals || '—' },
    h('二、研究内容'),
    ...Object.entries(c.sections).flatMap(([key, text]): Content[] => [{ text: taskBookSectionTitle(key), style: 'h3' }, { text }]),
    h('三、考核指标（★ 为核心指标）'),
    table(['', '类型', '指标', '单位', '现有值', '目标值', '考核方式'], c.indicators.map((i) => [i.core ? '★' : '', INDICATOR_KIND_LABELS[i.kind], i.name, i.unit, i.currentValue, i.targetValue, i.verification]), [12, 44, '*', 40, 50, 60, 80]),
    h('四、年度计划与里程碑'),
    table(['年度', '目标', '里程碑'], c.yearlyPlan.map((y) => [y.year, y.goals, y.milestones.map((m) => `${m.date} ${m.description}`).join('\n')]), [40, '*', '*']),
    h('五、经费预算（单位：万元）'),
    table(['科目', '市级财政', '区级财政', '财政小计', '自筹', '其他', '合计'], budget.map((r) => [r.label, wan(r.cityYuan), wan(r.districtYuan), wan(r.fiscalYuan), wan(r.selfRaisedYuan), wan(r.otherYuan), wan(r.totalYuan)]), ['*', 54, 54, 54, 54, 44, 58], [1, 2, 3, 4, 5, 6]),
    h('六、课题设置'),
    table(['编号', '课题名称', '承担单位', '负责人', '目标'], c.topics.map((t) => [t.code, t.title, t.leadUnitName, t.leaderName, t.goals]), [40, '*', 90, 50, '*']),
    h('七、合作单位'),
    table(['单位', '统一社会信用代码', '角色', '经费占比'], c.partners.map((p) => [p.name, p.creditCode, PARTNER_ROLE_LABELS[p.role as keyof typeof PARTNER_ROLE_LABELS] ?? p.role, `${p.budgetSharePercent}%`]), ['*', 110, 50, 50]),
    h('八、签署'),
    table(['签署方', '单位', '签署人', '签署时间（北京时间）'], v.requiredParties.map((p) => {
      const s = sig.get(p);
      const unit = p === 'bureau' ? c.parties.bureau : p === 'undertaker' ? c.parties.undertaker.name : (c.parties.department ?? '');
      return [TASK_BOOK_PARTY_LABELS[p], unit, s ? `${s.signerName}${s.recordedByName ? `（${s.recordedByName} 登记）` : ''}` : '未签署', s ? formatShanghai(s.signedAt) : '—'];
    }), [90, '*', 110, 110]),
    { text: v.signedAt ? `各方签署完毕，${formatShanghai(v.signedAt)} 生效。各方签署的内容摘要均为 ${v.contentHash}。` : '本版本尚未生效。', margin: [0, 8, 0, 0] },
  ];
  const generated = formatShanghai(generatedAt);
  return {
    info: { title: `${label} ${c.projectNo} 第${v.versionNo}版`, subject: c.title, creator: '科创', producer: '科创', ...(v.signedAt ? { creationDate: new Date(v.signedAt), modDate: new Date(v.signedAt) } : {}) },
    pageSize: 'A4',
    pageMargins: [48, 56, 48, 64],
    defaultStyle: { font: 'NotoSansSC', fontSize: 10, lineHeight: 1.3 },
    styles: {
      h1: { fontSize: 18, alignment: 'center', margin: [0, 0, 0, 4] },
      h2: { fontSize: 12, margin: [0, 12, 0, 4] },
      h3: { fontSize: 10, bold: true, margin: [0, 6, 0, 2] },
      th: { bold: true, fillColor: '#f0f0f0' },
      table: { fontSize: 9 },
      muted: { color: '#555555', fontSize: 9 },
      foot: { color: '#555555', fontSize: 7.5 },
    },
    ...(mark ? { watermark: { text: v.status === 'draft' ? '草稿' : mark.replace(/（.*$/, ''), color: '#cc0000', opacity: 0.12, fontSize: 64 } } : {}),
    header: () => ({ text: `${label}  ${c.projectNo}  第${v.versionNo}版${mark ? `  ${mark}` : ''}`, style: 'muted', alignment: 'right', margin: [48, 24, 48, 0] }),
    footer: (page: number, pages: number) => ({
      margin: [48, 10, 48, 0],
      stack: [
        { text: `内容摘要（SHA-256）${v.contentHash}`, style: 'foot' },
        { columns: [{ text: `${mark ? `【${mark}】` : ''}生成时间 ${generated}（北京时间）  ${c.projectNo}`, style: 'foot' }, { text: `第 ${page} 页 / 共 ${pages} 页`, style: 'foot', alignment: 'right', width: 90 }] },
      ],
    }),
    content: body,
  };
}

export async function renderTaskBook(v: TaskBookPdfVersion, generatedAt = new Date()): Promise<Buffer> {
  return pdfmake.createPdf(taskBookDefinition(v, generatedAt)).getBuffer();
}
