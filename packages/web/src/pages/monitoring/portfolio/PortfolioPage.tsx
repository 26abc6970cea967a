/**
 * 项目统计 (YJ-2): projects approved per year, the share with enterprise + university/institute participation and
 * the share led or joined by enterprises, computed from the project records; a reported figure entered beside one
 * is compared with the computed value and any discrepancy is shown, never silently replaced.
 */
import { DeleteOutlined, DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { ModalForm, PageContainer, ProFormDigit, ProFormSelect, ProFormText, ProTable, type ActionType, type ProColumns } from '@ant-design/pro-components';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Col, Flex, Form, Popconfirm, Row, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useRef, useState } from 'react';
import { api } from '../../../api/client';
import { errorText } from '../../../api/errors';
import { useApiErrorHandler } from '../../../api/form-errors';
import type { MonPortfolioMetric, MonPortfolioProject, MonUploadResult } from '../../../api/types';
import { useCan } from '../../../app/session';
import { ChartCard } from '../shared/ChartCard';
import { MonChart, type EChartOption } from '../shared/charts';
import { ExcelUpload } from '../shared/ExcelUpload';
import { byNum, figureText, num, percentText } from '../shared/format';
import { PORTFOLIO_METRIC_LABELS } from '../shared/labels';
import { UploadResultModal } from '../shared/UploadResultModal';
import type { PortfolioYearView } from '../shared/views';

type MonPortfolioYear = PortfolioYearView;

const ORG_TYPE_LABELS: Record<string, string> = { enterprise: '企业', university: '高校', institute: '科研院所', hospital: '医院', other: '其他' };
const METRICS: MonPortfolioMetric[] = ['approved', 'joint', 'jointShare', 'enterpriseInvolved', 'enterpriseShare'];
/** The per-year table's columns: counts and shares; enterpriseInvolved is shown in the share's cell. */
const TABLE_METRICS: MonPortfolioMetric[] = ['approved', 'joint', 'jointShare', 'enterpriseInvolved', 'enterpriseShare'];

type Reported = MonPortfolioYear['reported'][number];
type ComparisonRow = Reported & { year: number };

const metricValue = (y: MonPortfolioYear, m: MonPortfolioMetric): string | number | null =>
  m === 'approved' ? y.approved : m === 'joint' ? y.joint : m === 'jointShare' ? y.jointShare : m === 'enterpriseInvolved' ? y.enterpriseInvolved : y.enterpriseShare;

const isShare = (m: MonPortfolioMetric) => PORTFOLIO_METRIC_LABELS[m]?.unit === '%';

/** A figure with its unit through the domain's decimals ('1234' → '1,234项'); a reported share already written with '%' keeps it once. */
const fmt = (v: string | number | null | undefined, m: MonPortfolioMetric) => {
  if (v === null || v === undefined || v === '') return '—';
  const raw = String(v).replace(/%$/, '');
  if (isShare(m)) return percentText(raw);
  return `${figureText(raw, '') ?? raw}${PORTFOLIO_METRIC_LABELS[m]?.unit ?? ''}`;
};

/** Figures computed from the demo seed's fabricated project records say so wherever they appear. */
function DemoTag() {
  return (
    <Tooltip title="由演示数据中的项目记录计算，并非真实统计">
      <Tag color="orange" style={{ marginInlineEnd: 0 }}>
        演示数据
      </Tag>
    </Tooltip>
  );
}

/** Where a year's records come from: projects approved on this platform (项目库) and imported rows. */
function SourceText({ year }: { year: MonPortfolioYear }) {
  const parts = [year.fromProjects ? `平台立项 ${year.fromProjects} 项` : null, year.fromImported ? `导入 ${year.fromImported} 项` : null].filter(Boolean);
  if (parts.length === 0) return null;
  return (
    <Tooltip title="平台立项：本平台立项的项目，按承担单位类型和申报书所列合作单位类型计算；导入：导入的立项记录中不属于平台立项的项目">
      <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
        {parts.join(' · ')}
      </Typography.Text>
    </Tooltip>
  );
}

/** The discrepancy in words: percentage points for shares, a count for counts. */
function differenceText(r: Reported): string {
  const abs = (r.comparison?.difference ?? '').replace(/^[-+]/, '');
  return isShare(r.metric) ? `相差 ${abs} 个百分点` : `相差 ${abs} 项`;
}

/** 差异 (red), 一致 (green), or 无法核对 when there is nothing to compute against. */
function ComparisonTag({ r }: { r: Reported }) {
  if (!r.comparison) return <Tag>无法核对</Tag>;
  if (r.comparison.differs) return <Tag color="error">差异：{differenceText(r)}</Tag>;
  return <Tag color="success">{/^-?0(\.0+)?$/.test(r.comparison.difference) ? '一致' : '按报告精度一致'}</Tag>;
}

/** A computed figure, and the reported one beside it with its discrepancy. */
function MetricCell({ year, metric }: { year: MonPortfolioYear; metric: MonPortfolioMetric }) {
  const computed = metricValue(year, metric);
  const reported = year.reported.filter((r) => r.metric === metric);
  return (
    <Space orientation="vertical" size={2}>
      <Tooltip title={year.demo ? '按演示数据中的项目记录计算' : '按项目记录计算'}>
        <span style={{ whiteSpace: 'nowrap' }}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            计算值{' '}
          </Typography.Text>
          {fmt(computed, metric)}
          {year.demo && (
            <Typography.Text type="warning" style={{ fontSize: 12 }}>
              {' '}
              演示
            </Typography.Text>
          )}
        </span>
      </Tooltip>
      {reported.map((r) => (
        <Tooltip key={r.id} title={`${r.comparison?.text ?? '本年度无立项记录，无法计算'}${r.source ? `（来源：${r.source}）` : ''}`}>
          <Flex vertical align="flex-start">
            <span style={{ whiteSpace: 'nowrap' }}>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                报告值{' '}
              </Typography.Text>
              {fmt(r.value, metric)}
            </span>
            <ComparisonTag r={r} />
          </Flex>
        </Tooltip>
      ))}
    </Space>
  );
}

export default function PortfolioPage() {
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const queryClient = useQueryClient();
  const canManage = useCan('monitoring.manage');
  const projectsRef = useRef<ActionType>(null);
  const projectFilter = useRef<{ year?: number; q?: string }>({});
  const [adding, setAdding] = useState(false);
  const [result, setResult] = useState<MonUploadResult | null>(null);
  const [form] = Form.useForm();
  const portfolio = useQuery({
    queryKey: ['monitoring', 'portfolio'],
    queryFn: ({ signal }) => api.get<{ years: MonPortfolioYear[]; demo?: boolean }>('/monitoring/portfolio', undefined, signal),
  });
  const years = useMemo(() => [...(portfolio.data?.years ?? [])].sort((a, b) => a.year - b.year), [portfolio.data]);
  // The server says when figures come from demo records; a year flagged alone still counts.
  const demo = portfolio.data?.demo ?? years.some((y) => y.demo);
  const comparisons: ComparisonRow[] = years.flatMap((y) => y.reported.map((r) => ({ ...r, year: y.year })));
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['monitoring', 'portfolio'] });

  const removeReported = async (r: ComparisonRow) => {
    try {
      await api.delete(`/monitoring/portfolio/reported/${encodeURIComponent(r.id)}`);
      void message.success('已删除报告值');
      await refresh();
    } catch (error) {
      onError(error);
    }
  };

  const option = useMemo<EChartOption>(
    () => ({
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 8, right: 8, top: 36, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: years.map((y) => `${y.year}年`) },
      yAxis: [
        { type: 'value', name: '项目数（项）', minInterval: 1 },
        { type: 'value', name: '占比（%）', max: 100, axisLabel: { formatter: '{value}%' } },
      ],
      series: [
        { name: '立项数', type: 'bar', barMaxWidth: 28, itemStyle: { color: '#1677ff' }, data: years.map((y) => y.approved), tooltip: { valueFormatter: (v: number) => `${v} 项` } },
        { name: '产学研合作项目数', type: 'bar', barMaxWidth: 28, itemStyle: { color: '#69b1ff' }, data: years.map((y) => y.joint), tooltip: { valueFormatter: (v: number) => `${v} 项` } },
        { name: '产学研合作项目占比', type: 'line', yAxisIndex: 1, itemStyle: { color: '#fa8c16' }, data: years.map((y) => num(y.jointShare)), tooltip: { valueFormatter: (v: number | null) => (v === null ? '—' : `${v}%`) } },
        { name: '企业牵头或参与项目占比', type: 'line', yAxisIndex: 1, itemStyle: { color: '#52c41a' }, data: years.map((y) => num(y.enterpriseShare)), tooltip: { valueFormatter: (v: number | null) => (v === null ? '—' : `${v}%`) } },
        {
          name: '报告的产学研合作项目占比',
          type: 'scatter',
          yAxisIndex: 1,
          symbol: 'diamond',
          symbolSize: 12,
          itemStyle: { color: '#f5222d' },
          data: years.map((y) => num(y.reported.find((r) => r.metric === 'jointShare')?.value.replace(/%$/, ''))),
          tooltip: { valueFormatter: (v: number | null) => (v === null ? '—' : `${v}%`) },
        },
      ],
    }),
    [years],
  );

  const yearColumns: ColumnsType<MonPortfolioYear> = [
    {
      title: '年度',
      dataIndex: 'year',
      width: 96,
      sorter: (a, b) => a.year - b.year,
      defaultSortOrder: 'descend',
      render: (y: number, row) => (
        <Flex vertical align="flex-start" gap={2}>
          {`${y}年`}
          {row.demo && <DemoTag />}
          <SourceText year={row} />
        </Flex>
      ),
    },
    ...TABLE_METRICS.map((m) => ({
      title: PORTFOLIO_METRIC_LABELS[m].text,
      key: m,
      sorter: (a: MonPortfolioYear, b: MonPortfolioYear) => byNum(metricValue(a, m), metricValue(b, m)),
      render: (_: unknown, y: MonPortfolioYear) => <MetricCell year={y} metric={m} />,
    })),
    {
      title: '差异',
      key: 'differs',
      filters: [
        { text: '有差异', value: true },
        { text: '无差异', value: false },
      ],
      onFilter: (v, y) => y.reported.some((r) => r.comparison?.differs) === v,
      render: (_, y) => {
        const n = y.reported.filter((r) => r.comparison?.differs).length;
        return y.reported.length === 0 ? <Typography.Text type="secondary">无报告值</Typography.Text> : n ? <Tag color="error">{n} 项差异</Tag> : <Tag color="success">一致</Tag>;
      },
    },
  ];

  const projectColumns: ProColumns<MonPortfolioProject>[] = [
    { title: '关键词', dataIndex: 'q', hideInTable: true, fieldProps: { placeholder: '项目名称、编号或牵头单位' } },
    {
      title: '年度',
      dataIndex: 'year',
      width: 90,
      valueType: 'select',
      fieldProps: { options: years.map((y) => ({ value: y.year, label: `${y.year}年` })) },
      render: (_, p) => `${p.year}年`,
    },
    { title: '项目编号', dataIndex: 'projectNo', width: 130, search: false, ellipsis: true },
    { title: '项目名称', dataIndex: 'title', search: false, ellipsis: true },
    { title: '牵头单位', dataIndex: 'leadName', width: 180, search: false, ellipsis: true },
    { title: '牵头单位类型', dataIndex: 'leadType', width: 100, search: false, render: (_, p) => ORG_TYPE_LABELS[p.leadType] ?? p.leadType },
    {
      title: '参与单位类型',
      dataIndex: 'participantTypes',
      width: 170,
      search: false,
      render: (_, p) => (
        <Space size={[0, 4]} wrap>
          {[...new Set(p.participantTypes)].map((t) => (
            <Tag key={t} color={t === 'enterprise' ? 'blue' : t === 'university' || t === 'institute' ? 'purple' : undefined}>
              {ORG_TYPE_LABELS[t] ?? t}
            </Tag>
          ))}
        </Space>
      ),
    },
  ];

  return (
    <PageContainer
      title="项目统计"
      breadcrumbRender={false}
      content="按立项项目记录（本平台立项的项目，以及导入的历史立项记录）统计每年立项数、产学研合作（企业与高校或科研院所共同承担）项目占比、企业牵头或参与占比。录入公报等报告值后，与计算值并列对照并标出差异。"
      extra={
        canManage && (
          <Flex gap={8} wrap>
            <Button icon={<DownloadOutlined />} onClick={() => void api.download('/monitoring/portfolio/template', undefined, '立项项目导入模板.xlsx').catch(onError)}>
              下载导入模板
            </Button>
            <ExcelUpload
              path="/monitoring/portfolio/import"
              label="导入项目"
              onDone={(res) => {
                setResult(res);
                if (res.saved > 0) void message.success(`已导入 ${res.saved} 个项目`);
                void refresh();
                projectsRef.current?.reload();
              }}
            />
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
              录入报告值
            </Button>
          </Flex>
        )
      }
    >
      {portfolio.error && <Alert type="error" showIcon title="项目统计加载失败" description={errorText(portfolio.error)} style={{ marginBottom: 16 }} />}
      <Row gutter={[16, 16]}>
        <Col xs={24}>
          <ChartCard
            title={
              <Space>
                历年立项与产学研合作情况
                {demo && <DemoTag />}
              </Space>
            }
            loading={portfolio.isPending}
            chart={<MonChart option={option} height={320} ariaLabel={(demo ? "演示数据：" : "") + years.map((y) => `${y.year}年立项${y.approved}项，产学研合作${y.joint}项，占比${y.jointShare ?? '—'}%`).join('；')} />}
            table={
              <Table
                rowKey="year"
                size="small"
                dataSource={years}
                pagination={false}
                columns={[
                  {
                    title: '年度',
                    dataIndex: 'year',
                    sorter: (a, b) => a.year - b.year,
                    render: (y: number, row) => (
                      <Space size={4}>
                        {`${y}年`}
                        {row.demo && <DemoTag />}
                      </Space>
                    ),
                  },
                  { title: '立项数', dataIndex: 'approved', align: 'right', sorter: (a, b) => a.approved - b.approved, render: (v: number) => fmt(v, 'approved') },
                  { title: '产学研合作项目数', dataIndex: 'joint', align: 'right', sorter: (a, b) => a.joint - b.joint, render: (v: number) => fmt(v, 'joint') },
                  { title: '合作占比（计算）', dataIndex: 'jointShare', align: 'right', sorter: (a, b) => byNum(a.jointShare, b.jointShare), render: (v: string | null) => fmt(v, 'jointShare') },
                  { title: '合作占比（报告）', key: 'reportedShare', align: 'right', render: (_, y) => fmt(y.reported.find((r) => r.metric === 'jointShare')?.value, 'jointShare') },
                  { title: '企业牵头或参与占比（计算）', dataIndex: 'enterpriseShare', align: 'right', sorter: (a, b) => byNum(a.enterpriseShare, b.enterpriseShare), render: (v: string | null) => fmt(v, 'enterpriseShare') },
                ]}
              />
            }
          />
        </Col>
        <Col xs={24}>
          <ProTable<MonPortfolioYear>
            headerTitle={
              <Space>
                年度统计（计算值与报告值对照）
                {demo && <DemoTag />}
              </Space>
            }
            rowKey="year"
            cardBordered
            search={false}
            loading={portfolio.isFetching}
            dataSource={years}
            columns={yearColumns as ProColumns<MonPortfolioYear>[]}
            tableLayout="fixed"
            pagination={{ defaultPageSize: 10, hideOnSinglePage: true }}
            options={{ reload: () => void portfolio.refetch(), density: false, setting: false }}
          />
        </Col>
        {comparisons.length > 0 && (
          <Col xs={24}>
            <ProTable<ComparisonRow>
              headerTitle="报告值核对"
              rowKey="id"
              cardBordered
              search={false}
              dataSource={comparisons}
              pagination={{ defaultPageSize: 10, hideOnSinglePage: true }}
              options={false}
              columns={[
                { title: '年度', dataIndex: 'year', width: 90, sorter: (a, b) => a.year - b.year, render: (_, r) => `${r.year}年` },
                {
                  title: '指标',
                  dataIndex: 'metric',
                  width: 150,
                  filters: METRICS.map((m) => ({ text: PORTFOLIO_METRIC_LABELS[m].text, value: m })),
                  onFilter: (v, r) => r.metric === v,
                  render: (_, r) => PORTFOLIO_METRIC_LABELS[r.metric]?.text ?? r.metric,
                },
                { title: '报告值', dataIndex: 'value', width: 90, align: 'right', render: (_, r) => fmt(r.value, r.metric) },
                { title: '计算值', key: 'computed', width: 90, align: 'right', render: (_, r) => fmt(r.comparison?.computed, r.metric) },
                {
                  title: '差异',
                  key: 'differs',
                  width: 170,
                  filters: [
                    { text: '有差异', value: true },
                    { text: '一致', value: false },
                  ],
                  onFilter: (v, r) => !!r.comparison?.differs === v,
                  render: (_, r) => <ComparisonTag r={r} />,
                },
                { title: '核对说明', key: 'text', render: (_, r) => r.comparison?.text ?? '本年度无立项记录，无法计算' },
                { title: '来源', dataIndex: 'source', width: 160, ellipsis: true, render: (_, r) => r.source || '—' },
                ...(canManage
                  ? [
                      {
                        title: '操作',
                        key: 'op',
                        width: 80,
                        render: (_: unknown, r: ComparisonRow) => (
                          <Popconfirm title="删除该报告值？" okText="删除" okButtonProps={{ danger: true }} cancelText="取消" onConfirm={() => removeReported(r)}>
                            <Button type="link" size="small" danger icon={<DeleteOutlined />}>
                              删除
                            </Button>
                          </Popconfirm>
                        ),
                      },
                    ]
                  : []),
              ]}
            />
          </Col>
        )}
        <Col xs={24}>
          <ProTable<MonPortfolioProject, { year?: number; q?: string }>
            headerTitle="立项项目"
            rowKey="id"
            actionRef={projectsRef}
            cardBordered
            columns={projectColumns}
            search={{ labelWidth: 'auto' }}
            tableLayout="fixed"
            pagination={{ defaultPageSize: 20, showSizeChanger: true, showQuickJumper: true }}
            options={{ density: true, reload: true, setting: true }}
            toolBarRender={() => [
              <Button
                key="export"
                icon={<DownloadOutlined />}
                onClick={() => void api.download('/monitoring/portfolio/projects/export', { year: projectFilter.current.year, q: projectFilter.current.q }, '立项项目.xlsx').catch(onError)}
              >
                导出Excel
              </Button>,
            ]}
            request={async (p) => {
              // The export takes the filters the table was last queried with.
              projectFilter.current = { year: p.year, q: p.q?.trim() };
              try {
                const res = await api.get<{ items: MonPortfolioProject[]; total: number }>('/monitoring/portfolio/projects', {
                  year: p.year,
                  q: p.q?.trim(),
                  page: p.current ?? 1,
                  pageSize: p.pageSize ?? 20,
                });
                return { data: res.items, total: res.total, success: true };
              } catch (error) {
                onError(error);
                return { data: [], total: 0, success: false };
              }
            }}
          />
        </Col>
      </Row>
      <ModalForm
        title="录入报告值"
        open={adding}
        form={form}
        width={480}
        modalProps={{ destroyOnHidden: true, onCancel: () => setAdding(false) }}
        submitter={{ searchConfig: { submitText: '保存', resetText: '取消' } }}
        onFinish={async (v: { year: number; metric: MonPortfolioMetric; reported: string; source: string }) => {
          try {
            await api.post('/monitoring/portfolio/reported', { year: v.year, metric: v.metric, reported: String(v.reported).trim(), source: v.source?.trim() ?? '' });
            void message.success('已录入报告值，并与计算值核对');
            setAdding(false);
            await refresh();
            return true;
          } catch (error) {
            onError(error, form);
            return false;
          }
        }}
      >
        <ProFormDigit name="year" label="年度" min={2000} max={2100} fieldProps={{ precision: 0 }} initialValue={years.at(-1)?.year} rules={[{ required: true, message: '请填写年度' }]} />
        <ProFormSelect
          name="metric"
          label="指标"
          allowClear={false}
          initialValue="jointShare"
          options={METRICS.map((m) => ({ value: m, label: `${PORTFOLIO_METRIC_LABELS[m].text}（${PORTFOLIO_METRIC_LABELS[m].unit}）` }))}
          rules={[{ required: true, message: '请选择指标' }]}
        />
        <ProFormText
          name="reported"
          label="报告值"
          placeholder="按报告原文填写，如 56.17% 或 301"
          extra="占比按原文精度填写（56.17% 与 56% 精度不同，核对时按报告精度比较）"
          rules={[{ required: true, whitespace: true, message: '请填写报告值' }]}
        />
        <ProFormText name="source" label="来源" placeholder="如：2023年度科技计划项目统计公报" fieldProps={{ maxLength: 200 }} />
      </ModalForm>
      <UploadResultModal result={result} onClose={() => setResult(null)} noun="个项目" />
    </PageContainer>
  );
}
