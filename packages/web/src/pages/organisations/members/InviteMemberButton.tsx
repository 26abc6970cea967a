/** 邀请成员: the unit administrator invites a colleague; the link is shown once, then only its hash is kept. */
import { UserAddOutlined } from '@ant-design/icons';
import { ModalForm, ProFormRadio, ProFormText } from '@ant-design/pro-components';
import { optionalEmailSchema, personNameSchema, ROLE_LABELS } from '@kechuang/domain';
import { App, Button, Form } from 'antd';
import { useState } from 'react';
import { api } from '../../../api/client';
import { useApiErrorHandler } from '../../../api/form-errors';
import type { Invitation, InvitationRole } from '../../../api/types';
import { OneTimeSecretModal } from '../../../components/OneTimeSecretModal';
import { zodRules } from '../../../lib/rules';
import { formatDateTime } from '../../../lib/time';

interface InviteValues {
  name: string;
  email?: string;
  role: InvitationRole;
}

export function InviteMemberButton({ organisationId, onInvited }: { organisationId: string; onInvited: () => void }) {
  const [form] = Form.useForm<InviteValues>();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const [created, setCreated] = useState<{ invitation: Invitation; url: string } | null>(null);

  return (
    <>
      <ModalForm<InviteValues>
        title="邀请成员"
        form={form}
        width={520}
        layout="vertical"
        initialValues={{ role: 'applicant' }}
        modalProps={{ destroyOnHidden: true }}
        trigger={
          <Button type="primary" icon={<UserAddOutlined />}>
            邀请成员
          </Button>
        }
        submitter={{ searchConfig: { submitText: '生成邀请链接', resetText: '取消' } }}
        onFinish={async (values) => {
          try {
            const res = await api.post<{ invitation: Invitation; link: string }>(`/organisations/${organisationId}/invitations`, {
              ...values,
              email: values.email ?? '',
            });
            setCreated({ invitation: res.invitation, url: new URL(res.link, window.location.origin).toString() });
            onInvited();
            void message.success('邀请已创建');
            return true;
          } catch (error) {
            onError(error, form);
            return false;
          }
        }}
      >
        <ProFormText name="name" label="受邀人姓名" rules={zodRules(personNameSchema, '请填写受邀人姓名')} fieldProps={{ maxLength: 50 }} />
        <ProFormText name="email" label="受邀人邮箱" rules={zodRules(optionalEmailSchema)} extra="仅用于记录，平台不会自动发送邮件，请将生成的链接发给受邀人。" />
        <ProFormRadio.Group
          name="role"
          label="角色"
          radioType="button"
          options={[
            { value: 'applicant', label: ROLE_LABELS.applicant },
            { value: 'unitAdmin', label: ROLE_LABELS.unitAdmin },
          ]}
          rules={[{ required: true, message: '请选择角色' }]}
        />
      </ModalForm>
      <OneTimeSecretModal
        open={created !== null}
        title="邀请链接已生成"
        label="邀请链接"
        value={created?.url ?? ''}
        description={
          created && (
            <>
              请将下面的链接发送给 <b>{created.invitation.name}</b>。对方打开链接即可设置用户名和密码加入本单位，链接在{' '}
              {formatDateTime(created.invitation.expiresAt)} 前有效，使用一次后失效。
            </>
          )
        }
        onClose={() => setCreated(null)}
      />
    </>
  );
}
