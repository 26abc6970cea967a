/**
 * 申报书 and the queues per level: an applicant sees its organisation's applications with their state and what
 * is due next; the unit admin, the recommending unit and the officer see those at their level, filtered,
 * sorted and paged by the server, with 待我处理 and an Excel export of exactly the filtered list.
 */
import { DownloadOutlined } from '@ant-design/icons';
import { PageContainer, ProTable, type ActionType, type ProColumns } from '@ant-design/pro-components';
import { APPLICATION_STATE_LABELS, APPLICATION_STATES, type ApplicationState } from '@kechuang/domain';
import { Button, Space, Switch, Tag, Typography } from 'antd';
import { useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../../api/client';
import { useApiErrorHandler } from '../../../api/form-errors';
import type { ApplicationQueueItem } from '../../../api/types';
import { useSession } from '../../../app/session';
import { formatDateTime } from '../../../lib/time';
import { useServerTable } from '../../../lib/use-server-table';
import { wanText } from '../../../lib/wan';
import { filterOptions, usePublishedCalls } from './call-options';
import { NewApplicationModal } from './NewApplicationModal';

const STATE_COLOURS: Record<ApplicationState, string> = { draft: 'default', submitted: 'processing', endorsed: 'cyan', recommended: 'geekblue', accepted: 'success', returned: 'warning' };
const SORTABLE = ['submittedAt', 'applicationNo', 'title', 'organisation', 'requestedFiscal'] as const;

/** What the applicant side should do next, in words. */
function nextStep(a: ApplicationQueueItem): string {
  switch (a.state) {
    case 'draft':
      return `完善并提交（截止 ${formatDateTime(a.call.closesAt)}）`;
    case 'returned':
      return '按退回意见修改后重新提交';
    case 'submitted':
      return '等待单位管理员审核';
    case 'endorsed':
      return '等待推荐或科技局受理';
    case 'recommended':
      return '等待科技局受理';
    case 'accepted':
      return '已受理，等待评审';
  }
}

export default function ApplicationListPage() {
  const me = useSession();
  const actionRef = useRef<ActionType>(null);
  const onError = useApiErrorHandler();
  const [params] = useSearchParams();
  const [waitingForMe, setWaitingForMe] = useState(params.get('waiting') === '1');
  const calls = usePublishedCalls();
  const initialCallId = params.get('callId') ?? undefined;
  const [callId, setCallId] = useState<string | undefined>(initialCallId);
  const options = filterOptions(calls.data, callId);
  const canApply = me.permissions.includes('application.apply');
  // Who sees other organisations' applications: the organisation column and filter are for them.
  const seesOthers = me.permissions.includes('application.review') || me.permissions.includes('application.recommend');
  const table = useServerTable<ApplicationQueueItem>({ path: '/applications', sortable: SORTABLE, defaultSort: '-submittedAt', exportPath: '/applications/export.xlsx', exportName: '申报书列表.xlsx' });
  const canReview = me.permissions.includes('application.review');

  const columns: ProColumns<ApplicationQueueItem>[] = [
    { title: '所属指南', dataIndex: 'callId', valueType: 'select', valueEnum: options.calls, hideInTable: true, initialValue: initialCallId, fieldProps: { 'aria-label': '所属指南', onChange: (v: string | undefined) => setCallId(v) } },
    { title: '所属条目', dataIndex: 'guidelineItemCode', valueType: 'select', valueEnum: options.items, hideInTable: true, initialValue: params.get('guidelineItemCode') ?? undefined, fieldProps: { 'aria-label': '所属条目', showSearch: true } },
    { title: '类别', dataIndex: 'categoryCode', valueType: 'select', valueEnum: options.categories, hideInTable: true, initialValue: params.get('categoryCode') ?? undefined, fieldProps: { 'aria-label': '类别' } },
    { title: '领域', dataIndex: 'fieldCode', valueType: 'select', valueEnum: options.fields, hideInTable: true, fieldProps: { 'aria-label': '领域' } },
    {
      title: '申报编号',
      dataIndex: 'applicationNo',
      search: false,
      sorter: true,
      width: 128,
      render: (_, r) => <Link to={`/applications/${r.id}`}>{r.applicationNo}</Link>,
    },
    {
      title: '项目名称 / 申报指南',
      dataIndex: 'title',
      search: false,
      sorter: true,
      ellipsis: true,
      // The call and item sit under the title: at 1280 px every working column stays on screen.
      render: (_, r) => (
        <div style={{ minWidth: 0 }}>
          <Typography.Text ellipsis={{ tooltip: r.title }}>
            <Link to={`/applications/${r.id}`}>{r.title || '（未填写项目名称）'}</Link>
          </Typography.Text>
          <br />
          <Typography.Text type="secondary" ellipsis={{ tooltip: true }} style={{ fontSize: 12 }}>
            {r.call.title}
            {r.guidelineItem ? ` · ${r.guidelineItem.code} ${r.guidelineItem.title}` : ''}
          </Typography.Text>
        </div>
      ),
    },
    {
      title: '申报单位',
      dataIndex: 'organisation',
      sorter: true,
      width: 150,
      ellipsis: true,
      hideInTable: !seesOthers,
      search: seesOthers ? undefined : false,
      fieldProps: { placeholder: '单位名称或统一社会信用代码', 'aria-label': '申报单位' },
      render: (_, r) => r.organisation.name ?? '—',
    },
    { title: '财政经费', dataIndex: 'requestedFiscal', search: false, sorter: true, width: 104, align: 'right', render: (_, r) => wanText(r.requestedFiscalYuan) },
    {
      title: '状态',
      dataIndex: 'state',
      valueType: 'select',
      valueEnum: Object.fromEntries(APPLICATION_STATES.map((s) => [s, APPLICATION_STATE_LABELS[s]])),
      // The counts page links here with the item, category and state of the number clicked.
      initialValue: params.get('state') ?? undefined,
      fieldProps: { 'aria-label': '状态' },
      width: 156,
      render: (_, r) => (
        <Space direction="vertical" size={2}>
          <Tag color={STATE_COLOURS[r.state]}>{r.stateLabel}</Tag>
          {r.waitingForMe && <Tag color="red">待我处理</Tag>}
        </Space>
      ),
    },
    { title: '下一步', key: 'next', search: false, width: 190, ellipsis: true, hideInTable: seesOthers, render: (_, r) => nextStep(r) },
    {
      title: '提交时间',
      dataIndex: 'submittedAt',
      valueType: 'dateRange',
      sorter: true,
      defaultSortOrder: 'descend',
      width: 108,
      fieldProps: { 'aria-label': '提交日期' },
      search: { transform: (v: [string, string]) => ({ submittedFrom: v[0], submittedTo: v[1] }) },
      // Day over time: two short lines leave the title its room at 1280 px.
      render: (_, r) => {
        if (!r.submittedAt) return <Typography.Text type="secondary">未提交</Typography.Text>;
        const [day, time] = formatDateTime(r.submittedAt).split(' ');
        return (
          <span>
            {day}
            <br />
            <Typography.Text type="secondary">{time}</Typography.Text>
          </span>
        );
      },
    },
    {
      title: '操作',
      valueType: 'option',
      width: canReview ? 140 : 80,
      render: (_, r) =>
        r.submittedVersion !== null
          ? [
              <Button key="receipt" type="link" size="small" icon={<DownloadOutlined />} onClick={() => void api.download(`/applications/${r.id}/receipt`, undefined, `${r.applicationNo}.pdf`).catch(onError)}>
                回执
              </Button>,
              ...(canReview ? [<Link key="dedupe" to={`/applications/${r.id}/duplicate-report`}>查重报告</Link>] : []),
            ]
          : [],
    },
  ];

  return (
    <PageContainer title="申报书" breadcrumbRender={false} content={canApply && !seesOthers ? '本单位的全部申报书、所处环节和下一步。提交后可下载冻结的申报书回执（PDF）。' : '本级需要处理和已处理的申报书：可筛选、排序，导出筛选结果。'}>
      <ProTable<ApplicationQueueItem>
        rowKey="id"
        actionRef={actionRef}
        cardBordered
        columns={columns}
        params={{ waitingForMe: waitingForMe ? 'true' : undefined }}
        search={{ labelWidth: 'auto', defaultCollapsed: true, span: 8 }}
        // Its own id prefix: 我要申报's form on this page has fields of the same names.
        form={{ name: 'queue' }}
        pagination={{ defaultPageSize: 20, showSizeChanger: true }}
        options={{ density: true, reload: true, setting: true }}
        request={table.request}
        toolBarRender={() => [
          <Space key="waiting" size={6}>
            <Switch checked={waitingForMe} onChange={setWaitingForMe} aria-label="只看待我处理" size="small" />
            <span>待我处理</span>
          </Space>,
          table.exportButton,
          ...(canApply ? [<NewApplicationModal key="new" initialCallId={initialCallId} openAtStart={params.get('new') === '1'} onCreated={() => void actionRef.current?.reload()} />] : []),
        ]}
      />
    </PageContainer>
  );
}
