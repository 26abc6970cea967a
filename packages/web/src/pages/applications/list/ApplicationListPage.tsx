/**
 * 申报书: an applicant sees its organisation's applications with their state and what is due next; the unit
 * admin, the recommending unit and the officer see those at their level. 我要申报 starts a draft.
 */
import { DownloadOutlined } from '@ant-design/icons';
import { PageContainer, ProTable, type ActionType, type ProColumns } from '@ant-design/pro-components';
import { APPLICATION_STATE_LABELS, APPLICATION_STATES, type ApplicationState } from '@kechuang/domain';
import { Button, Tag, Typography } from 'antd';
import { useRef } from 'react';
import { useSearchParams } from 'react-router';
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
    { title: '申报编号', dataIndex: 'applicationNo', search: false, width: 150, copyable: true },
    { title: '项目名称', dataIndex: 'title', search: false, width: 260, ellipsis: true, render: (_, r) => r.title || <Typography.Text type="secondary">（未填写）</Typography.Text> },
    {
      title: '状态',
      dataIndex: 'state',
      valueType: 'select',
      valueEnum: Object.fromEntries(APPLICATION_STATES.map((s) => [s, APPLICATION_STATE_LABELS[s]])),
      width: 170,
      render: (_, r) => <Tag color={STATE_COLOURS[r.state]}>{r.stateLabel}</Tag>,
    },
    { title: '下一步', key: 'next', search: false, width: 220, render: (_, r) => nextStep(r) },
    { title: '申报指南', key: 'call', search: false, width: 240, ellipsis: true, render: (_, r) => r.call.title },
    { title: '指南条目', key: 'item', search: false, width: 200, ellipsis: true, render: (_, r) => (r.guidelineItem ? `${r.guidelineItem.code} ${r.guidelineItem.title}` : '—') },
    { title: '申报单位', key: 'organisation', search: false, width: 200, ellipsis: true, hideInTable: !me.permissions.includes('application.review') && !me.permissions.includes('application.recommend'), render: (_, r) => r.organisation.name ?? '—' },
    { title: '提交时间', dataIndex: 'submittedAt', search: false, width: 170, render: (_, r) => (r.submittedAt ? formatDateTime(r.submittedAt) : '—') },
    { title: '最后保存', dataIndex: 'updatedAt', search: false, width: 170, render: (_, r) => formatDateTime(r.updatedAt) },
    {
      title: '操作',
      valueType: 'option',
      width: 120,
      fixed: 'right',
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
        scroll={{ x: 1500 }}
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

