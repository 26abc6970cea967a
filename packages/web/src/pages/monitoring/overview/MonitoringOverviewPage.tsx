/**
 * 监测总览 (leader view, one screen): where a plan stands against its targets — status shares, core indicators
 * first, per-department reporting completeness and lateness, task status. Each chart has its data and an export.
 */
import { ratioPercent } from '@kechuang/domain';
import { QuestionCircleOutlined } from '@ant-design/icons';
import { PageContainer, ProCard } from '@ant-design/pro-components';
import { useQuery } from '@tanstack/react-query';
import { Alert, Col, Empty, Flex, Row, Statistic, Table, Tag, Tooltip, Typography } from 'antd';
import { useMemo } from 'react';
import { Link, useNavigate } from 'react-router';
import { api } from '../../../api/client';
import { errorText } from '../../../api/errors';
import { useApiErrorHandler } from '../../../api/form-errors';
import type { MonDashboard, MonIndicator, MonStatus, MonTaskStatus } from '../../../api/types';
import { ChartCard } from '../shared/ChartCard';
import { MonChart, type EChartOption } from '../shared/charts';
import { byNum, countText, num, percentText, PercentText, StatusTag, ValueText } from '../shared/format';
import { STATUS_LABELS, STATUS_ORDER, TASK_STATUS_LABELS, TASK_STATUS_ORDER } from '../shared/labels';
import { PlanSelect, usePlanParam } from '../shared/PlanSelect';

const enc = encodeURIComponent;

/** Core indicators first, then the plan's order. */
function coreFirst(list: MonIndicator[]): MonIndicator[] {
  return [...list].sort((a, b) => Number(b.core) - Number(a.core) || (a.category ?? '').localeCompare(b.category ?? '') || a.seq - b.seq);
}

/** part/whole as an exact percentage, one decimal (the domain's ratio; no float rounding). */
const pct = (part: number, whole: number) => (whole > 0 ? ratioPercent(part, whole, 1) : null);

export default function MonitoringOverviewPage() {
  const [plan, setPlan] = usePlanParam();
  const navigate = useNavigate();
  const onError = useApiErrorHandler();
  const dash = useQuery({
    queryKey: ['monitoring', 'dashboard', plan],
    queryFn: ({ signal }) => api.get<MonDashboard>('/monitoring/dashboard', { plan }, signal),
  });
  const d = dash.data;
  const indicators = useMemo(() => coreFirst(d?.indicators ?? []), [d]);
  const core = d?.coreIndicators ?? [];
  const totalIndicators = STATUS_ORDER.reduce((s, k) => s + (d?.statusCounts[k] ?? 0), 0);

  const exportIndicators = () => api.download(`/monitoring/plans/${enc(plan)}/export`, undefined, '指标监测表.xlsx').catch(onError);
 const exportDepartments = () => api.download('/monitoring/lateness/export', { plan, period: d?.period }, '报送完整性.xlsx').catch(onError);
  const exportTasks = () => api.download(`/monitoring/plans/${enc(plan)}/tasks/export`, undefined, '任务清单.xlsx').catch(onError);
  const openIndicator = (id: string | undefined) => id && void navigate(`/monitoring/indicators/${enc(id)}`);

  const donut = useMemo<EChartOption>(
    () => ({
      tooltip: { trigger: 'item', formatter: '{b}：{c} 项（{d}%）' },
      legend: {
        bottom: 0,
        icon: 'circle',
        formatter: (name: string) => `${name} ${d?.statusCounts[STATUS_ORDER.find((k) => STATUS_LABELS[k].text === name) ?? 'unknown'] ?? 0}项`,
      },
      series: [
        {
          type: 'pie',
          radius: ['42%', '70%'],
          center: ['50%', '45%'],
          label: { position: 'inside', formatter: (p: { value: number }) => (p.value ? String(p.value) : ''), color: '#fff', fontSize: 14, fontWeight: 'bold' },
          labelLine: { show: false },
          data: STATUS_ORDER.map((k) => ({ name: STATUS_LABELS[k].text, value: d?.statusCounts[k] ?? 0, itemStyle: { color: STATUS_LABELS[k].chart } })),
        },
      ],
    }),
    [d],
  );

  const rates = useMemo<EChartOption>(() => {
    const names = indicators.map((i) => `${i.core ? '★ ' : ''}${i.name}`);
    return {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: number | null) => (v === null || v === undefined ? '—' : `${v}%`) },
      legend: { top: 0 },
      grid: { left: 8, right: 40, top: 28, bottom: 8, containLabel: true },
      xAxis: { type: 'value', axisLabel: { formatter: '{value}%' } },
      yAxis: { type: 'category', inverse: true, data: names, axisLabel: { width: 170, overflow: 'truncate' } },
      series: [
        {
          name: '完成率',
          type: 'bar',
          barMaxWidth: 10,
          data: indicators.map((i) => ({ value: num(i.completionRate), itemStyle: { color: STATUS_LABELS[i.status].chart } })),
          markLine: { symbol: 'none', silent: true, lineStyle: { type: 'dashed', color: '#8c8c8c' }, data: [{ xAxis: 100, label: { show: false } }] },
        },
        { name: '进度', type: 'bar', barMaxWidth: 10, itemStyle: { color: '#91caff' }, data: indicators.map((i) => num(i.progressRate)) },
      ],
    };
  }, [indicators]);

  const departments = d?.departments ?? [];
  const deptChart = useMemo<EChartOption>(
    () => ({
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: number | null) => (v === null ? '—' : `${v}%`) },
      legend: { top: 0, data: ['报送完整率'] },
      grid: { left: 8, right: 40, top: 28, bottom: 8, containLabel: true },
      xAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
      yAxis: { type: 'category', inverse: true, data: departments.map((x) => `${x.late ? '⚠ ' : ''}${x.unit.name}`), axisLabel: { width: 150, overflow: 'truncate' } },
      series: [
        {
          name: '报送完整率',
          type: 'bar',
          barMaxWidth: 14,
          data: departments.map((x) => ({ value: num(x.completeness), itemStyle: { color: x.late ? '#f5222d' : '#1677ff' } })),
          label: { show: true, position: 'right', formatter: '{c}%' },
        },
      ],
    }),
    [departments],
  );

  const taskChart = useMemo<EChartOption>(
    () => ({
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v: number) => `${v} 项` },
      grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: TASK_STATUS_ORDER.map((k) => TASK_STATUS_LABELS[k].text) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        {
          type: 'bar',
          barMaxWidth: 36,
          label: { show: true, position: 'top' },
          data: TASK_STATUS_ORDER.map((k) => ({ value: d?.taskCounts[k] ?? 0, itemStyle: { color: TASK_STATUS_LABELS[k].chart } })),
        },
      ],
    }),
    [d],
  );

  const kpi = (title: string, value: string | number, opts: { color?: string; suffix?: string; hint?: string } = {}) => (
    <Col xs={12} sm={8} lg={6} xl={3}>
      <ProCard style={{ height: '100%' }} styles={{ body: { padding: '12px 14px' } }}>
        <Statistic
          title={
            <Typography.Text type="secondary" ellipsis style={{ whiteSpace: 'nowrap' }}>
              {opts.hint ? <Tooltip title={opts.hint}>{title}</Tooltip> : title}
            </Typography.Text>
          }
          value={value}
          suffix={opts.suffix}
          styles={{ content: { fontSize: 24, whiteSpace: 'nowrap', ...(opts.color ? { color: opts.color } : {}) } }}
        />
      </ProCard>
    </Col>
  );

  return (
    <PageContainer
      title="监测总览"
      breadcrumbRender={false}
      extra={
        <Flex gap={8} align="center" wrap>
          {d && (
            <Typography.Text type="secondary">
              报送期 {d.periodLabel}（截止 {d.due}）· 数据截至 {d.asOf}
            </Typography.Text>
          )}
          <PlanSelect value={plan} onChange={setPlan} />
        </Flex>
      }
    >
      {dash.error && <Alert type="error" showIcon title="监测数据加载失败" description={errorText(dash.error)} style={{ marginBottom: 16 }} />}
      {!dash.error && (
        <Flex vertical gap={16}>
          <Row gutter={[12, 12]}>
            {kpi('指标总数', totalIndicators, { suffix: '项' })}
            {kpi('超前', d?.statusCounts.ahead ?? 0, { suffix: '项', color: STATUS_LABELS.ahead.chart })}
            {kpi('正常', d?.statusCounts.onTrack ?? 0, { suffix: '项', color: STATUS_LABELS.onTrack.chart })}
            {kpi('滞后', d?.statusCounts.lagging ?? 0, { suffix: '项', color: STATUS_LABELS.lagging.chart })}
            {kpi('无法判断', d?.statusCounts.unknown ?? 0, { suffix: '项', color: '#8c8c8c' })}
            {core.length > 0
              ? kpi('核心指标达标率', d?.coreOnTrackShare ?? '—', {
                  suffix: d?.coreOnTrackShare ? '%' : undefined,
                  hint: `核心指标 ${core.length} 项中，可判断且不滞后（超前或正常）的比例`,
                })
              : kpi('指标达标率', d?.onTrackShare ?? '—', {
                  suffix: d?.onTrackShare ? '%' : undefined,
                  hint: '本规划未标注核心指标：此处为全部可判断指标中不滞后（超前或正常）的比例',
                })}
            {kpi('逾期任务', d?.taskCounts.overdue ?? 0, {
              suffix: '项',
              color: (d?.taskCounts.overdue ?? 0) > 0 ? '#f5222d' : undefined,
              hint: d?.overdueTasks.length ? d.overdueTasks.map((t) => `${t.seq} ${t.title}：${t.reason ?? '逾期'}`).join('；') : '没有逾期任务',
            })}
            {kpi('本期报送完整率', d?.completeness ?? '—', { suffix: d?.completeness ? '%' : undefined, hint: `${d?.periodLabel ?? '本期'}各责任单位应报指标与任务中已报送（含已采纳）的比例` })}
          </Row>
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={8}>
              <ChartCard
                title="指标状态分布"
                loading={dash.isPending}
                onExport={exportIndicators}
                exportLabel="导出指标"
                chart={<MonChart option={donut} height={300} ariaLabel={STATUS_ORDER.map((k) => `${STATUS_LABELS[k].text}${d?.statusCounts[k] ?? 0}项`).join('，')} />}
                table={
                  <Table
                    size="small"
                    rowKey="status"
                    pagination={false}
                    dataSource={STATUS_ORDER.map((k) => ({ status: k, count: d?.statusCounts[k] ?? 0 }))}
                    columns={[
                      { title: '状态', dataIndex: 'status', render: (s: MonStatus) => <StatusTag status={s} /> },
                      { title: '指标数', dataIndex: 'count', align: 'right', sorter: (a, b) => a.count - b.count, render: (v: number) => `${v} 项` },
                      { title: '占比', key: 'share', align: 'right', render: (_, r) => percentText(pct(r.count, totalIndicators) ?? '0.0') },
                    ]}
                  />
                }
              />
            </Col>
            <Col xs={24} xl={16}>
              <ChartCard
                title={
                  <span>
                    指标完成率与进度{' '}
                    <Tooltip title="★ 为核心指标，排在前面；完成率柱按状态着色（绿色超前、蓝色正常、红色滞后）；点击柱条查看指标详情">
                      <QuestionCircleOutlined style={{ color: '#8c8c8c', fontSize: 14 }} />
                    </Tooltip>
                  </span>
                }
                loading={dash.isPending}
                onExport={exportIndicators}
                exportLabel="导出指标"
                chart={
                  indicators.length ? (
                    <MonChart
                      option={rates}
                      height={Math.max(300, indicators.length * 26 + 50)}
                      ariaLabel={indicators.map((i) => `${i.name}完成率${i.completionRate ?? '无'}%`).join('，')}
                      onClick={(e) => openIndicator(indicators[e.dataIndex]?.id)}
                    />
                  ) : (
                    <Empty description="本规划暂无指标" />
                  )
                }
                table={<IndicatorTable indicators={indicators} />}
              />
            </Col>
            <Col xs={24} xl={14}>
              <ChartCard
                title="各责任单位报送完整率与逾期"
                loading={dash.isPending}
                onExport={exportDepartments}
                chart={
                  departments.length ? (
                    <MonChart option={deptChart} height={Math.max(260, departments.length * 30 + 50)} ariaLabel={departments.map((x) => `${x.unit.name}完整率${x.completeness}%${x.late ? '，逾期' : ''}`).join('，')} />
                  ) : (
                    <Empty description="本期无应报送的单位" />
                  )
                }
                table={
                  <Table
                    size="small"
                    rowKey={(r) => r.unit.code}
                    pagination={departments.length > 10 ? { pageSize: 10 } : false}
                    // Fits its card (fixed widths, the unit's name cut with a tooltip) instead of running off its edge.
                    tableLayout="fixed"
                    dataSource={departments}
                    columns={[
                      { title: '责任单位', key: 'unit', render: (_, r) => <Typography.Text ellipsis={{ tooltip: r.unit.name }}>{r.unit.name}</Typography.Text>, sorter: (a, b) => a.unit.name.localeCompare(b.unit.name, 'zh-CN') },
                      { title: '应报', dataIndex: 'expected', width: 52, align: 'right', render: (v: number) => countText(v) },
                      { title: '已报送', dataIndex: 'submitted', width: 64, align: 'right', render: (v: number) => countText(v) },
                      { title: '已采纳', dataIndex: 'accepted', width: 64, align: 'right', render: (v: number) => countText(v) },
                      { title: '未报', dataIndex: 'missing', width: 60, align: 'right', sorter: (a, b) => a.missing - b.missing, render: (v: number) => countText(v) },
                      { title: '完整率', dataIndex: 'completeness', width: 84, align: 'right', sorter: (a, b) => byNum(a.completeness, b.completeness), render: (v: string) => <PercentText value={v} /> },
                      {
                        title: '逾期',
                        width: 64,
                        dataIndex: 'late',
                        filters: [
                          { text: '逾期', value: true },
                          { text: '未逾期', value: false },
                        ],
                        onFilter: (v, r) => r.late === v,
                        render: (v: boolean) => (v ? <Tag color="error">逾期</Tag> : <Tag>按时</Tag>),
                      },
                    ]}
                  />
                }
              />
            </Col>
            <Col xs={24} xl={10}>
              <ChartCard
                title={<Link to={`/monitoring/tasks?plan=${enc(plan)}`}>任务状态</Link>}
                loading={dash.isPending}
                onExport={exportTasks}
                exportLabel="导出任务"
                chart={<MonChart option={taskChart} height={260} ariaLabel={TASK_STATUS_ORDER.map((k) => `${TASK_STATUS_LABELS[k].text}${d?.taskCounts[k] ?? 0}项`).join('，')} />}
                table={
                  <Flex vertical gap={12}>
                    <Table
                      size="small"
                      rowKey="status"
                      pagination={false}
                      dataSource={TASK_STATUS_ORDER.map((k) => ({ status: k, count: d?.taskCounts[k] ?? 0 }))}
                      columns={[
                        { title: '状态', dataIndex: 'status', render: (s: MonTaskStatus) => <Tag color={TASK_STATUS_LABELS[s].color}>{TASK_STATUS_LABELS[s].text}</Tag> },
                        { title: '任务数', dataIndex: 'count', align: 'right', sorter: (a, b) => a.count - b.count, render: (v: number) => `${v} 项` },
                      ]}
                    />
                    {(d?.overdueTasks.length ?? 0) > 0 && (
                      <Table
                        size="small"
                        rowKey="id"
                        title={() => '逾期任务'}
                        pagination={false}
                        dataSource={d?.overdueTasks ?? []}
                        columns={[
                          { title: '序号', dataIndex: 'seq', width: 60 },
                          { title: '任务', dataIndex: 'title' },
                          { title: '牵头单位', key: 'lead', render: (_, t) => t.lead?.name ?? '—' },
                          { title: '逾期原因', dataIndex: 'reason', render: (v: string | null) => <Typography.Text type="danger">{v ?? '—'}</Typography.Text> },
                        ]}
                      />
                    )}
                  </Flex>
                }
              />
            </Col>
          </Row>
        </Flex>
      )}
    </PageContainer>
  );
}

/** The data behind the rates chart: one row per indicator, core first, each linking to its detail. */
function IndicatorTable({ indicators }: { indicators: MonIndicator[] }) {
  return (
    <Table
      size="small"
      rowKey="id"
      dataSource={indicators}
      pagination={indicators.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
      // Fits its card: fixed widths, the name cut with a tooltip, 核心 a tag on the name (and its filter).
      tableLayout="fixed"
      columns={[
        {
          title: '指标',
          dataIndex: 'name',
          filters: [
            { text: '核心指标', value: true },
            { text: '一般指标', value: false },
          ],
          onFilter: (v, r) => r.core === v,
          render: (_, r) => (
            <Typography.Text ellipsis={{ tooltip: r.name }}>
              {r.core && <Tag color="gold">核心</Tag>}
              <Link to={`/monitoring/indicators/${enc(r.id)}`}>{r.name}</Link>
            </Typography.Text>
          ),
        },
        { title: '最新值', key: 'latest', width: 110, align: 'right', render: (_, r) => <ValueText value={r.latest?.value ?? r.actual?.value} unit={r.unit} reason={r.note || '尚无已采纳的填报值'} /> },
        { title: '期望值', dataIndex: 'expected', width: 104, align: 'right', render: (_, r) => <ValueText value={r.expected} unit={r.unit} computed reason="无法按路径推算" /> },
        { title: '完成率', dataIndex: 'completionRate', width: 84, align: 'right', sorter: (a, b) => byNum(a.completionRate, b.completionRate), render: (_, r) => <PercentText value={r.completionRate} /> },
        { title: '进度', dataIndex: 'progressRate', width: 80, align: 'right', sorter: (a, b) => byNum(a.progressRate, b.progressRate), render: (_, r) => <PercentText value={r.progressRate} /> },
        {
          title: '状态',
          dataIndex: 'status',
          width: 80,
          filters: STATUS_ORDER.map((k) => ({ text: STATUS_LABELS[k].text, value: k })),
          onFilter: (v, r) => r.status === v,
          render: (_, r) => <StatusTag status={r.status} label={r.statusLabel} />,
        },
      ]}
    />
  );
}
