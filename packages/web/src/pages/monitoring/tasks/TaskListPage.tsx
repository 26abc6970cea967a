/** 任务清单: a plan's tasks with their lead and co-responsible units, milestones, latest progress and overdue flags. */
import { DownloadOutlined } from '@ant-design/icons';
import { PageContainer, ProTable, type ProColumns } from '@ant-design/pro-components';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Flex, Progress, Select, Space, Tag, Timeline, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../../api/client';
import { errorText } from '../../../api/errors';
import { useApiErrorHandler } from '../../../api/form-errors';
import type { MonTaskStatus } from '../../../api/types';
import { formatDateTime } from '../../../lib/time';
import { useUnits } from '../shared/api';
import { isOverdue } from '../shared/dates';
import { Missing, ReportStateTag, TaskStatusTag } from '../shared/format';
import { TASK_STATUS_LABELS, TASK_STATUS_ORDER } from '../shared/labels';
import { PlanSelect, usePlanParam } from '../shared/PlanSelect';
import type { TaskView } from '../shared/views';

const enc = encodeURIComponent;
const CN_DIGITS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
/** 一 … 九十九 → 1 … 99; Arabic digits as they are. */
function cnNumber(s: string): number {
  if (/^\d+$/.test(s)) return Number(s);
  if (s === '十') return 10;
  const [tens, ones] = s.includes('十') ? s.split('十') : ['', s];
  if (s.includes('十')) return (tens ? (CN_DIGITS[tens] ?? 0) : 1) * 10 + (ones ? (CN_DIGITS[ones] ?? 0) : 0);
  return CN_DIGITS[ones ?? ''] ?? Number.MAX_SAFE_INTEGER;
}
/** '三.1' before '三.2' before '十.1', as the plan numbers them. */
const seqKey = (seq: string) => seq.split(/[.．、]/).map(cnNumber);
function seqCompare(a: TaskView, b: TaskView): number {
  const x = seqKey(a.seq);
  const y = seqKey(b.seq);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? -1) - (y[i] ?? -1);
    if (d) return d;
  }
  return 0;
}

export default function TaskListPage() {
  const [plan, setPlan] = usePlanParam();
  const units = useUnits();
  const onError = useApiErrorHandler();
  const [unit, setUnit] = useState<string | undefined>();
  const [status, setStatus] = useState<MonTaskStatus | undefined>();
  const [exporting, setExporting] = useState(false);
  const tasks = useQuery({
    queryKey: ['monitoring', 'tasks', plan, unit, status],
    queryFn: ({ signal }) => api.get<{ items: TaskView[] }>(`/monitoring/plans/${enc(plan)}/tasks`, { unit, status }, signal).then((r) => r.items),
  });
  const all = tasks.data ?? [];
  const sections = [...new Set(all.map((t) => t.section))];
  const [section, setSection] = useState<string | undefined>();
  const items = section ? all.filter((t) => t.section === section) : all;

  const exportExcel = async () => {
    setExporting(true);
    try {
      await api.download(`/monitoring/plans/${enc(plan)}/tasks/export`, { unit, status }, '任务清单.xlsx');
    } catch (error) {
      onError(error);
    } finally {
      setExporting(false);
    }
  };

  // Laid out for 1280 × 720 without sideways scrolling: the chapter sits under the title (and filters above the
  // table), the co-responsible units open under the row.
  const columns: ProColumns<TaskView>[] = [
    { title: '序号', dataIndex: 'seq', width: 66, sorter: seqCompare, defaultSortOrder: 'ascend' },
    {
      title: '任务',
      dataIndex: 'title',
      render: (_, t) => (
        <Flex vertical style={{ minWidth: 0 }}>
          <Typography.Text ellipsis={{ tooltip: t.content ? { title: t.content, styles: { root: { maxWidth: 480 } } } : t.title }}>{t.title}</Typography.Text>
          <Typography.Text type="secondary" ellipsis={{ tooltip: t.section }} style={{ fontSize: 12 }}>
            {t.section}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: '牵头单位',
      key: 'lead',
      width: 128,
      render: (_, t) =>
        t.responsibleUnits[0] ? (
          <Tooltip title={t.responsibleUnits.length > 1 ? `配合：${t.responsibleUnits.slice(1).map((u) => u.name).join('、')}` : undefined}>
            <Tag color="blue" style={{ whiteSpace: 'normal', marginInlineEnd: 0 }}>
              {t.responsibleUnits[0].name}
            </Tag>
          </Tooltip>
        ) : (
          <Missing reason="未指定牵头单位" />
        ),
    },
    { title: '完成时限', dataIndex: 'due', width: 100, sorter: (a, b) => a.due.localeCompare(b.due) },
    {
      title: '里程碑',
      key: 'milestones',
      width: 66,
      render: (_, t) => (t.milestones.length ? `${t.milestones.filter((m) => m.doneOn).length}/${t.milestones.length}` : '—'),
    },
    {
      title: '最新进度',
      key: 'progress',
      width: 140,
      sorter: (a, b) => (a.latestProgress?.percent ?? -1) - (b.latestProgress?.percent ?? -1),
      render: (_, t) =>
        t.latestProgress ? (
          <Tooltip title={t.latestProgress.progress || undefined}>
            <Progress percent={t.latestProgress.percent} size="small" status={t.status === 'overdue' ? 'exception' : t.status === 'completed' ? 'success' : 'active'} />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t.latestProgress.period} <ReportStateTag state={t.latestProgress.state} />
            </Typography.Text>
          </Tooltip>
        ) : (
          <Missing reason="尚无进展报告" />
        ),
    },
    {
      title: '状态',
      dataIndex: 'status',
      width: 170,
      sorter: (a, b) => TASK_STATUS_ORDER.indexOf(a.status) - TASK_STATUS_ORDER.indexOf(b.status),
      render: (_, t) => (
        <Space orientation="vertical" size={0}>
          <TaskStatusTag status={t.status} label={t.statusLabel} />
          {t.overdueReason && (
            <Typography.Text type="danger" ellipsis={{ tooltip: t.overdueReason }} style={{ fontSize: 12, maxWidth: 138 }}>
              {t.overdueReason}
            </Typography.Text>
          )}
        </Space>
      ),
    },
  ];

  return (
    <PageContainer
      title="任务清单"
      breadcrumbRender={false}
      content="规划确定的重点任务、牵头与配合单位、里程碑和完成时限；牵头单位每月报送进展，逾期任务标红并说明原因。"
      extra={<PlanSelect value={plan} onChange={setPlan} />}
    >
      {tasks.error && <Alert type="error" showIcon title="任务清单加载失败" description={errorText(tasks.error)} style={{ marginBottom: 16 }} />}
      <ProTable<TaskView>
        rowKey="id"
        cardBordered
        search={false}
        loading={tasks.isFetching}
        dataSource={items}
        columns={columns}
        tableLayout="fixed"
        pagination={{ defaultPageSize: 20, showSizeChanger: true, showTotal: (t) => `共 ${t} 项任务` }}
        options={{ reload: () => void tasks.refetch(), density: true, setting: true }}
        headerTitle={
          <Flex gap={8} wrap>
            <Select
              allowClear
              showSearch
              optionFilterProp="label"
              aria-label="按责任单位筛选"
              placeholder="责任单位"
              style={{ width: 200 }}
              value={unit}
              onChange={setUnit}
              options={(units.data ?? []).map((u) => ({ value: u.code, label: u.name }))}
            />
            <Select allowClear aria-label="按状态筛选" placeholder="状态" style={{ width: 120 }} value={status} onChange={setStatus} options={TASK_STATUS_ORDER.map((k) => ({ value: k, label: TASK_STATUS_LABELS[k].text }))} />
            <Select allowClear showSearch placeholder="章节" aria-label="章节" style={{ width: 220 }} value={section} onChange={setSection} options={sections.map((x) => ({ value: x, label: x }))} />
          </Flex>
        }
        toolBarRender={() => [
          <Button key="export" icon={<DownloadOutlined />} loading={exporting} onClick={() => void exportExcel()}>
            导出Excel
          </Button>,
        ]}
        expandable={{
          rowExpandable: (t) => t.milestones.length > 0 || !!t.content || !!t.latestProgress || t.responsibleUnits.length > 1,
          expandedRowRender: (t) => (
            <Flex gap={32} wrap style={{ padding: '8px 24px' }}>
              <div style={{ flex: '1 1 360px' }}>
                <Typography.Text strong>里程碑</Typography.Text>
                {t.milestones.length ? (
                  <Timeline
                    style={{ marginTop: 12 }}
                    items={t.milestones.map((m) => ({
                      color: m.doneOn ? 'green' : isOverdue(m) ? 'red' : 'gray',
                      content: (
                        <>
                          <Typography.Text>{m.title}</Typography.Text>
                          <br />
                          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                            {m.doneOn ? `计划 ${m.due}，${m.doneOn} 完成` : `计划 ${m.due} 前完成${isOverdue(m) ? '（已逾期）' : ''}`}
                          </Typography.Text>
                        </>
                      ),
                    }))}
                  />
                ) : (
                  <Typography.Paragraph type="secondary">未设里程碑</Typography.Paragraph>
                )}
              </div>
              <div style={{ flex: '1 1 360px' }}>
                {t.responsibleUnits.length > 1 && (
                  <Typography.Paragraph>
                    <Typography.Text strong>配合单位：</Typography.Text>
                    {t.responsibleUnits.slice(1).map((u) => u.name).join('、')}
                  </Typography.Paragraph>
                )}
                {t.content && (
                  <>
                    <Typography.Text strong>任务内容</Typography.Text>
                    <Typography.Paragraph style={{ marginTop: 8 }}>{t.content}</Typography.Paragraph>
                  </>
                )}
                {t.latestProgress && (
                  <>
                    <Typography.Text strong>最新进展（{t.latestProgress.period}）</Typography.Text>
                    <Typography.Paragraph style={{ marginTop: 8 }}>
                      {t.latestProgress.progress || '—'}
                      {t.latestProgress.submittedAt && <Typography.Text type="secondary">（{formatDateTime(t.latestProgress.submittedAt)} 报送）</Typography.Text>}
                    </Typography.Paragraph>
                  </>
                )}
              </div>
            </Flex>
          ),
        }}
      />
    </PageContainer>
  );
}
