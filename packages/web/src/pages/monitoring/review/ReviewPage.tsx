/**
 * 报送审核 (officer): submitted monthly values against the previous ones, accepted or returned with a comment;
 * the units that have not reported, reminded one by one or together; each report's revision history.
 */
import { BellOutlined, CheckOutlined, DownloadOutlined, FileTextOutlined, HistoryOutlined, PaperClipOutlined, RollbackOutlined } from '@ant-design/icons';
import { PageContainer, ProCard, ProTable, type ActionType, type ProColumns } from '@ant-design/pro-components';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, DatePicker, Descriptions, Drawer, Flex, Form, Input, Modal, Popconfirm, Progress, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api, type Query } from '../../../api/client';
import { errorText } from '../../../api/errors';
import { useApiErrorHandler } from '../../../api/form-errors';
import type { MonReportHistoryItem, MonReportState } from '../../../api/types';
import { dayjs, formatDateTime } from '../../../lib/time';
import { DEFAULT_PLAN, evidenceHref, planOptions, usePlans, useUnits } from '../shared/api';
import { ChangeText, Missing, percentText, ReportStateTag, ValueText, withUnit } from '../shared/format';
import { REPORT_STATE_LABELS, valueEnumOf } from '../shared/labels';
import { PlanSelect } from '../shared/PlanSelect';
import { currentReportingPeriod } from '../shared/dates';
import { canReview, type LatenessView, type ReviewItemView, type TaskReviewItemView } from '../shared/views';
import { BatchReviewModal } from './BatchReview';

const enc = encodeURIComponent;
/** Drafts stay the unit's working copy: the bureau's queue starts at submission. */
const REVIEW_STATES = Object.fromEntries(Object.entries(valueEnumOf(REPORT_STATE_LABELS)).filter(([k]) => k !== 'draft'));
const ACTION_LABELS: Record<string, string> = { save: '保存', correct: '更正', submit: '提交', accept: '采纳', return: '退回' };

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
  const [returning, setReturning] = useState<ReviewItemView | null>(null);
  const [history, setHistory] = useState<ReviewItemView | null>(null);
  const [selected, setSelected] = useState<ReviewItemView[]>([]);
  // The rows a batch runs on are fixed when it starts: the selection changes as rows are accepted.
  const [batch, setBatch] = useState<{ mode: 'accept' | 'return'; rows: ReviewItemView[] } | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [form] = Form.useForm<{ comment: string }>();
  const lastQuery = useRef<Query>({});

  const after = async (text: string) => {
    void message.success(text);
    actionRef.current?.reload();
    await queryClient.invalidateQueries({ queryKey: ['monitoring'] });
  };

  const accept = async (r: ReviewItemView) => {
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

  // Laid out for 1280 × 720 without sideways scrolling: the columns a reviewer decides on are fixed-width and cut
  // with a tooltip; the note, evidence, submission time and earlier comment open under the row.
  const columns: ProColumns<ReviewItemView>[] = [
    { title: '规划', dataIndex: 'plan', hideInTable: true, valueType: 'select', initialValue: DEFAULT_PLAN, fieldProps: { options: planOptions(plans.data) } },
    {
      title: '报送期',
      dataIndex: 'period',
      width: 96,
      valueType: 'dateMonth',
      sorter: true,
      search: { transform: (v: unknown) => ({ period: v ? dayjs(v as string).format('YYYY-MM') : undefined }) },
      render: (_, r) => r.periodLabel || r.period,
    },
    {
      title: '责任单位',
      dataIndex: 'unit',
      width: 124,
      sorter: true,
      ellipsis: true,
      valueType: 'select',
      fieldProps: { options: (units.data ?? []).map((u) => ({ value: u.code, label: u.name })), showSearch: true, optionFilterProp: 'label' },
      render: (_, r) => <Typography.Text ellipsis={{ tooltip: r.unit.name }}>{r.unit.name}</Typography.Text>,
    },
    {
      title: '指标',
      key: 'indicator',
      search: false,
      render: (_, r) => (
        <Flex vertical style={{ minWidth: 0 }}>
          <Typography.Text ellipsis={{ tooltip: r.indicator.name }}>
            <Link to={`/monitoring/indicators/${enc(r.indicator.id)}`}>{r.indicator.name}</Link>
          </Typography.Text>
          <Space size={6} style={{ fontSize: 12 }}>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {r.indicator.code}
            </Typography.Text>
            {r.note && (
              <Tooltip title={`说明：${r.note}`}>
                <FileTextOutlined aria-label="有说明" style={{ color: '#1677ff' }} />
              </Tooltip>
            )}
            {r.evidenceCount > 0 && (
              <Tooltip title={`${r.evidenceCount} 个佐证材料，展开查看`}>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  <PaperClipOutlined /> {r.evidenceCount}
                </Typography.Text>
              </Tooltip>
            )}
          </Space>
        </Flex>
      ),
    },
    { title: '本期值', dataIndex: 'value', search: false, width: 100, align: 'right', render: (_, r) => <ValueText value={r.value} unit={r.indicator.unit} /> },
    {
      title: '上期 / 变化',
      dataIndex: 'previousValue',
      search: false,
      width: 112,
      align: 'right',
      render: (_, r) =>
        r.previousValue ? (
          <Flex vertical>
            <Tooltip title={`${r.previousPeriod ?? '上期'} 已采纳`}>
              <span>
                <ValueText value={r.previousValue} unit={r.indicator.unit} />
              </span>
            </Tooltip>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              <ChangeText value={r.value} previous={r.previousValue} />
            </Typography.Text>
          </Flex>
        ) : (
          <Missing reason="无上期已采纳的数据" />
        ),
    },
    {
      title: '状态',
      dataIndex: 'state',
      width: 88,
      valueType: 'select',
      valueEnum: REVIEW_STATES,
      initialValue: 'submitted',
      render: (_, r) => (
        <Flex vertical align="flex-start" gap={2}>
          <Space size={2}>
            <ReportStateTag state={r.state} label={r.stateLabel} />
            {r.revision > 1 && <Typography.Text type="secondary" style={{ fontSize: 12 }}>v{r.revision}</Typography.Text>}
          </Space>
          {r.overdue && (
            <Tooltip title={r.dueDate ? `截止 ${r.dueDate}（北京时间）` : undefined}>
              <Tag color="error">逾期</Tag>
            </Tooltip>
          )}
        </Flex>
      ),
    },
    {
      title: '操作',
      valueType: 'option',
      width: 148,
      render: (_, r) => [
        canReview(r) && (
          <Popconfirm key="accept" title="采纳该数据？" description="采纳后计入监测和总览。" okText="采纳" cancelText="取消" onConfirm={() => accept(r)}>
            <Button type="link" size="small" style={{ padding: 0 }} loading={busy === r.id}>
              采纳
            </Button>
          </Popconfirm>
        ),
        canReview(r, 'return') && (
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
  const selectedRows = selected.filter((r) => canReview(r));

  return (
    <>
      <ProTable<ReviewItemView, Filters>
        rowKey="id"
        actionRef={actionRef}
        cardBordered
        columns={columns}
        tableLayout="fixed"
        search={{ labelWidth: 'auto', defaultCollapsed: false }}
        pagination={{ defaultPageSize: 20, pageSizeOptions: [20, 50, 100, 200], showSizeChanger: true, showQuickJumper: true }}
        options={{ density: true, reload: true, setting: true }}
        headerTitle="指标报送记录"
        rowSelection={{
          selectedRowKeys: selected.map((r) => r.id),
          onChange: (_, rows) => setSelected(rows.filter(Boolean)),
          getCheckboxProps: (r) => ({ disabled: !canReview(r), 'aria-label': `选择 ${r.unit.name} ${r.indicator.name}` }),
        }}
        tableAlertRender={({ selectedRowKeys, onCleanSelected }) => (
          <Space size={12}>
            <span>已选 {selectedRowKeys.length} 条待审核报送</span>
            <Button type="link" size="small" onClick={onCleanSelected}>
              取消选择
            </Button>
          </Space>
        )}
        tableAlertOptionRender={() => (
          <Space>
            <Button type="primary" size="small" icon={<CheckOutlined />} disabled={!selectedRows.length} onClick={() => setBatch({ mode: 'accept', rows: selectedRows })}>
              批量采纳
            </Button>
            <Button danger size="small" icon={<RollbackOutlined />} disabled={!selectedRows.length} onClick={() => setBatch({ mode: 'return', rows: selectedRows })}>
              批量退回
            </Button>
          </Space>
        )}
        expandable={{
          expandedRowRender: (r) => <ReviewDetail report={r} />,
          columnWidth: 36,
        }}
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
            const res = await api.get<{ items: ReviewItemView[]; total: number }>('/monitoring/review', { ...query, page: p.current ?? 1, pageSize: p.pageSize ?? 20 });
            return { data: res.items, total: res.total, success: true };
          } catch (error) {
            onError(error);
            return { data: [], total: 0, success: false };
          }
        }}
      />
      <BatchReviewModal
        mode={batch?.mode ?? null}
        rows={batch?.rows ?? []}
        onClose={() => setBatch(null)}
        onDone={async (changed) => {
          if (!changed.length) return;
          setSelected((rows) => rows.filter((r) => !changed.includes(r.id)));
          actionRef.current?.reload();
          await queryClient.invalidateQueries({ queryKey: ['monitoring'] });
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
            {returning.periodLabel} 报送值 {withUnit(returning.value, returning.indicator.unit)}
            {returning.previousValue ? `，上期 ${withUnit(returning.previousValue, returning.indicator.unit)}` : ''}
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

/** What a reviewer reads under a row: the unit's note, the evidence, when it was submitted, the last comment. */
function ReviewDetail({ report: r }: { report: ReviewItemView }) {
  return (
    <Descriptions size="small" column={2} style={{ maxWidth: 900 }}>
      <Descriptions.Item label="说明" span={2}>
        {r.note || <Missing reason="未填写说明" />}
      </Descriptions.Item>
      <Descriptions.Item label="佐证材料">
        {r.evidence?.length ? (
          <Flex vertical gap={2} style={{ minWidth: 0, maxWidth: 360 }}>
            {r.evidence.map((f) => (
              <Typography.Text key={f.id} ellipsis={{ tooltip: f.filename }}>
                <a href={evidenceHref(f.id)} target="_blank" rel="noopener noreferrer">
                  <PaperClipOutlined /> {f.filename}
                </a>
              </Typography.Text>
            ))}
          </Flex>
        ) : r.evidenceCount > 0 ? (
          <Tag icon={<PaperClipOutlined />}>{r.evidenceCount} 个附件</Tag>
        ) : (
          <Typography.Text type="secondary">无</Typography.Text>
        )}
      </Descriptions.Item>
      <Descriptions.Item label="报送时间">{r.submittedAt ? formatDateTime(r.submittedAt) : <Missing reason="尚未提交" />}</Descriptions.Item>
      <Descriptions.Item label="审核意见" span={2}>
        {r.reviewComment || '—'}
      </Descriptions.Item>
    </Descriptions>
  );
}

function HistoryDrawer({ report, onClose }: { report: ReviewItemView | null; onClose: () => void }) {
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
    queryFn: ({ signal }) => api.get<LatenessView>('/monitoring/lateness', { plan, period }, signal),
  });
  const rows = (lateness.data?.items ?? []).filter((r) => !onlyLate || r.late || r.missing > 0);

  const remind = async (codes: string[]) => {
    if (!codes.length) return;
    setSending(true);
    try {
      const res = await api.post<{ reminded: number }>('/monitoring/reminders', { plan, period: lateness.data?.period ?? period ?? currentReportingPeriod(), unitCodes: codes });
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
          <DatePicker picker="month" aria-label="报送期" allowClear={false} value={dayjs(`${(period ?? lateness.data?.period ?? currentReportingPeriod()).slice(0, 7)}-01`)} onChange={(d) => d && setPeriod(d.format('YYYY-MM'))} />
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
      <Table<LatenessView['items'][number]>
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
          { title: '完整率', dataIndex: 'completeness', align: 'right', sorter: (a, b) => Number(a.completeness) - Number(b.completeness), render: (v: string) => percentText(v) },
          { title: '未报', dataIndex: 'missing', align: 'right', sorter: (a, b) => a.missing - b.missing, defaultSortOrder: 'descend', render: (v: number) => (v > 0 ? <Typography.Text type="danger">{v}</Typography.Text> : 0) },
          {
            title: '是否逾期',
            dataIndex: 'late',
            filters: [
              { text: '逾期', value: true },
              { text: '未逾期', value: false },
            ],
            onFilter: (v, r) => (r.overdue ?? r.late) === v,
            render: (_: boolean, r) => ((r.overdue ?? r.late) ? <Tag color="error">逾期</Tag> : <Tag>未逾期</Tag>),
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
  const [returning, setReturning] = useState<TaskReviewItemView | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [form] = Form.useForm<{ comment: string }>();

  const after = async (text: string) => {
    void message.success(text);
    actionRef.current?.reload();
    await queryClient.invalidateQueries({ queryKey: ['monitoring'] });
  };
  const accept = async (r: TaskReviewItemView) => {
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

  const columns: ProColumns<TaskReviewItemView>[] = [
    { title: '规划', dataIndex: 'plan', hideInTable: true, valueType: 'select', initialValue: DEFAULT_PLAN, fieldProps: { options: planOptions(plans.data) } },
    { title: '报送期', dataIndex: 'period', width: 100, valueType: 'dateMonth', search: { transform: (v: unknown) => ({ period: v ? dayjs(v as string).format('YYYY-MM') : undefined }) }, render: (_, r) => r.periodLabel || r.period },
    {
      title: '牵头单位',
      dataIndex: 'unit',
      width: 150,
      ellipsis: true,
      valueType: 'select',
      fieldProps: { options: (units.data ?? []).map((u) => ({ value: u.code, label: u.name })), showSearch: true, optionFilterProp: 'label' },
      render: (_, r) => r.unit.name,
    },
    { title: '任务', key: 'task', search: false, render: (_, r) => <Typography.Text ellipsis={{ tooltip: `${r.task.seq} ${r.task.title}` }}>{`${r.task.seq} ${r.task.title}`}</Typography.Text> },
    { title: '完成进度', dataIndex: 'percent', search: false, width: 130, render: (_, r) => <Progress percent={r.percent} size="small" /> },
    { title: '本期进展', dataIndex: 'progress', search: false, width: 220, render: (_, r) => <Typography.Text ellipsis={{ tooltip: r.progress }}>{r.progress}</Typography.Text> },
    { title: '状态', dataIndex: 'state', width: 96, valueType: 'select', valueEnum: REVIEW_STATES, initialValue: 'submitted', render: (_, r) => <ReportStateTag state={r.state} label={r.stateLabel} /> },
    {
      title: '操作',
      valueType: 'option',
      width: 100,
      render: (_, r) =>
        canReview(r)
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
      <ProTable<TaskReviewItemView, Filters>
        rowKey="id"
        actionRef={actionRef}
        cardBordered
        columns={columns}
        tableLayout="fixed"
        expandable={{
          columnWidth: 36,
          expandedRowRender: (r) => (
            <Descriptions size="small" column={2} style={{ maxWidth: 900 }}>
              <Descriptions.Item label="本期进展" span={2}>
                {r.progress || '—'}
              </Descriptions.Item>
              {r.note && (
                <Descriptions.Item label="说明" span={2}>
                  {r.note}
                </Descriptions.Item>
              )}
              <Descriptions.Item label="报送时间">{r.submittedAt ? formatDateTime(r.submittedAt) : '—'}</Descriptions.Item>
              <Descriptions.Item label="审核意见">{r.reviewComment || '—'}</Descriptions.Item>
            </Descriptions>
          ),
        }}
        search={{ labelWidth: 'auto', defaultCollapsed: false }}
        pagination={{ defaultPageSize: 20, showSizeChanger: true, showQuickJumper: true }}
        options={{ density: true, reload: true, setting: true }}
        headerTitle="任务进展报告"
        request={async (p) => {
          try {
            const res = await api.get<{ items: TaskReviewItemView[]; total: number }>('/monitoring/task-review', {
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
