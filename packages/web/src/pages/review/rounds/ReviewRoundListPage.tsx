/**
 * 评审轮次: one per closed call, with the BL-8 step it has reached. The officer opens a round on a closed call
 * (every accepted application goes in); observers (纪检监督) and leaders read.
 */
import { PlusOutlined } from '@ant-design/icons';
import { PageContainer, ProTable, type ProColumns } from '@ant-design/pro-components';
import { REVIEW_STAGE_LABELS, REVIEW_STAGES, type ReviewRound } from '@kechuang/domain';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Modal, Select, Tag } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { api } from '../../../api/client';
import { useApiErrorHandler } from '../../../api/form-errors';
import { useCan } from '../../../app/session';
import { formatDateTime } from '../../../lib/time';

export default function ReviewRoundListPage() {
  const canManage = useCan('review.manage');
  const rounds = useQuery({ queryKey: ['review', 'rounds'], queryFn: () => api.get<{ items: ReviewRound[] }>('/review/rounds') });
  const [opening, setOpening] = useState(false);
  const columns: ProColumns<ReviewRound>[] = [
    { title: '申报指南', dataIndex: 'callTitle', ellipsis: true, render: (_, r) => <Link to={`/review/${r.id}`}>{r.callTitle}</Link> },
    { title: '计划', dataIndex: 'programmeCode', width: 120 },
    { title: '预算年度', dataIndex: 'year', width: 90, sorter: (a, b) => a.year - b.year },
    { title: '申报书', dataIndex: 'applications', width: 80, sorter: (a, b) => a.applications - b.applications },
    {
      title: '当前阶段',
      dataIndex: 'stage',
      width: 140,
      filters: REVIEW_STAGES.map((s) => ({ text: REVIEW_STAGE_LABELS[s], value: s })),
      onFilter: (v, r) => r.stage === v,
      render: (_, r) => <Tag color={r.stage === 'approved' ? 'green' : 'blue'}>{REVIEW_STAGE_LABELS[r.stage]}</Tag>,
    },
    { title: '建立时间', dataIndex: 'createdAt', width: 160, sorter: (a, b) => a.createdAt.localeCompare(b.createdAt), render: (_, r) => formatDateTime(r.createdAt) },
  ];
  return (
    <PageContainer title="评审轮次" breadcrumbRender={false} content="每个已截止的申报指南建立一个评审轮次，按专家分配、专家评审、实地核查、资金方案、局党组会议、区政府常务会议、社会公示、立项的顺序推进（BL-8）。">
      <ProTable<ReviewRound>
        rowKey="id"
        columns={columns}
        dataSource={rounds.data?.items ?? []}
        loading={rounds.isLoading}
        search={false}
        options={false}
        pagination={{ pageSize: 20, showSizeChanger: true }}
        toolBarRender={() => (canManage ? [<Button key="open" type="primary" icon={<PlusOutlined />} onClick={() => setOpening(true)}>建立评审轮次</Button>] : [])}
      />
      {opening && <OpenRoundModal onClose={() => setOpening(false)} existing={new Set((rounds.data?.items ?? []).map((r) => r.callId))} />}
    </PageContainer>
  );
}

function OpenRoundModal({ onClose, existing }: { onClose: () => void; existing: Set<string> }) {
  const onError = useApiErrorHandler();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ callId: string }>();
  const calls = useQuery({ queryKey: ['calls', 'all'], queryFn: () => api.get<{ items: { id: string; title: string; status: string }[] }>('/calls') });
  const closed = (calls.data?.items ?? []).filter((c) => c.status === 'closed' && !existing.has(c.id));
  const [busy, setBusy] = useState(false);
  return (
    <Modal
      open
      title="建立评审轮次"
      okText="建立"
      cancelText="取消"
      confirmLoading={busy}
      onCancel={onClose}
      onOk={() =>
        void form.validateFields().then(async ({ callId }) => {
          setBusy(true);
          try {
            const round = await api.post<ReviewRound>('/review/rounds', { callId });
            void message.success(`已建立评审轮次，纳入 ${round.applications} 份已受理的申报书`);
            await queryClient.invalidateQueries({ queryKey: ['review', 'rounds'] });
            navigate(`/review/${round.id}`);
          } catch (e) {
            onError(e);
          } finally {
            setBusy(false);
          }
        })
      }
    >
      <Form form={form} layout="vertical">
        <Form.Item name="callId" label="已截止的申报指南" rules={[{ required: true, message: '请选择申报指南' }]} extra="指南截止后，其全部已受理（形式审查通过）的申报书进入评审。">
          <Select aria-label="已截止的申报指南" loading={calls.isLoading} options={closed.map((c) => ({ value: c.id, label: c.title }))} notFoundContent="没有可建立评审的已截止指南" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
