/** 考核指标 (technical and economic, each with unit, current and target value, verification) and 年度推进计划 with milestones. */
import { INDICATOR_KIND_LABELS, INDICATOR_KINDS } from '@kechuang/domain';
import { Button, Card, Col, DatePicker, Row, Space } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { dayjs } from '../../../../lib/time';
import { fieldId, type Content, type Reason } from '../model';
import { NumberCell, RowsTable, SelectCell, setAt, TextCell } from './cells';
import { ReasonAlerts } from './ReasonAlerts';

interface PartProps {
  content: Content;
  setContent: (u: (c: Content) => Content) => void;
  disabled: boolean;
  reasons: readonly Reason[];
}
type Indicator = NonNullable<Content['indicators']>[number];
type YearPlan = NonNullable<Content['yearlyPlan']>[number];

export function IndicatorsTable({ content, setContent, disabled, reasons }: PartProps) {
  const rows = content.indicators ?? [];
  const onChange = (next: Indicator[]) => setContent((c) => ({ ...c, indicators: next }));
  const text = (key: 'name' | 'unit' | 'currentValue' | 'targetValue' | 'verification', label: string, max: number) => ({
    title: label,
    key,
    render: (_: unknown, r: { row: Indicator; index: number }) => <TextCell path={`indicators.${r.index}.${key}`} label={`第${r.index + 1}项${label}`} value={r.row[key]} maxLength={max} disabled={disabled} onChange={(v) => onChange(setAt(rows, r.index, { [key]: v }))} />,
  });
  return (
    <>
      <ReasonAlerts reasons={reasons} field="indicators" />
      <RowsTable<Indicator>
        path="indicators"
        rows={rows}
        disabled={disabled}
        max={100}
        addLabel="添加考核指标"
        newRow={() => ({ kind: 'technical' })}
        onChange={onChange}
        columns={[
          { title: '类型', key: 'kind', width: 120, render: (_, r) => <SelectCell path={`indicators.${r.index}.kind`} label={`第${r.index + 1}项指标类型`} value={r.row.kind} disabled={disabled} options={INDICATOR_KINDS.map((k) => ({ value: k, label: INDICATOR_KIND_LABELS[k] }))} onChange={(v) => onChange(setAt(rows, r.index, { kind: v }))} /> },
          text('name', '指标名称', 100),
          { ...text('unit', '计量单位', 20), width: 100 },
          { ...text('currentValue', '现有值', 50), width: 110 },
          { ...text('targetValue', '目标值', 50), width: 110 },
          text('verification', '考核方式', 200),
        ]}
      />
    </>
  );
}

export function YearlyPlanTable({ content, setContent, disabled, reasons }: PartProps) {
  const rows = content.yearlyPlan ?? [];
  const onChange = (next: YearPlan[]) => setContent((c) => ({ ...c, yearlyPlan: next }));
  const nextYear = () => (rows.length ? Math.max(...rows.map((r) => r.year ?? 0)) + 1 : Number((content.basic?.startDate ?? dayjs().format('YYYY')).slice(0, 4)));
  return (
    <>
      <ReasonAlerts reasons={reasons} field="yearlyPlan" />
      <RowsTable<YearPlan>
        path="yearlyPlan"
        rows={rows}
        disabled={disabled}
        max={10}
        addLabel="添加年度"
        newRow={() => ({ year: nextYear(), milestones: [] })}
        onChange={onChange}
        columns={[
          { title: '年度', key: 'year', width: 96, render: (_, r) => <NumberCell path={`yearlyPlan.${r.index}.year`} label={`第${r.index + 1}行年度`} value={r.row.year} min={2000} max={2100} disabled={disabled} onChange={(v) => onChange(setAt(rows, r.index, { year: v }))} /> },
          { title: '年度目标', key: 'goals', render: (_, r) => <TextCell textarea path={`yearlyPlan.${r.index}.goals`} label={`${r.row.year ?? ''}年度目标`} value={r.row.goals} maxLength={2000} disabled={disabled} onChange={(v) => onChange(setAt(rows, r.index, { goals: v }))} /> },
          {
            title: '里程碑（日期 · 内容）',
            key: 'milestones',
            width: 420,
            render: (_, r) => {
              const ms = r.row.milestones ?? [];
              const setMs = (next: typeof ms) => onChange(setAt(rows, r.index, { milestones: next }));
              return (
                <Space direction="vertical" style={{ width: '100%' }} size={4}>
                  {ms.map((m, j) => (
                    <Row key={j} gutter={4} wrap={false}>
                      <Col flex="140px">
                        <DatePicker id={fieldId(`yearlyPlan.${r.index}.milestones.${j}.date`)} aria-label={`${r.row.year ?? ''}年第${j + 1}个里程碑日期`} disabled={disabled} value={m.date ? dayjs(m.date) : null} format="YYYY-MM-DD" onChange={(d) => setMs(setAt(ms, j, { date: d ? d.format('YYYY-MM-DD') : undefined }))} />
                      </Col>
                      <Col flex="auto">
                        <TextCell path={`yearlyPlan.${r.index}.milestones.${j}.description`} label={`${r.row.year ?? ''}年第${j + 1}个里程碑内容`} value={m.description} maxLength={200} disabled={disabled} onChange={(v) => setMs(setAt(ms, j, { description: v }))} />
                      </Col>
                      {!disabled ? (
                        <Col flex="32px">
                          <Button type="text" danger aria-label={`删除${r.row.year ?? ''}年第${j + 1}个里程碑`} icon={<DeleteOutlined />} onClick={() => setMs(ms.filter((_x, k) => k !== j))} />
                        </Col>
                      ) : null}
                    </Row>
                  ))}
                  {!disabled && ms.length < 20 ? (
                    <Button size="small" type="dashed" icon={<PlusOutlined />} onClick={() => setMs([...ms, {}])}>
                      添加里程碑
                    </Button>
                  ) : null}
                </Space>
              );
            },
          },
        ]}
      />
    </>
  );
}

/** A Card per part, so each tab reads as one table of the printed 申报书. */
export function PartCard({ title, extra, children }: { title: string; extra?: React.ReactNode; children: React.ReactNode }) {
  return (
    <Card size="small" title={title} extra={extra} styles={{ body: { paddingTop: 12 } }}>
      {children}
    </Card>
  );
}
