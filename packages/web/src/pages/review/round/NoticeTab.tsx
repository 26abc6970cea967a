/**
 * 社会公示 (BL-8): draft the list with its period (the end date computed by the domain from the holiday calendar,
 * shown before publishing), publish it, follow and resolve objections, and see whether approval may go ahead.
 * Objectors' identities are fetched only for officers who handle objections (review.manage).
 */
import { ProTable, type ProColumns } from '@ant-design/pro-components';
import {
  NOTICE_PHASE_LABELS,
  NOTICE_WORKING_DAYS_LABEL,
  OBJECTION_STATUS_LABELS,
  noticePeriod,
  workingCalendar,
  type CalendarYear,
  type NoticeObjection,
  type ObjectionParty,
  type RoundNotice,
} from '@kechuang/domain';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, DatePicker, Descriptions, Flex, Form, Input, InputNumber, Modal, Popconfirm, Radio, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../../api/client';
import { errorText, isApiError } from '../../../api/errors';
import { applyFieldErrors } from '../../../api/form-errors';
import { useCan } from '../../../app/session';
import { dayjs, formatDateTime } from '../../../lib/time';
import type { RoundTabProps } from './tabs';

type Item = NonNullable<RoundNotice['notice']>['items'][number];
const SHORT_STATUS = { open: '待处理', upheld: '异议成立', dismissed: '异议不成立' } as const;

/** The calendar of the start's year and the next, enough for any period of up to 30 working days. */
function useCalendarAround(day: string | undefined) {
  const year = Number((day ?? dayjs().format('YYYY')).slice(0, 4));
  return useQuery({
    queryKey: ['review', 'working-calendar', 'pair', year],
    queryFn: async () => {
      const [a, b] = await Promise.all([year, year + 1].map((y) => api.get<CalendarYear>('/review/working-calendar', { year: y })));
      return workingCalendar([...a!.days, ...b!.days]);
    },
  });
}

function DraftForm({ roundId, defaults, onDone }: { roundId: string; defaults: number; onDone: () => void }) {
  const [form] = Form.useForm<{ startsOn?: dayjs.Dayjs; workingDays: number; title?: string }>();
  const { message } = App.useApp();
  const startsOn = Form.useWatch('startsOn', form)?.format('YYYY-MM-DD');
  const workingDays = Form.useWatch('workingDays', form) ?? defaults;
  const calendar = useCalendarAround(startsOn);
  const preview = startsOn && calendar.data && Number.isInteger(workingDays) && workingDays >= 1 ? noticePeriod(calendar.data, startsOn, workingDays) : null;
  const draft = useMutation({
    mutationFn: (v: { startsOn: string; workingDays: number; title?: string }) => api.post<RoundNotice>(`/review/rounds/${roundId}/notice`, v),
    onSuccess: () => {
      void message.success('公示名单已拟定，请核对后发布');
      onDone();
    },
    onError: (e) => {
      if (isApiError(e) && e.errors.length) applyFieldErrors(form, e);
      else void message.error(errorText(e));
    },
  });
  return (
    <Form
      form={form}
      layout="inline"
      initialValues={{ workingDays: defaults }}
      onFinish={(v) => draft.mutate({ startsOn: v.startsOn!.format('YYYY-MM-DD'), workingDays: v.workingDays, ...(v.title ? { title: v.title } : {}) })}
      style={{ rowGap: 12 }}
    >
      <Form.Item name="startsOn" label="公示开始日期" rules={[{ required: true, message: '请选择公示开始日期' }]}>
        <DatePicker aria-label="公示开始日期" disabledDate={(d) => d.isBefore(dayjs().tz('Asia/Shanghai').startOf('day'), 'day')} />
      </Form.Item>
      <Form.Item name="workingDays" label="公示期（工作日）" tooltip={NOTICE_WORKING_DAYS_LABEL} rules={[{ required: true, message: '请填写公示期' }]}>
        <InputNumber aria-label="公示期工作日数" min={1} max={30} precision={0} addonAfter="个工作日" style={{ width: 160 }} />
      </Form.Item>
      <Form.Item name="title" label="标题">
        <Input placeholder="默认：申报指南名称 + 拟立项项目公示" style={{ width: 320 }} maxLength={100} />
      </Form.Item>
      <Form.Item>
        <Button type="primary" htmlType="submit" loading={draft.isPending}>
          拟定公示名单
        </Button>
      </Form.Item>
      <div style={{ width: '100%' }}>
        {preview ? (
          <Typography.Text data-testid="notice-preview">
            公示期：{preview.startsOn} 至 <b>{preview.endsOn}</b>（{preview.workingDays}个工作日，按节假日日历计算{preview.startsOn !== startsOn ? '；所选日期非工作日，顺延至下一工作日' : ''}）
          </Typography.Text>
        ) : (
          <Typography.Text type="secondary">选择开始日期后显示公示期截止日期。{NOTICE_WORKING_DAYS_LABEL}</Typography.Text>
        )}
      </div>
    </Form>
  );
}

function ResolveDialog({ objection, onClose, onDone }: { objection: NoticeObjection | null; onClose: () => void; onDone: () => void }) {
  const [form] = Form.useForm<{ decision: 'upheld' | 'dismissed'; reasons: string }>();
  const { message } = App.useApp();
  const resolve = useMutation({
    mutationFn: (v: { decision: 'upheld' | 'dismissed'; reasons: string }) => api.post(`/review/objections/${objection!.id}/resolve`, v),
    onSuccess: () => {
      void message.success('异议已处理');
      form.resetFields();
      onDone();
    },
    onError: (e) => (isApiError(e) && e.errors.length ? applyFieldErrors(form, e) : void message.error(errorText(e))),
  });
  return (
    <Modal open={objection !== null} title={`处理异议 ${objection?.reference ?? ''}`} okText="确认处理" cancelText="取消" onCancel={onClose} onOk={() => form.submit()} confirmLoading={resolve.isPending} destroyOnHidden>
      <Typography.Paragraph type="secondary">针对：{objection?.projectTitle}</Typography.Paragraph>
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{objection?.text}</Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={(v) => resolve.mutate(v)}>
        <Form.Item name="decision" label="处理结果" rules={[{ required: true, message: '请选择处理结果' }]}>
          <Radio.Group aria-label="处理结果" options={[{ value: 'dismissed', label: '异议不成立' }, { value: 'upheld', label: '异议成立：从公示名单撤回该项目' }]} />
        </Form.Item>
        <Form.Item name="reasons" label="处理理由" rules={[{ required: true, message: '请写明处理理由' }, { min: 10, message: '处理理由至少10个字' }]}>
          <Input.TextArea rows={4} maxLength={2000} showCount placeholder="写明核查情况和结论" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function NoticeTab({ round }: RoundTabProps) {
  const canManage = useCan('review.manage');
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const key = ['review', 'round', round.id, 'notice'];
  const notice = useQuery({ queryKey: key, queryFn: () => api.get<RoundNotice>(`/review/rounds/${round.id}/notice`) });
  const parties = useQuery({ queryKey: [...key, 'objectors'], enabled: canManage, queryFn: () => api.get<{ items: ObjectionParty[] }>(`/review/rounds/${round.id}/notice/objectors`) });
  const [resolving, setResolving] = useState<NoticeObjection | null>(null);
  const refresh = () => void queryClient.invalidateQueries({ queryKey: key });
  const publish = useMutation({
    mutationFn: () => api.post<RoundNotice>(`/review/rounds/${round.id}/notice/publish`),
    onSuccess: () => {
      void message.success('公示已发布，公众可在门户查看');
      refresh();
    },
    onError: (e) => void message.error(errorText(e)),
  });
  const data = notice.data;
  const n = data?.notice ?? null;
  const partyOf = new Map((parties.data?.items ?? []).map((p) => [p.objectionId, p]));
  const editable = canManage && round.stage === 'notice' && !n?.publishedAt;

  const itemColumns: ProColumns<Item>[] = [
    { title: '序号', width: 60, render: (_, __, i) => i + 1 },
    { title: '项目名称', dataIndex: 'projectTitle', ellipsis: true },
    { title: '承担单位', dataIndex: 'organisationName', width: 220, ellipsis: true },
    { title: '类别', dataIndex: 'categoryLabel', width: 90 },
    { title: '资助金额（万元）', dataIndex: 'amountWanText', width: 130, align: 'right', render: (_, r) => r.amountWanText.replace(/万元$/, '') },
    { title: '状态', width: 150, render: (_, r) => (r.withdrawn ? <Tag color="red" title={r.withdrawnReason ?? ''}>已撤回（{r.withdrawnOn}）</Tag> : <Tag color="blue">公示</Tag>) },
  ];
  const objectionColumns: ProColumns<NoticeObjection>[] = [
    { title: '编号', dataIndex: 'reference', width: 120 },
    {
      // Project and text in one cell, so the text keeps its room at 1280 px beside the officer-only columns.
      title: '针对项目 / 异议内容',
      dataIndex: 'text',
      render: (_, r) => (
        <>
          <Typography.Text strong ellipsis style={{ display: 'block' }}>{r.projectTitle}</Typography.Text>
          <Typography.Paragraph ellipsis={{ rows: 2, tooltip: r.text }} style={{ marginBottom: 0 }}>{r.text}</Typography.Paragraph>
        </>
      ),
    },
    ...(canManage
      ? ([
          {
            title: '异议人（保密）',
            width: 190,
            render: (_, r) => {
              const p = partyOf.get(r.id);
              if (!p) return '—';
              return (
                <Space orientation="vertical" size={0}>
                  <span>{p.objectorKind === 'organisation' ? `${p.organisationName}（${p.name}）` : p.name}</span>
                  <Typography.Text type="secondary">{p.contact}</Typography.Text>
                  {p.seal && <a onClick={() => void api.download(`/review/objections/${r.id}/seal`, undefined, p.seal!.fileName)}>盖章异议函</a>}
                </Space>
              );
            },
          },
        ] as ProColumns<NoticeObjection>[])
      : []),
    { title: '收到时间', dataIndex: 'receivedAt', width: 150, render: (_, r) => formatDateTime(r.receivedAt) },
    { title: '状态', dataIndex: 'status', width: 100, render: (_, r) => <Tag color={r.status === 'open' ? 'orange' : r.status === 'upheld' ? 'red' : 'default'} title={OBJECTION_STATUS_LABELS[r.status]}>{SHORT_STATUS[r.status]}</Tag> },
    { title: '处理理由', dataIndex: 'reasons', width: 180, render: (_, r) => (r.reasons ? <Typography.Paragraph ellipsis={{ rows: 2, tooltip: r.reasons }} style={{ marginBottom: 0 }}>{r.reasons}</Typography.Paragraph> : '—') },
    ...(canManage && round.stage === 'notice'
      ? ([{ title: '操作', width: 80, render: (_, r) => (r.status === 'open' ? <Button size="small" onClick={() => setResolving(r)}>处理</Button> : null) }] as ProColumns<NoticeObjection>[])
      : []),
  ];

  return (
    <Flex vertical gap={16}>
      {data && (
        <Alert
          type={data.clearance.cleared ? 'success' : 'warning'}
          showIcon
          title={data.clearance.cleared ? '公示期满且异议均已处理，可以立项' : '尚不能立项'}
          description={data.clearance.problems.length ? data.clearance.problems.join('；') : undefined}
        />
      )}
      {editable && (
        <Card size="small" title={n ? '重新拟定公示名单（发布前可修改）' : '拟定公示名单'}>
          <DraftForm roundId={round.id} defaults={data?.defaultWorkingDays ?? 5} onDone={refresh} />
        </Card>
      )}
      {n && (
        <Card
          size="small"
          title={n.title}
          extra={
            n.publishedAt ? (
              <a href={`/public/notices/${n.id}`} target="_blank" rel="noreferrer">查看公开页面</a>
            ) : (
              editable && (
                <Popconfirm title="发布后名单将在公开门户显示，且不能再修改。确认发布？" okText="发布" cancelText="取消" onConfirm={() => publish.mutate()}>
                  <Button type="primary" loading={publish.isPending}>发布公示</Button>
                </Popconfirm>
              )
            )
          }
        >
          <Descriptions size="small" column={4} items={[
            { key: 'period', label: '公示期', children: `${n.period.startsOn} 至 ${n.period.endsOn}` },
            { key: 'days', label: '工作日', children: `${n.period.workingDays} 个` },
            { key: 'status', label: '状态', children: n.publishedAt ? NOTICE_PHASE_LABELS[n.phase] : <Tag>草稿，未发布</Tag> },
            { key: 'published', label: '发布时间', children: n.publishedAt ? formatDateTime(n.publishedAt) : '—' },
          ]} />
          <ProTable<Item> rowKey="id" columns={itemColumns} dataSource={n.items} search={false} options={false} pagination={{ pageSize: 20 }} size="small" />
        </Card>
      )}
      {!n && !editable && !notice.isLoading && <Alert type="info" title="尚未拟定公示名单" description={round.stage === 'notice' ? undefined : '区政府常务会议之后进入社会公示阶段。'} />}
      {n?.publishedAt && (
        <Card
          size="small"
          title={`异议（${data?.objections.length ?? 0}）`}
          extra={canManage && <Button size="small" onClick={() => void api.download(`/review/rounds/${round.id}/notice/objections.xlsx`, undefined, '公示异议.xlsx')}>导出 Excel</Button>}
        >
          <ProTable<NoticeObjection> rowKey="id" columns={objectionColumns} dataSource={data?.objections ?? []} search={false} options={false} pagination={{ pageSize: 10 }} size="small" />
        </Card>
      )}
      <ResolveDialog objection={resolving} onClose={() => setResolving(null)} onDone={() => { setResolving(null); refresh(); }} />
    </Flex>
  );
}
