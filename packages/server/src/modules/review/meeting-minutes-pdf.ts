/**
 * A decision meeting's minutes as a PDF (会议纪要): date, minutes number, agenda, minutes, the decision on every
 * project with its amount in 万元, who recorded it and the leader's sign-off, with the platform's committed Chinese
 * font (assets/fonts, the same one the receipts use). Unsigned minutes are marked 草稿 on every page. A page or two
 * renders in well under a second, so it is made on request rather than through the receipt worker.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pdfmake from 'pdfmake';
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import { formatCenti, formatShanghai, formatWan, MEETING_DECISION_LABELS, MEETING_KIND_LABELS, type MeetingOverview } from '@kechuang/domain';

const FONT = fileURLToPath(new URL('../../../assets/fonts/NotoSansSC-Regular-Subset.otf', import.meta.url));
pdfmake.setFonts({ NotoSansSC: { normal: FONT, bold: FONT, italics: FONT, bolditalics: FONT } });
// Minutes never fetch anything: no URLs, and on disk only the font (the same rule the receipts set).
pdfmake.setUrlAccessPolicy(() => false);
pdfmake.setLocalAccessPolicy((p) => path.resolve(p) === FONT);

export function minutesDefinition(callTitle: string, o: MeetingOverview): TDocumentDefinitions {
  const m = o.meeting!;
  const label = MEETING_KIND_LABELS[m.kind];
  const agenda = new Map(o.agenda.map((a) => [a.applicationId, a]));
  const draft = m.signedAt === null;
  const rows: Content[][] = m.decisions.map((d, i) => {
    const a = agenda.get(d.applicationId);
    return [
      { text: String(i + 1) },
      { text: a ? `${a.title}\n${a.applicationNo}  ${a.organisationName}` : d.applicationId },
      { text: a?.scoreCenti != null ? formatCenti(a.scoreCenti) : '—', alignment: 'right' },
      { text: a ? formatWan(a.plannedAmountYuan) : '—', alignment: 'right' },
      { text: MEETING_DECISION_LABELS[d.decision] },
      { text: d.amountYuan === null ? '—' : formatWan(d.amountYuan), alignment: 'right' },
      { text: d.note || '' },
    ];
  });
  const approved = m.decisions.reduce((s, d) => s + (d.amountYuan ?? 0), 0);
  const signedAt = m.signedAt ? formatShanghai(m.signedAt) : null;
  return {
    info: { title: `${label}纪要 ${m.minutesNo}`, subject: callTitle, creator: '科创', producer: '科创', ...(m.signedAt ? { creationDate: new Date(m.signedAt), modDate: new Date(m.signedAt) } : {}) },
    pageSize: 'A4',
    pageMargins: [48, 56, 48, 56],
    defaultStyle: { font: 'NotoSansSC', fontSize: 10, lineHeight: 1.3 },
    styles: { h1: { fontSize: 18, alignment: 'center', margin: [0, 0, 0, 4] }, h2: { fontSize: 12, margin: [0, 12, 0, 4] }, th: { bold: true, fillColor: '#f0f0f0' }, muted: { color: '#555555', fontSize: 9 } },
    ...(draft ? { watermark: { text: '草稿 未签发', color: '#cc0000', opacity: 0.12, fontSize: 60 } } : {}),
    header: () => ({ text: `${label}纪要  ${m.minutesNo}${draft ? '（草稿，未签发）' : ''}`, style: 'muted', alignment: 'right', margin: [48, 24, 48, 0] }),
    footer: (page: number, pages: number) => ({ text: `第 ${page} 页 / 共 ${pages} 页`, style: 'muted', alignment: 'center', margin: [48, 16, 48, 0] }),
    content: [
      { text: `${label}纪要`, style: 'h1' },
      { text: m.minutesNo, alignment: 'center', margin: [0, 0, 0, 12] },
      { text: `评审轮次：${callTitle}` },
      { text: `会议日期：${m.heldOn}` },
      { text: '议程', style: 'h2' },
      { text: m.agenda || '—' },
      { text: '会议纪要', style: 'h2' },
      { text: m.minutes },
      { text: '逐项决定（金额单位：万元）', style: 'h2' },
      {
        table: { headerRows: 1, widths: [18, '*', 36, 48, 48, 48, 90], body: [['序号', '项目', '得分', '方案金额', '决定', '决定金额', '说明'].map((t): Content => ({ text: t, style: 'th' })), ...rows] },
        layout: 'lightHorizontalLines',
        fontSize: 9,
      },
      { text: `同意立项 ${m.decisions.filter((d) => d.decision === 'approve').length} 项，合计 ${formatWan(approved)}元；不予立项 ${m.decisions.filter((d) => d.decision === 'reject').length} 项；暂缓 ${m.decisions.filter((d) => d.decision === 'defer').length} 项。`, margin: [0, 8, 0, 0] },
      { text: `记录：${m.recordedByName}（${formatShanghai(m.recordedAt)}）`, margin: [0, 16, 0, 0] },
      { text: signedAt ? `签发：${m.signedByName}（${signedAt}）` : '签发：尚未签发', margin: [0, 4, 0, 0] },
    ],
  };
}

export async function renderMinutes(callTitle: string, o: MeetingOverview): Promise<Buffer> {
  return pdfmake.createPdf(minutesDefinition(callTitle, o)).getBuffer();
}
