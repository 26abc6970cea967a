/**
 * 经费预算: expense subjects × sources (财政 split city/district per NB-7, 自筹, 其他) with row and column totals,
 * typed in 万元 and stored as integer 元; totals are the domain's budgetTotals and formatWan, never float sums.
 */
import { BUDGET_SOURCE_LABELS, BUDGET_SOURCES, BUDGET_SUBJECT_LABELS, BUDGET_SUBJECTS, budgetTotals, formatWan, OVERLAP_LEVEL_LABELS, OVERLAP_LEVELS, type BudgetSource, type BudgetSubject } from '@kechuang/domain';
import { Table, Typography } from 'antd';
import { fieldId, type Content, type Reason } from '../model';
import { RowsTable, SelectCell, setAt, TextCell, WanCell } from './cells';
import { ReasonAlerts } from './ReasonAlerts';

type Line = NonNullable<NonNullable<Content['budget']>['lines']>[number];
type Overlap = NonNullable<NonNullable<Content['budget']>['overlaps']>[number];

const zeroLine = (subject: BudgetSubject): Line => ({ subject, fiscalCityYuan: 0, fiscalDistrictYuan: 0, selfRaisedYuan: 0, otherYuan: 0 });
const rowTotal = (l: Line | undefined) => (l ? BUDGET_SOURCES.reduce((s, k) => s + (l[k] ?? 0), 0) : 0);

/** One grid of all subjects; a subject's line exists once any of its amounts is entered (the others then 0). */
export function BudgetLinesGrid({ path, lines, onChange, disabled }: { path: string; lines: Line[]; onChange: (lines: Line[]) => void; disabled: boolean }) {
  const setCell = (subject: BudgetSubject, source: BudgetSource, yuan: number | undefined) => {
    const i = lines.findIndex((l) => l.subject === subject);
    const line = { ...(i >= 0 ? lines[i]! : zeroLine(subject)), [source]: yuan ?? 0 };
    const next = i >= 0 ? setAt(lines, i, line) : [...lines, line];
    // A subject with nothing in it is not a line of the budget.
    onChange(next.filter((l) => l !== line || rowTotal(l) > 0));
  };
  const totals = budgetTotals(lines);
  const data = BUDGET_SUBJECTS.map((subject) => ({ subject, line: lines.find((l) => l.subject === subject) }));
  return (
    <div id={fieldId(path)} tabIndex={-1}>
      <Table
        size="small"
        bordered
        pagination={false}
        rowKey="subject"
        dataSource={data}
        columns={[
          { title: '预算科目', key: 'subject', width: 150, render: (_, r) => BUDGET_SUBJECT_LABELS[r.subject] },
          ...BUDGET_SOURCES.map((source) => ({
            title: `${BUDGET_SOURCE_LABELS[source]}（万元）`,
            key: source,
            render: (_: unknown, r: { subject: BudgetSubject; line: Line | undefined }) => {
              const i = lines.findIndex((l) => l.subject === r.subject);
              return <WanCell path={`${path}.${i >= 0 ? i : `new-${r.subject}`}.${source}`} label={`${BUDGET_SUBJECT_LABELS[r.subject]} ${BUDGET_SOURCE_LABELS[source]}`} yuan={r.line?.[source]} disabled={disabled} onChange={(y) => setCell(r.subject, source, y)} />;
            },
          })),
          { title: '合计', key: 'total', width: 110, align: 'right' as const, render: (_, r) => <span data-testid={`budget-row-total-${r.subject}`}>{formatWan(rowTotal(r.line))}</span> },
        ]}
        summary={() => (
          <Table.Summary fixed>
            <Table.Summary.Row>
              <Table.Summary.Cell index={0}>
                <Typography.Text strong>合计</Typography.Text>
              </Table.Summary.Cell>
              {BUDGET_SOURCES.map((s, i) => (
                <Table.Summary.Cell key={s} index={i + 1} align="right">
                  {formatWan(totals[s])}
                </Table.Summary.Cell>
              ))}
              <Table.Summary.Cell index={5} align="right">
                <Typography.Text strong data-testid="budget-total">
                  {formatWan(totals.totalYuan)}
                </Typography.Text>
              </Table.Summary.Cell>
            </Table.Summary.Row>
          </Table.Summary>
        )}
      />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        财政经费合计 {formatWan(totals.fiscalYuan)}（市级 {formatWan(totals.fiscalCityYuan)}，区级 {formatWan(totals.fiscalDistrictYuan)}）
      </Typography.Text>
    </div>
  );
}

export function BudgetPart({ content, setContent, disabled, reasons, hasTopics }: { content: Content; setContent: (u: (c: Content) => Content) => void; disabled: boolean; reasons: readonly Reason[]; hasTopics: boolean }) {
  const lines = content.budget?.lines ?? [];
  const overlaps = content.budget?.overlaps ?? [];
  const setLines = (next: Line[]) => setContent((c) => ({ ...c, budget: { ...c.budget, lines: next } }));
  const setOverlaps = (next: Overlap[]) => setContent((c) => ({ ...c, budget: { ...c.budget, overlaps: next } }));
  return (
    <>
      <ReasonAlerts reasons={reasons} field="budget" />
      {hasTopics ? <Typography.Paragraph type="secondary">专项项目的预算为各课题预算之和（NB-8）；如在此填写，须与课题合计一致。</Typography.Paragraph> : null}
      <BudgetLinesGrid path="budget.lines" lines={lines} onChange={setLines} disabled={disabled} />
      <Typography.Title level={5}>已获上级项目支持（如有）</Typography.Title>
      <RowsTable<Overlap>
        path="budget.overlaps"
        rows={overlaps}
        disabled={disabled}
        max={20}
        addLabel="添加上级项目"
        newRow={() => ({})}
        onChange={setOverlaps}
        columns={[
          { title: '层级', key: 'level', width: 120, render: (_, r) => <SelectCell path={`budget.overlaps.${r.index}.level`} label={`第${r.index + 1}个上级项目层级`} value={r.row.level} options={OVERLAP_LEVELS.map((l) => ({ value: l, label: OVERLAP_LEVEL_LABELS[l] }))} disabled={disabled} onChange={(v) => setOverlaps(setAt(overlaps, r.index, { level: v }))} /> },
          { title: '项目名称', key: 'name', render: (_, r) => <TextCell path={`budget.overlaps.${r.index}.name`} label={`第${r.index + 1}个上级项目名称`} value={r.row.name} maxLength={200} disabled={disabled} onChange={(v) => setOverlaps(setAt(overlaps, r.index, { name: v }))} /> },
          { title: '支持金额（万元）', key: 'amount', width: 160, render: (_, r) => <WanCell path={`budget.overlaps.${r.index}.amountYuan`} label={`第${r.index + 1}个上级项目支持金额`} yuan={r.row.amountYuan} disabled={disabled} onChange={(y) => setOverlaps(setAt(overlaps, r.index, { amountYuan: y }))} /> },
        ]}
      />
    </>
  );
}
