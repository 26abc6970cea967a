/** 修改密码: required at first login and after expiry; otherwise reachable from the account menu. */
import { PageContainer, ProCard, ProForm, ProFormText } from '@ant-design/pro-components';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Form } from 'antd';
import { useNavigate } from 'react-router';
import { api } from '../../../api/client';
import { attachCodeToField, useApiErrorHandler } from '../../../api/form-errors';
import { meQueryKey } from '../../../api/session';
import { useSession } from '../../../app/session';
import { PasswordFields } from '../../../components/PasswordFields';

interface PasswordValues {
  currentPassword: string;
  newPassword: string;
  confirmNewPassword?: string;
}

const CODE_FIELDS = {
  INVALID_CREDENTIALS: 'currentPassword',
  WRONG_CURRENT_PASSWORD: 'currentPassword',
  WEAK_PASSWORD: 'newPassword',
  PASSWORD_REUSED: 'newPassword',
};

export default function ChangePasswordPage() {
  const me = useSession();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const [form] = Form.useForm<PasswordValues>();
  const forced = me.user.mustChangePassword;
  const days = me.user.passwordExpiresInDays;

  const onFinish = async ({ currentPassword, newPassword }: PasswordValues) => {
    try {
      await api.post<void>('/auth/password', { currentPassword, newPassword });
      form.resetFields();
      void message.success('密码已修改，下次登录请使用新密码');
      await queryClient.invalidateQueries({ queryKey: meQueryKey });
      if (forced) void navigate('/', { replace: true });
    } catch (error) {
      onError(attachCodeToField(error, CODE_FIELDS), form);
    }
  };

  return (
    <PageContainer title="修改密码" breadcrumbRender={false}>
      <ProCard style={{ maxWidth: 640 }}>
        {forced && (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 24 }}
            title="请先修改密码"
            description="您正在使用管理员设置的临时密码（首次登录）或密码已过期。按照安全策略，修改密码后才能继续使用平台的其他功能。"
          />
        )}
        {!forced && days !== null && days <= 14 && (
          <Alert type="info" showIcon style={{ marginBottom: 24 }} title={`您的密码将在 ${Math.max(days, 0)} 天后过期，建议现在修改。`} />
        )}
        <ProForm<PasswordValues>
          isKeyPressSubmit
          form={form}
          layout="vertical"
          onFinish={onFinish}
          submitter={{ searchConfig: { submitText: '确认修改', resetText: '清空' } }}
        >
          <ProFormText.Password
            name="currentPassword"
            label="当前密码"
            rules={[{ required: true, message: '请填写当前密码' }]}
            fieldProps={{ autoComplete: 'current-password' }}
          />
          <PasswordFields
            name={['newPassword']}
            confirmName={['confirmNewPassword']}
            username={me.user.username}
            label="新密码"
          />
        </ProForm>
      </ProCard>
    </PageContainer>
  );
}
