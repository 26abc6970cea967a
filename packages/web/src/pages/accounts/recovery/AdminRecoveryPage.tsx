/**
 * 管理员密码找回: a separated administrator who forgot a password is recovered by the two OTHER
 * administrators together — one opens a request, the other approves it and receives a one-time password.
 */
import { PageContainer, ProCard, ProTable, type ProColumns } from '@ant-design/pro-components';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  RECOVERY_PARTIES,
  RECOVERY_STATUS_LABELS,
  RECOVERY_TTL_HOURS,
  recoveryRuleText,
  ROLE_LABELS,
  type RecoveryApproval,
  type RecoveryOverview,
  type RecoveryRequestView,
  type Role,
  type SeparatedAdminRole,
} from '@kechuang/domain';
import { Alert, App, Button, Form, Input, Popconfirm, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../../api/client';
import { useApiErrorHandler } from '../../../api/form-errors';
import { OneTimeSecretModal } from '../../../components/OneTimeSecretModal';
import { formatDateTime } from '../../../lib/time';

const key = ['admin-recovery'] as const;
const STATUS_COLORS = { pending: 'processing', approved: 'success', cancelled: 'default', expired: 'warning' } as const;
const roleLabel = (r: string) => ROLE_LABELS[r as Role] ?? r;
const person = (p: { name: string; username: string }) => `${p.name}（${p.username}）`;

function RequestForm({ targets, onDone }: { targets: RecoveryOverview['targets']; onDone: () => void }) {
  const [form] = Form.useForm<{ targetUserId: string; reason: string }>();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const targetId = Form.useWatch('targetUserId', form);
  const target = targets.find((x) => x.id === targetId);
  const open = useMutation({
    mutationFn: (v: { targetUserId: string; reason: string }) => api.post<RecoveryRequestView>('/admin-recovery', v),
    onSuccess: () => {
      void message.success('已发起，请通知另一位管理员批准');
      form.resetFields();
      onDone();
    },
    onError: (e) => onError(e, form),
  });
  return (
    <Form form={form} layout="vertical" onFinish={(v) => open.mutate(v)} style={{ maxWidth: 560 }}>
      <Form.Item name="targetUserId" label="需要找回密码的管理员" rules={[{ required: true, message: '请选择要找回密码的管理员' }]}>
        <Select
          showSearch
          optionFilterProp="label"
          placeholder="选择管理员"
          options={targets.map((x) => ({ value: x.id, label: `${x.name}（${x.username}，${roleLabel(x.role)}）` }))}
        />
      </Form.Item>
      {target && <Alert style={{ marginBottom: 16 }} type="info" showIcon title={target.rule} />}
      <Form.Item name="reason" label="原因与核实方式" rules={[{ required: true, message: '请说明原因（至少 4 个字）' }, { min: 4, message: '请说明原因（至少 4 个字）' }, { max: 200, message: '原因不能超过 200 字' }]}>
        <Input.TextArea rows={3} placeholder="如：本人忘记密码，已当面核实身份" showCount maxLength={200} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={open.isPending}>
        发起找回
      </Button>
    </Form>
  );
}

export default function AdminRecoveryPage() {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const [secret, setSecret] = useState<RecoveryApproval | null>(null);
  const data = useQuery({ queryKey: key, queryFn: ({ signal }) => api.get<RecoveryOverview>('/admin-recovery', undefined, signal) });
  const refresh = () => void queryClient.invalidateQueries({ queryKey: key });
  const approve = useMutation({
    mutationFn: (id: string) => api.post<RecoveryApproval>(`/admin-recovery/${id}/approve`),
    onSuccess: (res) => {
      setSecret(res);
      refresh();
    },
    onError: (e) => onError(e),
  });
  const cancel = useMutation({
    mutationFn: (id: string) => api.post<RecoveryRequestView>(`/admin-recovery/${id}/cancel`),
    onSuccess: () => {
      void message.success('已撤销');
      refresh();
    },
    onError: (e) => onError(e),
  });

  const columns: ProColumns<RecoveryRequestView>[] = [
    { title: '找回对象', dataIndex: 'target', render: (_, r) => `${person(r.target)} · ${roleLabel(r.targetRole)}` },
    { title: '发起人', dataIndex: 'initiator', render: (_, r) => `${person(r.initiator)} · ${roleLabel(r.initiatorRole)}` },
    { title: '原因', dataIndex: 'reason', ellipsis: true },
    { title: '状态', dataIndex: 'status', width: 90, render: (_, r) => <Tag color={STATUS_COLORS[r.status]}>{RECOVERY_STATUS_LABELS[r.status]}</Tag> },
    { title: '发起时间', dataIndex: 'createdAt', width: 160, render: (_, r) => formatDateTime(r.createdAt) },
    { title: '有效期至', dataIndex: 'expiresAt', width: 160, render: (_, r) => formatDateTime(r.expiresAt) },
    { title: '处理人', dataIndex: 'decider', width: 140, render: (_, r) => (r.decider ? person(r.decider) : '—') },
    {
      title: '操作',
      valueType: 'option',
      width: 150,
      render: (_, r) => (
        <Space>
          {r.actions.approve && (
            <Popconfirm
              title="批准找回？"
              description={`将为 ${person(r.target)} 生成一次性临时密码（仅显示一次），其首次登录须修改密码。`}
              okText="批准"
              cancelText="取消"
              onConfirm={() => approve.mutateAsync(r.id)}
            >
              <Typography.Link>批准</Typography.Link>
            </Popconfirm>
          )}
          {r.actions.cancel && (
            <Popconfirm title="撤销该申请？" okText="撤销" cancelText="取消" onConfirm={() => cancel.mutateAsync(r.id)}>
              <Typography.Link type="danger">撤销</Typography.Link>
            </Popconfirm>
          )}
        </Space>
      ),
    },
  ];

  return (
    <PageContainer
      title="管理员密码找回"
      breadcrumbRender={false}
      content="三员分立：系统管理员不能重置安全管理员和审计管理员的密码。任何一位三员管理员忘记密码时，由另外两位共同找回：一人发起，另一人批准，批准后才生成一次性临时密码。任何人都不能独自完成，也不能找回自己的密码；每一步都记入审计日志。"
    >
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <ProCard title="找回规则" variant="outlined">
          <ul style={{ margin: 0, paddingLeft: 20 }}>
            {(Object.keys(RECOVERY_PARTIES) as SeparatedAdminRole[]).map((t) => (
              <li key={t}>{recoveryRuleText(t)}</li>
            ))}
            <li>申请 {RECOVERY_TTL_HOURS} 小时内未批准即过期；同一管理员同时只能有一个待批准的申请。</li>
          </ul>
        </ProCard>
        <ProCard title="发起找回" variant="outlined">
          <RequestForm targets={data.data?.targets ?? []} onDone={refresh} />
        </ProCard>
        <ProTable<RecoveryRequestView>
          headerTitle="找回申请"
          rowKey="id"
          search={false}
          options={false}
          loading={data.isPending}
          dataSource={data.data?.items ?? []}
          columns={columns}
          pagination={{ pageSize: 10 }}
          scroll={{ x: 1000 }}
        />
      </Space>
      <OneTimeSecretModal
        open={secret !== null}
        title="找回已批准"
        label="临时密码"
        value={secret?.temporaryPassword ?? ''}
        description={
          secret && (
            <>
              管理员 <b>{person(secret.request.target)}</b>的一次性临时密码如下，仅显示这一次。请通过安全渠道当面告知本人；其首次登录时必须修改密码。
            </>
          )
        }
        onClose={() => setSecret(null)}
      />
    </PageContainer>
  );
}
