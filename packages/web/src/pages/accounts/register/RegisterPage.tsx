/** 注册申报单位: an organisation registers itself and its first account, which becomes the unit administrator. */
import { ProForm, ProFormText } from '@ant-design/pro-components';
import { personNameSchema, optionalEmailSchema, optionalMobileSchema, usernameSchema, type OrganisationCreate } from '@kechuang/domain';
import { Alert, App, Col, Divider, Flex, Form, Typography } from 'antd';
import { Link, useNavigate } from 'react-router';
import { api } from '../../../api/client';
import { attachCodeToField, useApiErrorHandler } from '../../../api/form-errors';
import { useSignedIn } from '../../../api/session';
import type { Me } from '../../../api/types';
import { AuthShell } from '../../../components/AuthShell';
import { OrganisationFields } from '../../../components/OrganisationFields';
import { PasswordFields } from '../../../components/PasswordFields';
import { zodRules } from '../../../lib/rules';

interface RegisterValues {
  organisation: OrganisationCreate;
  user: { username: string; password: string; name: string; phone?: string; email?: string };
  confirmPassword?: string;
}

const CODE_FIELDS = { ORGANISATION_EXISTS: 'organisation.creditCode', USERNAME_TAKEN: 'user.username', WEAK_PASSWORD: 'user.password' };

function Section({ title, hint }: { title: string; hint: string }) {
  return (
    <Col span={24}>
      <Divider titlePlacement="start" style={{ marginTop: 8 }}>
        {title}
      </Divider>
      <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>
        {hint}
      </Typography.Paragraph>
    </Col>
  );
}

export default function RegisterPage() {
  const [form] = Form.useForm<RegisterValues>();
  const navigate = useNavigate();
  const signedIn = useSignedIn();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();

  const onFinish = async ({ confirmPassword: _c, ...values }: RegisterValues) => {
    try {
      const me = await api.post<Me>('/auth/register', {
        organisation: { ...values.organisation, address: values.organisation.address ?? '', contactEmail: values.organisation.contactEmail ?? '' },
        user: { ...values.user, phone: values.user.phone ?? '', email: values.user.email ?? '' },
      });
      signedIn(me);
      void message.success('注册成功，您已成为本单位的单位管理员');
      void navigate('/', { replace: true });
    } catch (error) {
      onError(attachCodeToField(error, CODE_FIELDS), form);
    }
  };

  return (
    <AuthShell
      title="注册申报单位"
      width={860}
      subTitle="每个单位只需注册一次。注册人将成为本单位的单位管理员，之后可在“成员与邀请”中邀请同事加入。"
    >
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title="请按营业执照或登记证书如实填写。统一社会信用代码注册后不能修改，且每个代码只能注册一次。"
      />
      <ProForm<RegisterValues>
        isKeyPressSubmit
        form={form}
        layout="vertical"
        grid
        rowProps={{ gutter: 16 }}
        onFinish={onFinish}
        scrollToFirstError
        submitter={{
          searchConfig: { submitText: '注册并登录', resetText: '清空' },
          render: (_props, dom) => (
            <Col span={24}>
              <Flex gap={8} justify="flex-end">
                {dom}
              </Flex>
            </Col>
          ),
        }}
      >
        <Section title="单位信息" hint="单位的基本登记信息和日常联系人。" />
        <OrganisationFields prefix={['organisation']} />
        <Section title="管理员账号" hint="用于登录平台的单位管理员账号，请使用本人手机号和邮箱。" />
        <ProFormText
          name={['user', 'username']}
          label="用户名"
          colProps={{ xs: 24, md: 12 }}
          placeholder="字母开头，可含字母、数字、下划线、点和连字符"
          rules={zodRules(usernameSchema, '请填写用户名')}
          fieldProps={{ autoComplete: 'username', maxLength: 32 }}
        />
        <ProFormText
          name={['user', 'name']}
          label="姓名"
          colProps={{ xs: 24, md: 12 }}
          rules={zodRules(personNameSchema, '请填写姓名')}
          fieldProps={{ maxLength: 50 }}
        />
        <ProFormText name={['user', 'phone']} label="手机号" colProps={{ xs: 24, md: 12 }} rules={zodRules(optionalMobileSchema)} />
        <ProFormText name={['user', 'email']} label="邮箱" colProps={{ xs: 24, md: 12 }} rules={zodRules(optionalEmailSchema)} />
        <PasswordFields
          name={['user', 'password']}
          confirmName={['confirmPassword']}
          usernamePath={['user', 'username']}
          colProps={{ xs: 24, md: 12 }}
        />
      </ProForm>
      <Flex justify="center" gap={4} style={{ marginTop: 8 }}>
        <Typography.Text type="secondary">已有账号？</Typography.Text>
        <Link to="/login">返回登录</Link>
      </Flex>
    </AuthShell>
  );
}

