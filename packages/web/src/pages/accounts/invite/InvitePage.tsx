/** 接受邀请: a colleague opens the link a unit administrator sent and creates their own account in that unit. */
import { ProForm, ProFormText } from '@ant-design/pro-components';
import { optionalEmailSchema, optionalMobileSchema, personNameSchema, ROLE_LABELS, usernameSchema } from '@kechuang/domain';
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Descriptions, Form, Result } from 'antd';
import { Link, useNavigate, useParams } from 'react-router';
import { api } from '../../../api/client';
import { errorText, isApiError } from '../../../api/errors';
import { attachCodeToField, useApiErrorHandler } from '../../../api/form-errors';
import { useMeQuery, useSignedIn } from '../../../api/session';
import type { InvitationPreview, Me } from '../../../api/types';
import { AuthShell } from '../../../components/AuthShell';
import { PageLoading } from '../../../components/PageLoading';
import { PasswordFields } from '../../../components/PasswordFields';
import { formatDateTime } from '../../../lib/time';
import { zodRules } from '../../../lib/rules';

interface AcceptValues {
  username: string;
  name: string;
  phone?: string;
  email?: string;
  password: string;
  confirmPassword?: string;
}

const CODE_FIELDS = { USERNAME_TAKEN: 'username', WEAK_PASSWORD: 'password' };

export default function InvitePage() {
  const { token = '' } = useParams();
  const navigate = useNavigate();
  const signedIn = useSignedIn();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const [form] = Form.useForm<AcceptValues>();
  const { data: me } = useMeQuery();
  const invitation = useQuery({
    queryKey: ['invitations', token],
    queryFn: ({ signal }) => api.get<InvitationPreview>(`/invitations/${encodeURIComponent(token)}`, undefined, signal),
  });

  if (invitation.isPending) return <PageLoading fullScreen />;
  if (invitation.error) {
    const gone = isApiError(invitation.error) && [404, 410].includes(invitation.error.status);
    return (
      <AuthShell title="接受邀请">
        <Result
          status={gone ? 'warning' : 'error'}
          title={gone ? '邀请链接无效或已失效' : '暂时无法读取邀请'}
          subTitle={gone ? '该邀请可能已过期、已被撤销或已被使用，请联系本单位管理员重新发送邀请。' : errorText(invitation.error)}
          extra={
            <Button type="primary" onClick={() => void navigate('/login')}>
              前往登录
            </Button>
          }
        />
      </AuthShell>
    );
  }

  const inv = invitation.data;
  const onFinish = async ({ confirmPassword: _c, ...values }: AcceptValues) => {
    try {
      const who = await api.post<Me>(`/invitations/${encodeURIComponent(token)}/accept`, {
        ...values,
        phone: values.phone ?? '',
        email: values.email ?? '',
      });
      signedIn(who);
      void message.success(`欢迎加入${inv.organisationName}`);
      void navigate('/', { replace: true });
    } catch (error) {
      onError(attachCodeToField(error, CODE_FIELDS), form);
    }
  };

  return (
    <AuthShell title="接受邀请，创建账号" width={560} subTitle={`${inv.organisationName}邀请您加入科创平台，请设置您的登录账号。`}>
      <Descriptions
        column={1}
        size="small"
        bordered
        style={{ marginBottom: 20 }}
        items={[
          { key: 'org', label: '邀请单位', children: inv.organisationName },
          { key: 'name', label: '受邀人', children: inv.name },
          { key: 'role', label: '角色', children: ROLE_LABELS[inv.role] },
          { key: 'exp', label: '有效期至', children: formatDateTime(inv.expiresAt) },
        ]}
      />
      {me && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={`您当前已登录为 ${me.user.name}（${me.user.username}）。接受邀请将创建一个新账号并以新账号登录。`}
        />
      )}
      <ProForm<AcceptValues>
        isKeyPressSubmit
        form={form}
        layout="vertical"
        initialValues={{ name: inv.name }}
        onFinish={onFinish}
        scrollToFirstError
        submitter={{
          searchConfig: { submitText: '创建账号并登录' },
          resetButtonProps: false,
          submitButtonProps: { block: true, size: 'large' },
        }}
      >
        <ProFormText
          name="username"
          label="用户名"
          placeholder="字母开头，可含字母、数字、下划线、点和连字符"
          rules={zodRules(usernameSchema, '请填写用户名')}
          fieldProps={{ autoComplete: 'username', maxLength: 32 }}
        />
        <ProFormText name="name" label="姓名" rules={zodRules(personNameSchema, '请填写姓名')} fieldProps={{ maxLength: 50 }} />
        <ProFormText name="phone" label="手机号" rules={zodRules(optionalMobileSchema)} />
        <ProFormText name="email" label="邮箱" rules={zodRules(optionalEmailSchema)} />
        <PasswordFields name={['password']} confirmName={['confirmPassword']} usernamePath={['username']} />
      </ProForm>
      <div style={{ textAlign: 'center', marginTop: 8 }}>
        已有账号？
        <Link to="/login" style={{ textDecoration: 'underline' }}>
          直接登录
        </Link>
      </div>
    </AuthShell>
  );
}
