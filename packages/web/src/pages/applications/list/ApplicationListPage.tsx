/**
 * 申报书: an applicant sees its organisation's applications with their state and what is due next; the unit
 * admin, the recommending unit and the officer see those at their level. 我要申报 starts a draft.
 */
import { DownloadOutlined } from '@ant-design/icons';
import { PageContainer, ProTable, type ActionType, type ProColumns } from '@ant-design/pro-components';
import { APPLICATION_STATE_LABELS, APPLICATION_STATES, type ApplicationState } from '@kechuang/domain';
import { Button, Tag, Typography } from 'antd';
import { useRef } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../../api/client';
import type { ApplicationList, ApplicationSummary } from '../../../api/types';
import { useApiErrorHandler } from '../../../api/form-errors';
import { useSession } from '../../../app/session';
import { formatDateTime } from '../../../lib/time';
import { NewApplicationModal } from './NewApplicationModal';


const STATE_COLOURS: Record<ApplicationState, string> = { draft: 'default', submitted: 'processing', endorsed: 'cyan', recommended: 'geekblue', accepted: 'success', returned: 'warning' };

/** What the applicant side should do next, in words. */
function nextStep(a: ApplicationSummary): string {
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
  const canApply = me.permissions.includes('application.apply');

  const columns: ProColumns<ApplicationSummary>[] = [
    { title: '申报编号', dataIndex: 'applicationNo', search: false, width: 150, render: (_, r) => <Link to={`/applications/${r.id}`}>{r.applicationNo}</Link> },
    {
      title: '项目名称 / 申报指南',
      dataIndex: 'title',
      search: false,
      ellipsis: true,
      // The call and item sit under the title: at 1280 px every working column stays on screen.
      render: (_, r) => (
        <div style={{ minWidth: 0 }}>
          <Link to={`/applications/${r.id}`}>
            <Typography.Text ellipsis={{ tooltip: r.title }}>{r.title || '（未填写项目名称）'}</Typography.Text>
          </Link>
          <br />
          <Typography.Text type="secondary" ellipsis={{ tooltip: true }} style={{ fontSize: 12 }}>
            {r.call.title}
            {r.guidelineItem ? ` · ${r.guidelineItem.code} ${r.guidelineItem.title}` : ''}
          </Typography.Text>
        </div>
      ),
    },
    {
      title: '状态',
      dataIndex: 'state',
      valueType: 'select',
      valueEnum: Object.fromEntries(APPLICATION_STATES.map((s) => [s, APPLICATION_STATE_LABELS[s]])),
      width: 110,
      render: (_, r) => <Tag color={STATE_COLOURS[r.state]}>{r.stateLabel}</Tag>,
    },
    { title: '下一步', key: 'next', search: false, width: 200, ellipsis: true, render: (_, r) => nextStep(r) },
    { title: '申报单位', key: 'organisation', search: false, width: 170, ellipsis: true, hideInTable: !me.permissions.includes('application.review') && !me.permissions.includes('application.recommend'), render: (_, r) => r.organisation.name ?? '—' },
    {
      title: '提交 / 保存时间',
      dataIndex: 'updatedAt',
      search: false,
      width: 160,
      render: (_, r) => (r.submittedAt ? `提交 ${formatDateTime(r.submittedAt)}` : `保存 ${formatDateTime(r.updatedAt)}`),
    },
    {
      title: '操作',
      valueType: 'option',
      width: 120,
      render: (_, r) =>
        r.submittedVersion !== null
          ? [
              <Button key="receipt" type="link" size="small" icon={<DownloadOutlined />} onClick={() => void api.download(`/applications/${r.id}/receipt`, undefined, `${r.applicationNo}.pdf`).catch(onError)}>
                申报书回执
              </Button>,
            ]
          : [],
    },
  ];

  return (
    <PageContainer title="申报书" breadcrumbRender={false} content={canApply ? '本单位的全部申报书、所处环节和下一步。提交后可下载冻结的申报书回执（PDF）。' : '本级需要处理和已处理的申报书。'}>
      <ProTable<ApplicationSummary, { state?: ApplicationState }>
        rowKey="id"
        actionRef={actionRef}
        cardBordered
        columns={columns}
        search={{ labelWidth: 'auto' }}
        pagination={{ defaultPageSize: 20, showSizeChanger: true }}
        options={{ density: true, reload: true, setting: true }}
        request={async (p) => {
          try {
            const res = await api.get<ApplicationList>('/applications', { state: p.state, callId: params.get('callId'), page: p.current, pageSize: p.pageSize });
            return { data: res.items, total: res.total, success: true };
          } catch (error) {
            onError(error);
            return { data: [], total: 0, success: false };
          }
        }}
        toolBarRender={() => (canApply ? [<NewApplicationModal key="new" initialCallId={params.get('callId') ?? undefined} openAtStart={params.get('new') === '1'} onCreated={() => void actionRef.current?.reload()} />] : [])}
      />
    </PageContainer>
  );
}

