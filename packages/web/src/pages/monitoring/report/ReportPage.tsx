/**
 * 月度填报 (a responsible department): this period's values for the indicators the unit owns, with a note and
 * evidence, saved row by row as drafts and then submitted together; task progress in its own tab; or the same
 * through an Excel template (bad rows reported with their line, the rest saved).
 */
import { DeleteOutlined, DownloadOutlined, PaperClipOutlined, SaveOutlined, SendOutlined, UploadOutlined } from '@ant-design/icons';
import { PageContainer, ProCard } from '@ant-design/pro-components';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Badge, Button, Flex, Input, InputNumber, Popconfirm, Select, Slider, Space, Table, Tabs, Tag, Tooltip, Typography, Upload } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { api } from '../../../api/client';
import { errorText, isApiError } from '../../../api/errors';
import { useApiErrorHandler } from '../../../api/form-errors';
import type { MonEvidence, MonIndicatorReport, MonReportState, MonTaskReport, MonUploadResult } from '../../../api/types';
import { evidenceHref, uploadFile } from '../shared/api';
import { daysUntil, isOverdue } from '../shared/dates';
import { ExcelUpload } from '../shared/ExcelUpload';
import { fileSize, Missing, ReportStateTag, targetText, TaskStatusTag, withUnit } from '../shared/format';
import { REPORT_STATE_LABELS } from '../shared/labels';
import { UploadResultModal } from '../shared/UploadResultModal';
import { useUnsavedInput } from '../../../session/useUnsavedInput';
import type { EvidenceView, ReportingView } from '../shared/views';

const enc = encodeURIComponent;
const DECIMAL = /^-?\d+(\.\d{1,6})?$/;
const EDITABLE: (MonReportState | undefined)[] = [undefined, 'draft', 'returned', 'accepted'];
const EVIDENCE_TYPES = '.pdf,.jpg,.jpeg,.png,.xlsx,.docx';

type IndicatorRow = ReportingView['indicators'][number];
type TaskRow = ReportingView['tasks'][number];
interface Draft {
  value: string;
  note: string;
}

export default function ReportPage() {
  const { message, modal } = App.useApp();
  const onError = useApiErrorHandler();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const period = params.get('period') ?? undefined;
  const reporting = useQuery({
    queryKey: ['monitoring', 'reporting', period ?? 'current'],
    queryFn: ({ signal }) => api.get<ReportingView>('/monitoring/reporting', { period }, signal),
  });
  const r = reporting.data;
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['monitoring'] });
  const [result, setResult] = useState<MonUploadResult | null>(null);
  const [submitting, setSubmitting] = useState(false);

  const choosePeriod = (p: string) => setParams({ period: p }, { replace: true });
  const pending = [
    ...(r?.indicators ?? []).filter((x) => x.report && (x.report.state === 'draft' || x.report.state === 'returned')),
    ...(r?.tasks ?? []).filter((x) => x.report && (x.report.state === 'draft' || x.report.state === 'returned')),
  ].length;
  const missing = (r?.indicators ?? []).filter((x) => !x.report).length;
  // The server's due day and verdict; the countdown is counted in Shanghai days whatever the browser's zone.
  const due = r ? (r.dueDate ?? r.due) : null;
  const daysLeft = due ? daysUntil(due, r?.today) : null;
  const overdue = r ? (r.overdue ?? r.late) : false;

  const submit = () =>
    modal.confirm({
      title: `提交${r?.periodLabel ?? ''}的填报？`,
      content: (
        <>
          将提交本单位 {pending} 条草稿或退回后修改的填报，提交后在审核前不能再修改。
          {missing > 0 && <Typography.Paragraph type="warning" style={{ marginTop: 8, marginBottom: 0 }}>还有 {missing} 项指标未填写本期值，提交后它们仍显示为未报。</Typography.Paragraph>}
        </>
      ),
      okText: '确认提交',
      cancelText: '取消',
      onOk: async () => {
        setSubmitting(true);
        try {
          const res = await api.post<{ submitted: number }>('/monitoring/reporting/submit', { period: r?.period });
          void message.success(`已提交 ${res.submitted} 条填报，等待科技局审核`);
          await refresh();
        } catch (error) {
          onError(error);
        } finally {
          setSubmitting(false);
        }
      },
    });

  const downloadTemplate = () => api.download('/monitoring/reporting/template', { period: r?.period }, `填报模板-${r?.period ?? ''}.xlsx`).catch(onError);

  return (
    <PageContainer
      title="月度填报"
      breadcrumbRender={false}
      content={
        r && (
          <Flex vertical gap={4}>
            <span>
              填报单位：
              {r.units.map((u) => (
                <Tag key={u.code} color="blue">
                  {u.name}
                </Tag>
              ))}
            </span>
            <Typography.Text type="secondary">逐行填写本期值并保存为草稿，全部填完后点击“提交”；也可下载Excel模板离线填写后上传。已采纳的数据如需更正，修改保存后会生成新版本并重新提交审核，历史版本保留。</Typography.Text>
          </Flex>
        )
      }
      extra={
        <Flex gap={8} wrap align="center">
          <Select
            aria-label="报送期"
            style={{ width: 250 }}
            loading={reporting.isPending}
            value={r?.period ?? period}
            onChange={choosePeriod}
            options={(r?.periods ?? []).map((p) => ({ value: p.period, label: `${p.periodLabel}（截止 ${p.due}）` }))}
          />
          <Button icon={<DownloadOutlined />} onClick={() => void downloadTemplate()} disabled={!r}>
            下载模板
          </Button>
          <ExcelUpload
            path="/monitoring/reporting/upload"
            query={{ period: r?.period }}
            label="上传"
            disabled={!r}
            onDone={(res) => {
              setResult(res);
              if (res.saved > 0) void message.success(`已保存 ${res.saved} 条填报`);
              void refresh();
            }}
          />
          <Badge count={pending} size="small">
            <Button type="primary" icon={<SendOutlined />} loading={submitting} disabled={!r || pending === 0} onClick={submit}>
              提交
            </Button>
          </Badge>
        </Flex>
      }
    >
      {reporting.error && (
        <Alert
          type="error"
          showIcon
          title="填报数据加载失败"
          description={isApiError(reporting.error) && reporting.error.status === 404 ? '本单位在该规划中没有需要填报的指标或任务' : errorText(reporting.error)}
          style={{ marginBottom: 16 }}
        />
      )}
      {r && (
        <Alert
          style={{ marginBottom: 16 }}
          showIcon
          type={overdue ? 'error' : daysLeft !== null && daysLeft < 0 ? 'success' : daysLeft !== null && daysLeft <= 3 ? 'warning' : 'info'}
          title={
            overdue
              ? `${r.periodLabel}的填报已逾期（截止日期 ${due}），请尽快填报并提交`
              : daysLeft !== null && daysLeft < 0
                ? `${r.periodLabel}的填报截止日期 ${due} 已过，本单位本期内容均已提交`
                : daysLeft === 0
                  ? `${r.periodLabel}的填报今天（${due}）截止，当天提交不算逾期`
                  : `${r.periodLabel}的填报截止日期为 ${due}，还剩 ${daysLeft ?? 0} 天`
          }
        />
      )}
      <ProCard loading={reporting.isPending}>
        {r && (
          <Tabs
            items={[
              { key: 'indicators', label: `指标填报（${r.indicators.length}）`, children: <IndicatorTable data={r} onSaved={refresh} /> },
              { key: 'tasks', label: `任务进展（${r.tasks.length}）`, children: <TaskTable data={r} onSaved={refresh} /> },
            ]}
          />
        )}
      </ProCard>
      <UploadResultModal result={result} onClose={() => setResult(null)} noun="条填报" />
    </PageContainer>
  );
}

function IndicatorTable({ data, onSaved }: { data: ReportingView; onSaved: () => Promise<unknown> }) {
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const [drafts, setDrafts] = useState<Record<string, Draft>>({});
  // What was typed survives 登录已超时 and is offered back after signing in again.
  useUnsavedInput(`indicators:${data.period}`, drafts, (saved) => setDrafts((d) => ({ ...d, ...saved })));
  const [saving, setSaving] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [stateFilter, setStateFilter] = useState<string | undefined>();

  // A new period (or a refreshed one) starts from what the server holds.
  useEffect(() => {
    setDrafts(Object.fromEntries(data.indicators.map((x) => [x.indicator.id, { value: x.report?.value ?? '', note: x.report?.note ?? '' }])));
    setErrors({});
  }, [data]);

  const rows = useMemo(
    () => data.indicators.filter((x) => !stateFilter || (stateFilter === 'none' ? !x.report : x.report?.state === stateFilter)),
    [data, stateFilter],
  );

  const save = async (row: IndicatorRow) => {
    const id = row.indicator.id;
    const d = drafts[id] ?? { value: '', note: '' };
    const value = d.value.trim();
    if (!DECIMAL.test(value)) {
      setErrors((e) => ({ ...e, [id]: value ? '须为数字，最多6位小数' : '请填写本期值' }));
      return;
    }
    setErrors((e) => ({ ...e, [id]: '' }));
    setSaving(id);
    try {
      await api.put<MonIndicatorReport>(`/monitoring/reporting/indicators/${enc(id)}/${enc(row.period)}`, { value, note: d.note.trim() });
      void message.success(row.report?.state === 'accepted' ? `已保存“${row.indicator.name}”的更正（新版本，待提交）` : `已保存“${row.indicator.name}”`);
      await onSaved();
    } catch (error) {
      if (isApiError(error) && error.errors.length) setErrors((e) => ({ ...e, [id]: error.errors.map((x) => x.message).join('；') }));
      onError(error);
    } finally {
      setSaving(null);
    }
  };

  // Laid out for 1280 × 720 without sideways scrolling: the target and the previous value share a column, the
  // note and the evidence another; long names are cut with a tooltip.
  const columns: ColumnsType<IndicatorRow> = [
    {
      title: '指标',
      key: 'name',
      sorter: (a, b) => a.indicator.seq - b.indicator.seq,
      render: (_, x) => (
        <Flex vertical style={{ minWidth: 0 }}>
          <Typography.Text ellipsis={{ tooltip: x.indicator.name }}>
            {x.indicator.core && <Tag color="gold">核心</Tag>}
            {x.indicator.name}
          </Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {x.indicator.code} · {x.indicator.frequencyLabel}
            {x.period !== data.period && ` · 报 ${x.periodLabel}`}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: '目标 / 上期',
      key: 'target',
      width: 150,
      render: (_, x) => (
        <Flex vertical style={{ fontSize: 12 }}>
          <span>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              目标{' '}
            </Typography.Text>
            {targetText(x.indicator) ? `${targetText(x.indicator)}（${x.indicator.target.year}年）` : <Missing reason="目标缺失" />}
          </span>
          <span>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              上期{' '}
            </Typography.Text>
            {x.previous ? (
              <Tooltip title={`${x.previous.period} 已采纳`}>
                <span style={{ whiteSpace: 'nowrap' }}>{withUnit(x.previous.value, x.indicator.unit)}</span>
              </Tooltip>
            ) : (
              <Missing reason="无上期已采纳的数据" />
            )}
          </span>
        </Flex>
      ),
    },
    {
      title: '本期值',
      key: 'value',
      width: 130,
      render: (_, x) => {
        const id = x.indicator.id;
        const locked = !EDITABLE.includes(x.report?.state);
        return (
          <Tooltip title={errors[id] || (locked ? '已提交，审核前不能修改' : undefined)} color={errors[id] ? 'red' : undefined} open={errors[id] ? true : undefined}>
            <InputNumber<string>
              stringMode
              controls={false}
              aria-label={`${x.indicator.name}本期值`}
              style={{ width: '100%' }}
              status={errors[id] ? 'error' : undefined}
              disabled={locked}
              suffix={x.indicator.unit}
              value={drafts[id]?.value || null}
              onChange={(v) => setDrafts((d) => ({ ...d, [id]: { value: v ?? '', note: d[id]?.note ?? '' } }))}
            />
          </Tooltip>
        );
      },
    },
    {
      title: '说明与佐证材料',
      key: 'note',
      width: 210,
      render: (_, x) => (
        <Flex vertical gap={4}>
          <Input.TextArea
            aria-label={`${x.indicator.name}说明`}
            placeholder="说明（选填）"
            autoSize={{ minRows: 1, maxRows: 3 }}
            maxLength={500}
            disabled={!EDITABLE.includes(x.report?.state)}
            value={drafts[x.indicator.id]?.note ?? ''}
            onChange={(e) => setDrafts((d) => ({ ...d, [x.indicator.id]: { value: d[x.indicator.id]?.value ?? '', note: e.target.value } }))}
          />
          <EvidenceCell row={x} onUploaded={onSaved} />
        </Flex>
      ),
    },
    {
      title: '状态',
      key: 'state',
      width: 112,
      render: (_, x) => (
        <Space orientation="vertical" size={2}>
          <span>
            <ReportStateTag state={x.report?.state} label={x.report?.stateLabel} />
            {x.report && x.report.revision > 1 && <Typography.Text type="secondary" style={{ fontSize: 12 }}>第{x.report.revision}版</Typography.Text>}
          </span>
          {x.report?.state === 'returned' && x.report.reviewComment && (
            <Typography.Text type="danger" ellipsis={{ tooltip: x.report.reviewComment }} style={{ fontSize: 12, maxWidth: 96 }}>
              退回意见：{x.report.reviewComment}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    {
      title: '操作',
      key: 'op',
      width: 84,
      render: (_, x) => {
        const id = x.indicator.id;
        const changed = (drafts[id]?.value ?? '') !== (x.report?.value ?? '') || (drafts[id]?.note ?? '') !== (x.report?.note ?? '');
        return (
          <Button
            size="small"
            type={changed ? 'primary' : 'default'}
            icon={<SaveOutlined />}
            loading={saving === id}
            disabled={!EDITABLE.includes(x.report?.state) || (!changed && !!x.report)}
            onClick={() => void save(x)}
          >
            保存
          </Button>
        );
      },
    },
  ];

  return (
    <>
      <Flex justify="space-between" align="center" style={{ marginBottom: 12 }} wrap gap={8}>
        <Typography.Text type="secondary">
          共 {data.indicators.length} 项指标；已保存 {data.indicators.filter((x) => x.report).length} 项，已提交或已采纳{' '}
          {data.indicators.filter((x) => x.report && (x.report.state === 'submitted' || x.report.state === 'accepted')).length} 项
        </Typography.Text>
        <Select
          aria-label="按状态筛选"
          allowClear
          placeholder="按状态筛选"
          style={{ width: 150 }}
          value={stateFilter}
          onChange={setStateFilter}
          options={[{ value: 'none', label: '未填报' }, ...(Object.keys(REPORT_STATE_LABELS) as MonReportState[]).map((k) => ({ value: k, label: REPORT_STATE_LABELS[k].text }))]}
        />
      </Flex>
      <Table<IndicatorRow>
        rowKey={(x) => x.indicator.id}
        size="middle"
        dataSource={rows}
        columns={columns}
        tableLayout="fixed"
        pagination={{ defaultPageSize: 20, showSizeChanger: true, showTotal: (t) => `共 ${t} 项` }}
        locale={{ emptyText: '本单位本期没有需要填报的指标' }}
      />
    </>
  );
}

/**
 * Evidence of one report: links to what is attached (long names cut with the full name on hover), a delete button
 * while the report is the unit's to change (a draft, or returned for correction), and an upload (the report must
 * exist: save the value first).
 */
function EvidenceCell({ row, onUploaded }: { row: IndicatorRow; onUploaded: () => Promise<unknown> }) {
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const [busy, setBusy] = useState(false);
  const [deleting, setDeleting] = useState<string | null>(null);
  const files: EvidenceView[] = row.report?.evidence ?? [];
  // The server says whether evidence may be added now when it sends `canAddEvidence`.
  const locked = row.report?.canAddEvidence !== undefined ? !row.report.canAddEvidence : !EDITABLE.includes(row.report?.state);
  // The server says per file when it sends `canDelete`; otherwise the rule it applies: draft or returned only.
  const deletable = (f: EvidenceView) => f.canDelete ?? (row.report?.state === 'draft' || row.report?.state === 'returned');
  // Evidence belongs to a saved report: the value comes first.
  const reason = !row.report
    ? '请先保存本期值，再上传佐证材料'
    : locked
      ? row.report.state === 'accepted'
        ? '已采纳：修改本期值并保存为更正后，再上传佐证材料'
        : '已提交，审核前不能修改'
      : 'PDF、图片、Excel 或 Word，不超过 10 MB';
  const remove = async (f: EvidenceView) => {
    setDeleting(f.id);
    try {
      await api.delete(`/monitoring/evidence/${enc(f.id)}`);
      void message.success(`已删除佐证材料“${f.filename}”`);
      await onUploaded();
    } catch (error) {
      onError(error);
    } finally {
      setDeleting(null);
    }
  };
  return (
    <Space orientation="vertical" size={2} style={{ width: '100%' }}>
      {files.map((f) => (
        <Flex key={f.id} align="center" gap={2} style={{ maxWidth: '100%' }}>
          <Typography.Text ellipsis={{ tooltip: `${f.filename}（${fileSize(f.size)}）` }} style={{ fontSize: 12, minWidth: 0, flex: 1 }}>
            <a href={evidenceHref(f.id)} target="_blank" rel="noopener noreferrer">
              <PaperClipOutlined /> {f.filename}
            </a>
          </Typography.Text>
          {deletable(f) && (
            <Popconfirm title={`删除佐证材料“${f.filename}”？`} okText="删除" okButtonProps={{ danger: true }} cancelText="取消" onConfirm={() => remove(f)}>
              <Button type="text" size="small" danger icon={<DeleteOutlined />} loading={deleting === f.id} aria-label={`删除${f.filename}`} />
            </Popconfirm>
          )}
        </Flex>
      ))}
      <Upload
        accept={EVIDENCE_TYPES}
        showUploadList={false}
        disabled={locked || busy || !row.report}
        beforeUpload={(file) => {
          if (file.size > 10 * 1024 * 1024) {
            void message.error('佐证材料不能超过 10 MB');
            return Upload.LIST_IGNORE;
          }
          return true;
        }}
        customRequest={async ({ file, onSuccess, onError: fail }) => {
          setBusy(true);
          try {
            const res = await uploadFile<MonEvidence>(`/monitoring/reporting/indicators/${enc(row.indicator.id)}/${enc(row.period)}/evidence`, file as File);
            onSuccess?.(res);
            void message.success(`已上传佐证材料“${res.filename}”`);
            await onUploaded();
          } catch (error) {
            fail?.(error as Error);
            onError(error);
          } finally {
            setBusy(false);
          }
        }}
      >
        <Tooltip title={reason}>
          <Button size="small" icon={<UploadOutlined />} loading={busy} disabled={locked || !row.report}>
            上传材料
          </Button>
        </Tooltip>
      </Upload>
    </Space>
  );
}

function TaskTable({ data, onSaved }: { data: ReportingView; onSaved: () => Promise<unknown> }) {
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const [drafts, setDrafts] = useState<Record<string, { percent: number; progress: string; note: string }>>({});
  const [saving, setSaving] = useState<string | null>(null);

  useEffect(() => {
    setDrafts(
      Object.fromEntries(
        data.tasks.map((x) => [
          x.task.id,
          { percent: x.report?.percent ?? x.task.latestProgress?.percent ?? 0, progress: x.report?.progress ?? '', note: x.report?.note ?? '' },
        ]),
      ),
    );
  }, [data]);

  const set = (id: string, patch: Partial<{ percent: number; progress: string; note: string }>) =>
    setDrafts((d) => ({ ...d, [id]: { percent: 0, progress: '', note: '', ...d[id], ...patch } }));

  const save = async (x: TaskRow) => {
    const d = drafts[x.task.id];
    if (!d || !d.progress.trim()) {
      void message.warning('请填写本期进展情况');
      return;
    }
    setSaving(x.task.id);
    try {
      await api.put<MonTaskReport>(`/monitoring/reporting/tasks/${enc(x.task.id)}/${enc(data.period)}`, { percent: d.percent, progress: d.progress.trim(), note: d.note.trim() });
      void message.success(`已保存“${x.task.title}”的进展`);
      await onSaved();
    } catch (error) {
      onError(error);
    } finally {
      setSaving(null);
    }
  };

  const columns: ColumnsType<TaskRow> = [
    {
      title: '任务',
      key: 'title',
      sorter: (a, b) => a.task.seq.localeCompare(b.task.seq, 'zh-CN', { numeric: true }),
      render: (_, x) => (
        <Space orientation="vertical" size={0} style={{ width: '100%' }}>
          <Typography.Text ellipsis={{ tooltip: `${x.task.seq} ${x.task.title}` }}>
            {x.task.seq} {x.task.title}
          </Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            完成时限 {x.task.due}
          </Typography.Text>
        </Space>
      ),
    },
    { title: '任务状态', key: 'status', width: 90, render: (_, x) => <TaskStatusTag status={x.task.status} label={x.task.statusLabel} reason={x.task.overdueReason} /> },
    {
      title: '完成进度',
      key: 'percent',
      width: 190,
      render: (_, x) => {
        const locked = !EDITABLE.includes(x.report?.state);
        const v = drafts[x.task.id]?.percent ?? 0;
        return (
          <Flex gap={8} align="center">
            <Slider style={{ flex: 1, minWidth: 100 }} min={0} max={100} value={v} disabled={locked} onChange={(n) => set(x.task.id, { percent: n })} />
            <InputNumber aria-label={`${x.task.title}完成进度`} min={0} max={100} precision={0} suffix="%" style={{ width: 80 }} value={v} disabled={locked} onChange={(n) => set(x.task.id, { percent: n ?? 0 })} />
          </Flex>
        );
      },
    },
    {
      title: '本期进展',
      key: 'progress',
      width: 220,
      render: (_, x) => (
        <Input.TextArea
          aria-label={`${x.task.title}本期进展`}
          autoSize={{ minRows: 2, maxRows: 4 }}
          maxLength={1000}
          placeholder="本月推进情况、存在问题"
          disabled={!EDITABLE.includes(x.report?.state)}
          value={drafts[x.task.id]?.progress ?? ''}
          onChange={(e) => set(x.task.id, { progress: e.target.value })}
        />
      ),
    },
    {
      title: '状态',
      key: 'state',
      width: 120,
      render: (_, x) => (
        <Space orientation="vertical" size={2}>
          <ReportStateTag state={x.report?.state} label={x.report?.stateLabel} />
          {x.report?.state === 'returned' && x.report.reviewComment && (
            <Typography.Text type="danger" style={{ fontSize: 12 }}>
              退回意见：{x.report.reviewComment}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    {
      title: '操作',
      key: 'op',
      width: 84,
      render: (_, x) => (
        <Button size="small" icon={<SaveOutlined />} loading={saving === x.task.id} disabled={!EDITABLE.includes(x.report?.state)} onClick={() => void save(x)}>
          保存
        </Button>
      ),
    },
  ];

  return (
    <Table<TaskRow>
      rowKey={(x) => x.task.id}
      size="middle"
      dataSource={data.tasks}
      columns={columns}
      tableLayout="fixed"
      pagination={{ defaultPageSize: 20, showSizeChanger: true, showTotal: (t) => `共 ${t} 项` }}
      locale={{ emptyText: '本单位没有牵头的任务' }}
      expandable={{
        rowExpandable: (x) => x.task.milestones.length > 0 || !!x.task.content,
        expandedRowRender: (x) => (
          <Space orientation="vertical" size={4}>
            {x.task.content && <Typography.Text type="secondary">{x.task.content}</Typography.Text>}
            {x.task.milestones.map((m) => (
              <span key={m.id}>
                <Tag color={m.doneOn ? 'success' : isOverdue(m) ? 'error' : 'default'}>{m.doneOn ? `${m.doneOn} 完成` : `${m.due} 前${isOverdue(m) ? '（已逾期）' : ''}`}</Tag>
                {m.title}
              </span>
            ))}
          </Space>
        ),
      }}
    />
  );
}
