/**
 * 报送审核 (officer): submitted monthly values against the previous ones, accepted or returned with a comment;
 * the units that have not reported, reminded one by one or together; each report's revision history.
 */
import { BellOutlined, DownloadOutlined, HistoryOutlined, PaperClipOutlined } from '@ant-design/icons';
import { PageContainer, ProCard, ProTable, type ActionType, type ProColumns } from '@ant-design/pro-components';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, DatePicker, Drawer, Flex, Form, Input, Modal, Popconfirm, Progress, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api, type Query } from '../../../api/client';
import { errorText } from '../../../api/errors';
import { useApiErrorHandler } from '../../../api/form-errors';
import type { MonLateness, MonLatenessRow, MonReportHistoryItem, MonReportState, MonReviewItem, MonTaskReviewItem } from '../../../api/types';
import { dayjs, formatDateTime } from '../../../lib/time';
import { DEFAULT_PLAN, evidenceHref, planOptions, usePlans, useUnits } from '../shared/api';
import { ChangeText, Missing, ReportStateTag, ValueText } from '../shared/format';
import { REPORT_STATE_LABELS, valueEnumOf } from '../shared/labels';
import { PlanSelect } from '../shared/PlanSelect';

const enc = encodeURIComponent;
/** Drafts stay the unit's working copy: the bureau's queue starts at submission. */
const REVIEW_STATES = Object.fromEntries(Object.entries(valueEnumOf(REPORT_STATE_LABELS)).filter(([k]) => k !== 'draft'));
const ACTION_LABELS: Record<string, string> = { save: '保存', correct: '更正', submit: '提交', accept: '采纳', return: '退回' };

/** The month just ended: the period being reported now. */
const currentPeriod = () => dayjs().subtract(1, 'month').format('YYYY-MM');

interface Filters {
  plan?: string;
  period?: string;
  unit?: string;
  state?: MonReportState;
}

export default function ReviewPage() {
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'lateness' ? 'lateness' : params.get('tab') === 'tasks' ? 'tasks' : 'reports';
  return (
    <PageContainer
      title="报送审核"
      breadcrumbRender={false}
      content="审核各责任单位报送的月度数据：采纳后计入监测，退回须写明意见；逾期未报的单位可逐个或批量提醒，提醒会出现在对方工作台待办中。"
      tabActiveKey={tab}
      onTabChange={(k) => setParams({ tab: k }, { replace: true })}
      tabList={[
        { key: 'reports', tab: '指标报送' },
        { key: 'tasks', tab: '任务进展' },
        { key: 'lateness', tab: '逾期未报' },
      ]}
    >
      {tab === 'reports' ? <ReportsTab /> : tab === 'tasks' ? <TaskReportsTab /> : <LatenessTab />}
    </PageContainer>
  );
}

function ReportsTab() {
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const queryClient = useQueryClient();
  const actionRef = useRef<ActionType>(null);
  const plans = usePlans();
  const units = useUnits();
  const [returning, setReturning] = useState<MonReviewItem | null>(null);
  const [history, setHistory] = useState<MonReviewItem | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [form] = Form.useForm<{ comment: string }>();
  const lastQuery = useRef<Query>({});

  const after = async (text: string) => {
    void message.success(text);
    actionRef.current?.reload();
    await queryClient.invalidateQueries({ queryKey: ['monitoring'] });
  };

  const accept = async (r: MonReviewItem) => {
    setBusy(r.id);
    try {
      await api.post(`/monitoring/reports/${enc(r.id)}/accept`);
      await after(`已采纳 ${r.unit.name} 的“${r.indicator.name}”`);
    } catch (error) {
      onError(error);
    } finally {
      setBusy(null);
    }
  };

  const sendBack = async () => {
    if (!returning) return;
    // An empty comment shows the form's own message; the rejection must not escape as an uncaught error.
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    const { comment } = values;
    try {
      await api.post(`/monitoring/reports/${enc(returning.id)}/return`, { comment: comment.trim() });
      setReturning(null);
      form.resetFields();
      await after(`已退回 ${returning.unit.name} 的“${returning.indicator.name}”`);
    } catch (error) {
      onError(error, form);
    }
  };

  const columns: ProColumns<MonReviewItem>[] = [
    { title: '规划', dataIndex: 'plan', hideInTable: true, valueType: 'select', initialValue: DEFAULT_PLAN, fieldProps: { options: planOptions(plans.data) } },
    {
      title: '报送期',
      dataIndex: 'period',
      width: 110,
      valueType: 'dateMonth',
      sorter: true,
      search: { transform: (v: unknown) => ({ period: v ? dayjs(v as string).format('YYYY-MM') : undefined }) },
      render: (_, r) => r.periodLabel || r.period,
    },
    {
      title: '责任单位',
      dataIndex: 'unit',
      width: 160,
      sorter: true,
      valueType: 'select',
      fieldProps: { options: (units.data ?? []).map((u) => ({ value: u.code, label: u.name })), showSearch: true, optionFilterProp: 'label' },
      render: (_, r) => r.unit.name,
    },
    {
      title: '指标',
      key: 'indicator',
      search: false,
      width: 240,
      render: (_, r) => (
        <Space orientation="vertical" size={0}>
          <Link to={`/monitoring/indicators/${enc(r.indicator.id)}`}>{r.indicator.name}</Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {r.indicator.code}
          </Typography.Text>
        </Space>
      ),
    },
    { title: '本期值', dataIndex: 'value', search: false, width: 120, align: 'right', render: (_, r) => <ValueText value={r.value} unit={r.indicator.unit} /> },
    {
      title: '上期值',
      dataIndex: 'previousValue',
      search: false,
      width: 120,
      align: 'right',
      render: (_, r) =>
        r.previousValue ? (
          <Tooltip title={`${r.previousPeriod ?? '上期'} 已采纳`}>
            <span style={{ whiteSpace: 'nowrap' }}>{`${r.previousValue}${r.indicator.unit}`}</span>
          </Tooltip>
        ) : (
          <Missing reason="无上期已采纳的数据" />
        ),
    },
    { title: '变化', key: 'change', search: false, width: 90, align: 'right', render: (_, r) => <ChangeText value={r.value} previous={r.previousValue} /> },
    {
      title: '状态',
      dataIndex: 'state',
      width: 110,
      valueType: 'select',
      valueEnum: REVIEW_STATES,
      initialValue: 'submitted',
      render: (_, r) => (
        <Space size={0}>
          <ReportStateTag state={r.state} label={r.stateLabel} />
          {r.revision > 1 && <Typography.Text type="secondary" style={{ fontSize: 12 }}>v{r.revision}</Typography.Text>}
        </Space>
      ),
    },
    { title: '说明', dataIndex: 'note', search: false, width: 180, ellipsis: true, render: (_, r) => r.note || <Missing reason="未填写说明" /> },
    {
      title: '佐证',
      key: 'evidence',
      search: false,
      width: 140,
      render: (_, r) =>
        r.evidence?.length ? (
          <Space orientation="vertical" size={0}>
            {r.evidence.map((f) => (
              <a key={f.id} href={evidenceHref(f.id)} target="_blank" rel="noopener noreferrer" style={{ fontSize: 12 }}>
                <PaperClipOutlined /> {f.filename}
              </a>
            ))}
          </Space>
        ) : r.evidenceCount > 0 ? (
          <Tag icon={<PaperClipOutlined />}>{r.evidenceCount} 个附件</Tag>
        ) : (
          <Typography.Text type="secondary">无</Typography.Text>
        ),
    },
    { title: '报送时间', dataIndex: 'submittedAt', search: false, width: 170, sorter: true, render: (_, r) => (r.submittedAt ? formatDateTime(r.submittedAt) : <Missing reason="尚未提交" />) },
    { title: '审核意见', dataIndex: 'reviewComment', search: false, width: 160, ellipsis: true, render: (_, r) => r.reviewComment || '—' },
    {
      title: '操作',
      valueType: 'option',
      width: 150,
      fixed: 'right',
      render: (_, r) => [
        r.state === 'submitted' && (
          <Popconfirm key="accept" title="采纳该数据？" description="采纳后计入监测和总览。" okText="采纳" cancelText="取消" onConfirm={() => accept(r)}>
            <Button type="link" size="small" style={{ padding: 0 }} loading={busy === r.id}>
              采纳
            </Button>
          </Popconfirm>
        ),
        r.state === 'submitted' && (
          <Button key="return" type="link" size="small" style={{ padding: 0 }} danger onClick={() => setReturning(r)}>
            退回
          </Button>
        ),
        <Button key="history" type="link" size="small" style={{ padding: 0 }} icon={<HistoryOutlined />} onClick={() => setHistory(r)}>
          历史
        </Button>,
      ],
    },
  ];

  return (
    <>
      <ProTable<MonReviewItem, Filters>
        rowKey="id"
        actionRef={actionRef}
        cardBordered
        columns={columns}
        scroll={{ x: 1760 }}
        search={{ labelWidth: 'auto', defaultCollapsed: false }}
        pagination={{ defaultPageSize: 20, showSizeChanger: true, showQuickJumper: true }}
        options={{ density: true, reload: true, setting: true }}
        headerTitle="指标报送记录"
        toolBarRender={() => [
          <Button key="export" icon={<DownloadOutlined />} onClick={() => void api.download('/monitoring/review/export', lastQuery.current, '指标报送.xlsx').catch(onError)}>
            导出Excel
          </Button>,
        ]}
        request={async (p, sort) => {
          try {
            const [field, order] = Object.entries(sort ?? {}).find(([, o]) => o) ?? [];
            const query: Query = { plan: p.plan, period: p.period, unit: p.unit, state: p.state, ...(field ? { sort: field, order: order === 'ascend' ? 'asc' : 'desc' } : {}) };
            lastQuery.current = query;
            const res = await api.get<{ items: MonReviewItem[]; total: number }>('/monitoring/review', { ...query, page: p.current ?? 1, pageSize: p.pageSize ?? 20 });
            return { data: res.items, total: res.total, success: true };
          } catch (error) {
            onError(error);
            return { data: [], total: 0, success: false };
          }
        }}
      />
      <Modal
        open={!!returning}
        title={returning ? `退回：${returning.unit.name} · ${returning.indicator.name}` : '退回'}
        okText="退回"
        okButtonProps={{ danger: true }}
        cancelText="取消"
        onCancel={() => {
          setReturning(null);
          form.resetFields();
        }}
        onOk={() => sendBack()}
        destroyOnHidden
      >
        {returning && (
          <Typography.Paragraph type="secondary">
            {returning.periodLabel} 报送值 {returning.value}
            {returning.indicator.unit}
            {returning.previousValue ? `，上期 ${returning.previousValue}${returning.indicator.unit}` : ''}
          </Typography.Paragraph>
        )}
        <Form form={form} layout="vertical">
          <Form.Item name="comment" label="退回意见" rules={[{ required: true, whitespace: true, message: '退回须填写意见，说明需要修改或补充的内容' }]}>
            <Input.TextArea autoSize={{ minRows: 3, maxRows: 6 }} maxLength={500} showCount placeholder="如：与统计公报口径不一致，请核实后重报并附佐证" />
          </Form.Item>
        </Form>
      </Modal>
      <HistoryDrawer report={history} onClose={() => setHistory(null)} />
    </>
  );
}

function HistoryDrawer({ report, onClose }: { report: MonReviewItem | null; onClose: () => void }) {
  const history = useQuery({
    queryKey: ['monitoring', 'history', report?.id],
    queryFn: ({ signal }) => api.get<{ items: MonReportHistoryItem[] }>(`/monitoring/reports/${enc(report!.id)}/history`, undefined, signal).then((r) => r.items),
    enabled: !!report,
  });
  return (
    <Drawer open={!!report} onClose={onClose} size={760} title={report ? `修改历史：${report.unit.name} · ${report.indicator.name} · ${report.periodLabel}` : '修改历史'}>
      {history.error && <Alert type="error" showIcon title={errorText(history.error)} />}
      {report?.evidence && report.evidence.length > 0 && (
        <Flex vertical gap={4} style={{ marginBottom: 16 }}>
          <Typography.Text strong>佐证材料</Typography.Text>
          {report.evidence.map((f) => (
            <a key={f.id} href={evidenceHref(f.id)} target="_blank" rel="noopener noreferrer">
              <PaperClipOutlined /> {f.filename}
            </a>
          ))}
        </Flex>
      )}
      <Table<MonReportHistoryItem>
        size="small"
        rowKey={(h) => `${h.revision}-${h.at}-${h.state}`}
        loading={history.isPending && !!report}
        dataSource={history.data ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        columns={[
          { title: '版本', dataIndex: 'revision', width: 60, sorter: (a, b) => a.revision - b.revision, render: (v: number) => `v${v}` },
          { title: '时间', dataIndex: 'at', width: 160, sorter: (a, b) => a.at.localeCompare(b.at), defaultSortOrder: 'descend', render: (v: string) => formatDateTime(v) },
          { title: '数值', dataIndex: 'value', align: 'right', render: (v: string) => (report ? <ValueText value={v} unit={report.indicator.unit} /> : v) },
          { title: '操作', dataIndex: 'action', width: 60, render: (v: string) => <span style={{ whiteSpace: 'nowrap' }}>{ACTION_LABELS[v] ?? v}</span> },
          { title: '状态', dataIndex: 'state', render: (v: MonReportState, h) => <ReportStateTag state={v} label={h.stateLabel} /> },
          { title: '操作人', dataIndex: 'by', render: (v: string | null) => v || '—' },
          { title: '说明 / 意见', dataIndex: 'note', render: (v: string) => v || '—' },
        ]}
      />
    </Drawer>
  );
}

function LatenessTab() {
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const [plan, setPlan] = useState(DEFAULT_PLAN);
  const [period, setPeriod] = useState<string | undefined>();
  const [selected, setSelected] = useState<string[]>([]);
  const [sending, setSending] = useState(false);
  const [onlyLate, setOnlyLate] = useState(true);
  const lateness = useQuery({
    queryKey: ['monitoring', 'lateness', plan, period],
    queryFn: ({ signal }) => api.get<MonLateness>('/monitoring/lateness', { plan, period }, signal),
  });
  const rows = (lateness.data?.items ?? []).filter((r) => !onlyLate || r.late || r.missing > 0);

  const remind = async (codes: string[]) => {
    if (!codes.length) return;
    setSending(true);
    try {
      const res = await api.post<{ reminded: number }>('/monitoring/reminders', { plan, period: lateness.data?.period ?? period ?? currentPeriod(), unitCodes: codes });
      void message.success(`已提醒 ${res.reminded} 个单位`);
      setSelected([]);
      await lateness.refetch();
    } catch (error) {
      onError(error);
    } finally {
      setSending(false);
    }
  };

  return (
    <ProCard
      title={lateness.data ? `${lateness.data.periodLabel}报送情况` : '逾期未报'}
      subTitle={lateness.data ? `截止 ${lateness.data.due}${lateness.data.overdue ? '，已过截止日' : ''}` : undefined}
      headerBordered
    >
      <Flex justify="space-between" gap={8} wrap style={{ marginBottom: 16 }}>
        <Flex gap={8} wrap>
          <PlanSelect value={plan} onChange={setPlan} width={260} />
          <DatePicker picker="month" aria-label="报送期" allowClear={false} value={dayjs(`${(period ?? lateness.data?.period ?? currentPeriod()).slice(0, 7)}-01`)} onChange={(d) => d && setPeriod(d.format('YYYY-MM'))} />
          <Button onClick={() => setOnlyLate((v) => !v)}>{onlyLate ? '显示全部单位' : '只看未报齐'}</Button>
        </Flex>
        <Flex gap={8} wrap>
          <Button icon={<DownloadOutlined />} onClick={() => void api.download('/monitoring/lateness/export', { plan, period: lateness.data?.period ?? period }, '报送完整性.xlsx').catch(onError)}>
            导出Excel
          </Button>
          <Popconfirm title={`提醒选中的 ${selected.length} 个单位？`} okText="提醒" cancelText="取消" disabled={!selected.length} onConfirm={() => remind(selected)}>
            <Button type="primary" icon={<BellOutlined />} disabled={!selected.length} loading={sending}>
              批量提醒{selected.length ? `（${selected.length}）` : ''}
            </Button>
          </Popconfirm>
        </Flex>
      </Flex>
      {lateness.error && <Alert type="error" showIcon title="逾期情况加载失败" description={errorText(lateness.error)} style={{ marginBottom: 16 }} />}
      <Table<MonLatenessRow>
        rowKey={(r) => r.unit.code}
        size="middle"
        loading={lateness.isFetching}
        dataSource={rows}
        rowSelection={{ selectedRowKeys: selected, onChange: (keys) => setSelected(keys as string[]), getCheckboxProps: (r) => ({ disabled: r.missing === 0 }) }}
        pagination={{ defaultPageSize: 20, showSizeChanger: true, showTotal: (t) => `共 ${t} 个单位` }}
        locale={{ emptyText: onlyLate ? '各单位均已报齐' : '本期无应报送的单位' }}
        columns={[
          { title: '责任单位', key: 'unit', sorter: (a, b) => a.unit.name.localeCompare(b.unit.name, 'zh-CN'), render: (_, r) => r.unit.name },
          { title: '应报', dataIndex: 'expected', align: 'right', sorter: (a, b) => a.expected - b.expected },
          { title: '已报送', dataIndex: 'submitted', align: 'right', sorter: (a, b) => a.submitted - b.submitted },
          { title: '已采纳', dataIndex: 'accepted', align: 'right', sorter: (a, b) => a.accepted - b.accepted },
          { title: '完整率', dataIndex: 'completeness', align: 'right', sorter: (a, b) => Number(a.completeness) - Number(b.completeness), render: (v: string) => `${v}%` },
          { title: '未报', dataIndex: 'missing', align: 'right', sorter: (a, b) => a.missing - b.missing, defaultSortOrder: 'descend', render: (v: number) => (v > 0 ? <Typography.Text type="danger">{v}</Typography.Text> : 0) },
          {
            title: '是否逾期',
            dataIndex: 'late',
            filters: [
              { text: '逾期', value: true },
              { text: '未逾期', value: false },
            ],
            onFilter: (v, r) => r.late === v,
            render: (v: boolean) => (v ? <Tag color="error">逾期</Tag> : <Tag>未逾期</Tag>),
          },
          { title: '上次提醒', dataIndex: 'lastReminderAt', sorter: (a, b) => (a.lastReminderAt ?? '').localeCompare(b.lastReminderAt ?? ''), render: (v: string | null) => (v ? formatDateTime(v) : '—') },
          {
            title: '操作',
            key: 'op',
            render: (_, r) => (
              <Popconfirm title={`提醒 ${r.unit.name} 报送？`} okText="提醒" cancelText="取消" onConfirm={() => remind([r.unit.code])} disabled={r.missing === 0}>
                <Button type="link" size="small" icon={<BellOutlined />} disabled={r.missing === 0}>
                  提醒
                </Button>
              </Popconfirm>
            ),
          },
        ]}
      />
    </ProCard>
  );
}

/** Task progress reports (任务进展): the lead units' monthly progress, accepted or returned like the values. */
function TaskReportsTab() {
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const queryClient = useQueryClient();
  const actionRef = useRef<ActionType>(null);
  const plans = usePlans();
  const units = useUnits();
  const [returning, setReturning] = useState<MonTaskReviewItem | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [form] = Form.useForm<{ comment: string }>();

  const after = async (text: string) => {
    void message.success(text);
    actionRef.current?.reload();
    await queryClient.invalidateQueries({ queryKey: ['monitoring'] });
  };
  const accept = async (r: MonTaskReviewItem) => {
    setBusy(r.id);
    try {
      await api.post(`/monitoring/task-reports/${enc(r.id)}/accept`);
      await after(`已采纳 ${r.unit.name} 的“${r.task.title}”进展`);
    } catch (error) {
      onError(error);
    } finally {
      setBusy(null);
    }
  };
  const sendBack = async () => {
    if (!returning) return;
    // An empty comment shows the form's own message; the rejection must not escape as an uncaught error.
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    const { comment } = values;
    try {
      await api.post(`/monitoring/task-reports/${enc(returning.id)}/return`, { comment: comment.trim() });
      setReturning(null);
      form.resetFields();
      await after(`已退回 ${returning.unit.name} 的“${returning.task.title}”进展`);
    } catch (error) {
      onError(error, form);
    }
  };

  const columns: ProColumns<MonTaskReviewItem>[] = [
    { title: '规划', dataIndex: 'plan', hideInTable: true, valueType: 'select', initialValue: DEFAULT_PLAN, fieldProps: { options: planOptions(plans.data) } },
    { title: '报送期', dataIndex: 'period', width: 110, valueType: 'dateMonth', search: { transform: (v: unknown) => ({ period: v ? dayjs(v as string).format('YYYY-MM') : undefined }) }, render: (_, r) => r.periodLabel || r.period },
    {
      title: '牵头单位',
      dataIndex: 'unit',
      width: 160,
      valueType: 'select',
      fieldProps: { options: (units.data ?? []).map((u) => ({ value: u.code, label: u.name })), showSearch: true, optionFilterProp: 'label' },
      render: (_, r) => r.unit.name,
    },
    { title: '任务', key: 'task', search: false, width: 240, render: (_, r) => `${r.task.seq} ${r.task.title}` },
    { title: '完成进度', dataIndex: 'percent', search: false, width: 160, render: (_, r) => <Progress percent={r.percent} size="small" /> },
    { title: '本期进展', dataIndex: 'progress', search: false, width: 300, ellipsis: true },
    { title: '状态', dataIndex: 'state', width: 100, valueType: 'select', valueEnum: REVIEW_STATES, initialValue: 'submitted', render: (_, r) => <ReportStateTag state={r.state} label={r.stateLabel} /> },
    { title: '报送时间', dataIndex: 'submittedAt', search: false, width: 170, render: (_, r) => (r.submittedAt ? formatDateTime(r.submittedAt) : '—') },
    { title: '审核意见', dataIndex: 'reviewComment', search: false, width: 160, ellipsis: true, render: (_, r) => r.reviewComment || '—' },
    {
      title: '操作',
      valueType: 'option',
      width: 110,
      fixed: 'right',
      render: (_, r) =>
        r.state === 'submitted'
          ? [
              <Popconfirm key="accept" title="采纳该进展？" okText="采纳" cancelText="取消" onConfirm={() => accept(r)}>
                <Button type="link" size="small" style={{ padding: 0 }} loading={busy === r.id}>
                  采纳
                </Button>
              </Popconfirm>,
              <Button key="return" type="link" size="small" style={{ padding: 0 }} danger onClick={() => setReturning(r)}>
                退回
              </Button>,
            ]
          : [],
    },
  ];

  return (
    <>
      <ProTable<MonTaskReviewItem, Filters>
        rowKey="id"
        actionRef={actionRef}
        cardBordered
        columns={columns}
        scroll={{ x: 1500 }}
        search={{ labelWidth: 'auto', defaultCollapsed: false }}
        pagination={{ defaultPageSize: 20, showSizeChanger: true, showQuickJumper: true }}
        options={{ density: true, reload: true, setting: true }}
        headerTitle="任务进展报告"
        request={async (p) => {
          try {
            const res = await api.get<{ items: MonTaskReviewItem[]; total: number }>('/monitoring/task-review', {
              plan: p.plan,
              period: p.period,
              unit: p.unit,
              state: p.state,
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
      <Modal
        open={!!returning}
        title={returning ? `退回：${returning.unit.name} · ${returning.task.title}` : '退回'}
        okText="退回"
        okButtonProps={{ danger: true }}
        cancelText="取消"
        onCancel={() => {
          setReturning(null);
          form.resetFields();
        }}
        onOk={() => sendBack()}
        destroyOnHidden
      >
        <Form form={form} layout="vertical">
          <Form.Item name="comment" label="退回意见" rules={[{ required: true, whitespace: true, message: '退回须填写意见，说明需要修改或补充的内容' }]}>
            <Input.TextArea autoSize={{ minRows: 3, maxRows: 6 }} maxLength={500} showCount />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
