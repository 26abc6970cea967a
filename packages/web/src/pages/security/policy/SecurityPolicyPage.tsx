/** 安全策略: password, lockout and session rules; edited by the security administrator, read-only for the system administrator. */
import { PageContainer, ProCard, ProDescriptions, ProForm, ProFormDigit, ProFormSwitch } from '@ant-design/pro-components';
import { DEFAULT_SECURITY_POLICY, SECURITY_POLICY_LABELS, securityPolicySchema, type SecurityPolicy } from '@kechuang/domain';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Col, Divider, Form, Result, Typography } from 'antd';
import { api } from '../../../api/client';
import { errorText } from '../../../api/errors';
import { useApiErrorHandler } from '../../../api/form-errors';
import type { SecurityPolicyState, UpdatedBy } from '../../../api/types';
import { useCan } from '../../../app/session';
import { PageLoading } from '../../../components/PageLoading';
import { zodRules } from '../../../lib/rules';
import { formatDateTime } from '../../../lib/time';

type Key = keyof SecurityPolicy;
const PASSWORD_KEYS: Key[] = ['minLength', 'minCharClasses', 'rejectWeakPasswords', 'expiryDays', 'historyCount'];
const SESSION_KEYS: Key[] = ['maxFailedLogins', 'lockoutMinutes', 'sessionIdleMinutes', 'loginRateLimitPerMinute'];
const policyKey = ['security', 'policy'] as const;

const show = (key: Key, value: SecurityPolicy[Key]) => (typeof value === 'boolean' ? (value ? '是' : '否') : key === 'expiryDays' && value === 0 ? '永不过期' : String(value));

function updatedByName(by: UpdatedBy): string {
  return by ?? '系统默认';
}

function PolicyField({ k }: { k: Key }) {
  const shape = securityPolicySchema.shape[k];
  const extra = `等保三级默认值：${show(k, DEFAULT_SECURITY_POLICY[k])}`;
  if (k === 'rejectWeakPasswords') {
    return <ProFormSwitch name={k} label={SECURITY_POLICY_LABELS[k]} colProps={{ xs: 24, md: 12 }} extra={extra} checkedChildren="是" unCheckedChildren="否" />;
  }
  return (
    <ProFormDigit
      name={k}
      label={SECURITY_POLICY_LABELS[k]}
      colProps={{ xs: 24, md: 12 }}
      extra={extra}
      min={0}
      fieldProps={{ precision: 0, style: { width: 200 } }}
      rules={zodRules(shape, `请填写${SECURITY_POLICY_LABELS[k].replace(/（.*$/, '')}`)}
    />
  );
}

function Section({ title }: { title: string }) {
  return (
    <Col span={24}>
      <Divider titlePlacement="start" style={{ marginTop: 0 }}>
        {title}
      </Divider>
    </Col>
  );
}

function PolicyForm({ state }: { state: SecurityPolicyState }) {
  const [form] = Form.useForm<SecurityPolicy>();
  const queryClient = useQueryClient();
  const { message, modal } = App.useApp();
  const onError = useApiErrorHandler();
  const restoreDefaults = () =>
    modal.confirm({
      title: '恢复等保三级默认值？',
      content: '表单将填入默认值，点击“保存”后才会生效。',
      okText: '填入默认值',
      cancelText: '取消',
      onOk: () => form.setFieldsValue(DEFAULT_SECURITY_POLICY),
    });
  return (
    <ProForm<SecurityPolicy>
      form={form}
      layout="vertical"
      grid
      rowProps={{ gutter: 24 }}
      initialValues={state.policy}
      onFinish={async (values) => {
        try {
          const saved = await api.put<SecurityPolicyState>('/security/policy', values);
          queryClient.setQueryData(policyKey, saved);
          form.setFieldsValue(saved.policy);
          void message.success('安全策略已保存，新规则立即生效');
        } catch (error) {
          onError(error, form, { mapField: (f) => f.replace(/^policy\./, '') });
        }
      }}
      submitter={{
        searchConfig: { submitText: '保存', resetText: '撤销修改' },
        render: (_props, dom) => (
          <Col span={24} style={{ display: 'flex', gap: 8 }}>
            {dom}
            <Button onClick={restoreDefaults}>恢复等保三级默认值</Button>
          </Col>
        ),
      }}
    >
      <Section title="密码规则" />
      {PASSWORD_KEYS.map((k) => (
        <PolicyField key={k} k={k} />
      ))}
      <Section title="登录与会话" />
      {SESSION_KEYS.map((k) => (
        <PolicyField key={k} k={k} />
      ))}
    </ProForm>
  );
}

export default function SecurityPolicyPage() {
  const canManage = useCan('security.manage');
  const policy = useQuery({ queryKey: policyKey, queryFn: ({ signal }) => api.get<SecurityPolicyState>('/security/policy', undefined, signal) });
  if (policy.isPending) return <PageLoading />;
  if (policy.error) {
    return <Result status="error" title="安全策略加载失败" subTitle={errorText(policy.error)} extra={<Button onClick={() => void policy.refetch()}>重试</Button>} />;
  }
  const state = policy.data;
  const updated = (
    <Typography.Text type="secondary">
      最近更新：{state.updatedAt ? `${formatDateTime(state.updatedAt)}，${updatedByName(state.updatedBy)}` : '尚未修改（使用等保三级默认值）'}
    </Typography.Text>
  );
  return (
    <PageContainer title="安全策略" breadcrumbRender={false} content={updated}>
      {!canManage && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title="只读"
          description="按三员分立要求，安全策略由安全管理员维护，系统管理员只能查看。"
        />
      )}
      <ProCard>
        {canManage ? (
          <PolicyForm state={state} />
        ) : (
          <ProDescriptions
            column={1}
            bordered
            size="middle"
            labelStyle={{ width: 360 }}
            dataSource={state.policy}
            columns={[...PASSWORD_KEYS, ...SESSION_KEYS].map((k) => ({
              title: SECURITY_POLICY_LABELS[k],
              dataIndex: k,
              render: () => show(k, state.policy[k]),
            }))}
          />
        )}
      </ProCard>
    </PageContainer>
  );
}
