/** One indicator: reported values against the target path, the yearly figures, the report history and its definition. */
import { decimalFromNumber, periodEnd } from '@kechuang/domain';
import { PageContainer, ProCard } from '@ant-design/pro-components';
import { useQuery } from '@tanstack/react-query';
import { Alert, Col, Descriptions, Empty, Result, Row, Space, Table, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import { Link, useParams } from 'react-router';
import { api } from '../../../api/client';
import { errorText, isApiError } from '../../../api/errors';
import type { MonReportState, MonSeries } from '../../../api/types';
import { usePlans } from '../shared/api';
import { ChartCard } from '../shared/ChartCard';
import { MonChart, type EChartOption } from '../shared/charts';
import { byNum, Missing, num, PercentText, ReportStateTag, StatusTag, targetText, ValueText, VerdictTag, figureText, withUnit } from '../shared/format';
import { REPORT_STATE_LABELS } from '../shared/labels';

const enc = encodeURIComponent;
const AGG_LABELS = { sum: '期内累加', last: '取期末值', average: '取平均值' } as const;

export default function IndicatorDetailPage() {
  const { id = '' } = useParams();
  const series = useQuery({
    queryKey: ['monitoring', 'series', id],
    queryFn: ({ signal }) => api.get<MonSeries>(`/monitoring/indicators/${enc(id)}/series`, undefined, signal),
  });
  const plans = usePlans();
  const s = series.data;
  const ind = s?.indicator;

  const option = useMemo<EChartOption>(() => {
    if (!s || !ind) return {};
    const targetDate = `${ind.target.year}-12-31`;
    const targetValue = ind.targetKind === 'growth' ? num(s.path.at(-1)?.expected) : num(ind.target.value);
    const baseDate = `${ind.base.year}-12-31`;
    return {
      tooltip: { trigger: 'axis', valueFormatter: (v: number | null) => (v === null || v === undefined || !Number.isFinite(v) ? '—' : (withUnit(decimalFromNumber(v), ind.unit, true) ?? '—')) },
      legend: { top: 0 },
      grid: { left: 8, right: 32, top: 36, bottom: 8, containLabel: true },
      xAxis: { type: 'time', axisLabel: { formatter: '{yyyy}-{MM}' } },
      yAxis: { type: 'value', name: ind.unit, scale: true },
      series: [
        {
          name: '目标路径',
          type: 'line',
          showSymbol: false,
          lineStyle: { type: 'dashed', color: '#8c8c8c' },
          itemStyle: { color: '#8c8c8c' },
          data: s.path.map((p) => [p.date, num(p.expected)]),
        },
        {
          name: '已采纳值',
          type: 'line',
          symbolSize: 7,
          itemStyle: { color: '#1677ff' },
          data: s.accepted.map((p) => [p.at, num(p.value)]),
        },
        {
          name: '待审核/草稿',
          type: 'scatter',
          symbolSize: 8,
          itemStyle: { color: '#faad14' },
          data: s.points.filter((p) => p.state !== 'accepted').map((p) => [periodEnd(p.period), num(p.value)]),
        },
        {
          name: '基数与目标',
          type: 'scatter',
          symbol: 'diamond',
          symbolSize: 14,
          itemStyle: { color: '#f5222d' },
          label: { show: true, position: 'top', formatter: (p: { dataIndex: number }) => (p.dataIndex === 0 ? `基数 ${figureText(ind.base.value, ind.unit) ?? '—'}` : `目标 ${targetText(ind) ?? '—'}`) },
          data: [
            [baseDate, num(ind.base.value)],
            [targetDate, targetValue],
          ],
        },
        ...(ind.actual
          ? [
              {
                name: '实绩',
                type: 'scatter',
                symbolSize: 12,
                itemStyle: { color: '#52c41a' },
                label: { show: true, position: 'bottom', formatter: `实绩 ${ind.actual.value ?? '—'}` },
                data: [[`${ind.actual.year}-12-31`, num(ind.actual.value)]],
              },
            ]
          : []),
      ],
    };
  }, [s, ind]);

  // The accepted values summed or sampled per year, with the plan's own base and recorded actual beside them.
  const yearRows = !s || !ind
    ? []
    : [
        ...s.yearly.map((y) => ({ key: `y${y.year}`, year: y.year, value: y.value as string | null, source: '填报汇总' })),
        { key: 'base', year: ind.base.year, value: ind.base.value, source: '基数（规划原文）' },
        ...(ind.actual ? [{ key: 'actual', year: ind.actual.year, value: ind.actual.value, source: '实绩（规划原文）' }] : []),
      ];

  if (series.error && isApiError(series.error) && series.error.status === 404) {
    return <Result status="404" title="指标不存在" subTitle={errorText(series.error)} extra={<Link to="/monitoring/plans">返回指标体系</Link>} />;
  }

  const stateFilters = (Object.keys(REPORT_STATE_LABELS) as MonReportState[]).map((k) => ({ text: REPORT_STATE_LABELS[k].text, value: k }));

  return (
    <PageContainer
      title={ind?.name ?? '指标'}
      loading={series.isPending}
      breadcrumb={{
        items: [
          { title: <Link to="/monitoring/plans">指标体系</Link> },
          ...(ind ? [{ title: <Link to={`/monitoring/plans/${enc(ind.planCode)}`}>{plans.data?.find((p) => p.code === ind.planCode)?.shortName ?? ind.planCode}</Link> }] : []),
          { title: ind?.name ?? id },
        ],
      }}
      tags={
        ind && (
          <Space size={0}>
            {ind.core && <Tag color="gold">核心指标</Tag>}
            <StatusTag status={ind.status} label={ind.statusLabel} />
            {ind.verdict && <VerdictTag verdict={ind.verdict} label={ind.verdictLabel} note={ind.note} />}
          </Space>
        )
      }
      content={
        ind && (
          <Descriptions size="small" column={{ xs: 2, md: 4 }}>
            <Descriptions.Item label="基数">
              <ValueText value={ind.base.value} unit={ind.unit} reason={ind.note} />（{ind.base.year}年）
            </Descriptions.Item>
            <Descriptions.Item label="目标">
              {targetText(ind) ?? <Missing reason={ind.note} />}（{ind.target.year}年）
            </Descriptions.Item>
            <Descriptions.Item label={ind.actual ? '实绩' : '最新值'}>
              {ind.actual ? (
                <>
                  <ValueText value={ind.actual.value} unit={ind.unit} reason={ind.note} />（{ind.actual.year}年）
                </>
              ) : ind.latest ? (
                `${withUnit(ind.latest.value, ind.unit)}（${ind.latest.periodLabel}）`
              ) : (
                <Missing reason="尚无已采纳的填报值" />
              )}
            </Descriptions.Item>
            <Descriptions.Item label="期望值">
              <ValueText value={ind.expected} unit={ind.unit} computed reason="无法按路径推算" />
            </Descriptions.Item>
            <Descriptions.Item label="完成率">
              <PercentText value={ind.completionRate} />
            </Descriptions.Item>
            <Descriptions.Item label="进度">
              <PercentText value={ind.progressRate} />
            </Descriptions.Item>
            <Descriptions.Item label="与路径差距">
              <PercentText value={ind.gapPercent} />
            </Descriptions.Item>
          </Descriptions>
        )
      }
    >
      {series.error && <Alert type="error" showIcon title="指标加载失败" description={errorText(series.error)} style={{ marginBottom: 16 }} />}
      {s && ind && (
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={16}>
            <ChartCard
              title="填报值与目标路径"
              onExport={() => api.download(`/monitoring/indicators/${enc(ind.id)}/export`, undefined, `${ind.name}-报送序列.xlsx`)}
              exportLabel="导出报送序列"
              chart={
                s.points.length || s.accepted.length || s.path.length || ind.actual ? (
                  <MonChart option={option} height={340} ariaLabel={`${ind.name}：${s.points.map((p) => `${p.periodLabel}${p.value}${ind.unit}`).join('，') || '暂无填报值'}`} />
                ) : (
                  <Empty description="暂无填报值，且基数或目标缺失，无法绘制路径" />
                )
              }
              table={
                <Table
                  size="small"
                  rowKey="date"
                  dataSource={s.path}
                  pagination={{ pageSize: 12, showSizeChanger: false }}
                  columns={[
                    { title: '日期', dataIndex: 'date', sorter: (a, b) => a.date.localeCompare(b.date) },
                    { title: '路径期望值', dataIndex: 'expected', align: 'right', render: (v: string) => <ValueText value={v} unit={ind.unit} computed /> },
                    {
                      title: '填报值',
                      key: 'value',
                      align: 'right',
                      render: (_, r) => {
                        const p = s.accepted.find((x) => x.at === r.date);
                        return <ValueText value={p?.value} unit={ind.unit} reason="该期无已采纳的值" />;
                      },
                    },
                  ]}
                />
              }
            />
          </Col>
          <Col xs={24} xl={8}>
            <ProCard title="年度汇总" headerBordered style={{ height: '100%' }} extra={<Typography.Text type="secondary">{AGG_LABELS[ind.aggregation]}</Typography.Text>}>
              <Table
                size="small"
                rowKey="key"
                dataSource={yearRows}
                pagination={yearRows.length > 10 ? { pageSize: 10 } : false}
                locale={{ emptyText: '暂无年度数据' }}
                columns={[
                  { title: '年度', dataIndex: 'year', sorter: (a, b) => a.year - b.year, defaultSortOrder: 'descend', render: (y: number) => `${y}年` },
                  { title: '数值', dataIndex: 'value', align: 'right', sorter: (a, b) => byNum(a.value, b.value), render: (v: string | null) => <ValueText value={v} unit={ind.unit} reason={ind.note} /> },
                  { title: '来源', dataIndex: 'source', render: (v: string) => <Typography.Text type="secondary">{v}</Typography.Text> },
                ]}
              />
            </ProCard>
          </Col>
          <Col xs={24} xl={12}>
            <ProCard title="填报记录" headerBordered>
              <Table
                size="small"
                rowKey="id"
                dataSource={s.points}
                pagination={{ pageSize: 10, showSizeChanger: false }}
                locale={{ emptyText: '暂无填报记录' }}
                columns={[
                  { title: '报送期', dataIndex: 'periodLabel', sorter: (a, b) => a.period.localeCompare(b.period), defaultSortOrder: 'descend' },
                  { title: '填报值', dataIndex: 'value', align: 'right', sorter: (a, b) => byNum(a.value, b.value), render: (v: string) => <ValueText value={v} unit={ind.unit} /> },
                  {
                    title: '已采纳值',
                    dataIndex: 'acceptedValue',
                    align: 'right',
                    render: (v: string | null) => <ValueText value={v} unit={ind.unit} reason="尚未采纳" />,
                  },
                  { title: '版本', dataIndex: 'revision', width: 60, render: (v: number) => `v${v}` },
                  { title: '状态', dataIndex: 'state', filters: stateFilters, onFilter: (v, r) => r.state === v, render: (v: MonReportState, r) => <ReportStateTag state={v} label={r.stateLabel} /> },
                ]}
              />
            </ProCard>
          </Col>
          <Col xs={24} xl={12}>
            <ProCard title="指标说明" headerBordered>
              <Descriptions size="small" column={1} bordered styles={{ label: { width: 100, whiteSpace: 'nowrap' } }}>
                <Descriptions.Item label="指标编码">{ind.code}</Descriptions.Item>
                {ind.category && <Descriptions.Item label="类别">{ind.category}</Descriptions.Item>}
                <Descriptions.Item label="单位 / 方向">{`${ind.unit} · ${ind.directionLabel}`}</Descriptions.Item>
                <Descriptions.Item label="填报频率">{`${ind.frequencyLabel}（年度${AGG_LABELS[ind.aggregation]}）`}</Descriptions.Item>
                <Descriptions.Item label="定义">{ind.definition || <Missing reason="未填写定义" />}</Descriptions.Item>
                <Descriptions.Item label="数据来源">{ind.dataSource || <Missing reason="未填写数据来源" />}</Descriptions.Item>
                <Descriptions.Item label="责任单位">
                  <Space size={[0, 4]} wrap>
                    {ind.responsibleUnits.length === 0 && <Missing reason="未指定责任单位" />}
                    {ind.responsibleUnits.map((u, i) => (
                      <Tag key={u.code} color={i === 0 ? 'blue' : undefined}>
                        {u.name}
                        {i === 0 && '（牵头）'}
                      </Tag>
                    ))}
                  </Space>
                </Descriptions.Item>
                {ind.ruleIds.length > 0 && <Descriptions.Item label="政策依据">{ind.ruleIds.join('、')}</Descriptions.Item>}
                {ind.note && <Descriptions.Item label="备注">{ind.note}</Descriptions.Item>}
              </Descriptions>
            </ProCard>
          </Col>
        </Row>
      )}
    </PageContainer>
  );
}
