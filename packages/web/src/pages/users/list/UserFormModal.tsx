/** 新建用户 / 编辑用户: roles follow 三员分立, and organisation roles need an organisation. */
import { ModalForm, ProFormDependency, ProFormSelect, ProFormText } from '@ant-design/pro-components';
import {
  optionalEmailSchema,
  optionalMobileSchema,
  ORGANISATION_ROLES,
  personNameSchema,
  ROLE_LABELS,
  roleCombinationProblems,
  ROLES,
  usernameSchema,
  type Role,
} from '@kechuang/domain';
import { Alert, App, Col, Form } from 'antd';
import { useEffect } from 'react';
import { api } from '../../../api/client';
import { attachCodeToField, useApiErrorHandler } from '../../../api/form-errors';
import type { Organisation, Page, UserRow } from '../../../api/types';
import { zodRules } from '../../../lib/rules';

interface UserValues {
  username: string;
  name: string;
  phone?: string;
  email?: string;
  roles: Role[];
  organisationId?: string | null;
  recommenderRegions?: string[];
}

interface Props {
  /** The user being edited, or null to create one. */
  user: UserRow | null;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** After a save; `temporaryPassword` only when a user was created. */
  onSaved: (user: UserRow, temporaryPassword?: string) => void;
}

// 三员分立: the system administrator cannot grant the security administrator or auditor role (the server refuses too).
const ROLE_OPTIONS = ROLES.filter((r) => r !== 'secadmin' && r !== 'auditor').map((r) => ({ value: r, label: ROLE_LABELS[r] }));
const needsOrganisation = (roles: readonly Role[] | undefined) => (roles ?? []).some((r) => ORGANISATION_ROLES.includes(r));

/** The domain's role rules; an edited user keeps their organisation, a new one gets one iff given organisation roles. */
const rolesRule = (editing: UserRow | null) => ({
  validator: async (_rule: unknown, roles: Role[] | undefined) => {
    if (!roles || roles.length === 0) return; // the required rule speaks
    const hasOrganisation = editing ? editing.organisation !== null : needsOrganisation(roles);
    const problems = roleCombinationProblems(roles, hasOrganisation);
    if (problems.length > 0) throw new Error(problems.join('；'));
  },
});

async function searchOrganisations(keyWords: string | undefined) {
  const page = await api.get<Page<Organisation>>('/organisations', { q: keyWords?.trim() || undefined, page: 1, pageSize: 20 });
  return page.items.map((o) => ({ value: o.id, label: `${o.name}（${o.creditCode}）` }));
}

export function UserFormModal({ user, open, onOpenChange, onSaved }: Props) {
  const [form] = Form.useForm<UserValues>();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const editing = user;

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (editing) form.setFieldsValue({ ...editing, organisationId: editing.organisation?.id ?? null });
  }, [open, editing, form]);

  const onFinish = async (values: UserValues) => {
    // A 推荐单位's region scope goes with the recommender role only; without it the server drops the scope.
    const recommenderRegions = values.roles.includes('recommender') ? (values.recommenderRegions ?? []) : [];
    const common = { name: values.name, phone: values.phone ?? '', email: values.email ?? '', roles: values.roles, recommenderRegions };
    try {
      if (editing) {
        const saved = await api.patch<UserRow>(`/users/${editing.id}`, common);
        void message.success(`已保存 ${saved.name} 的信息`);
        onSaved(saved);
      } else {
        const organisationId = needsOrganisation(values.roles) ? (values.organisationId ?? null) : null;
        const res = await api.post<{ user: UserRow; temporaryPassword: string }>('/users', { ...common, username: values.username, organisationId });
        onSaved(res.user, res.temporaryPassword);
      }
      return true;
    } catch (error) {
      onError(attachCodeToField(error, { USERNAME_TAKEN: 'username', INVALID_ROLES: 'roles' }), form);
      return false;
    }
  };

  return (
    <ModalForm<UserValues>
      title={editing ? `编辑用户：${editing.username}` : '新建用户'}
      form={form}
      open={open}
      onOpenChange={onOpenChange}
      width={600}
      layout="vertical"
      grid
      rowProps={{ gutter: 16 }}
      modalProps={{ destroyOnHidden: true }}
      submitter={{ searchConfig: { submitText: editing ? '保存' : '创建', resetText: '取消' } }}
      onFinish={onFinish}
    >
      <ProFormText
        name="username"
        label="用户名"
        colProps={{ span: 12 }}
        disabled={!!editing}
        rules={editing ? [] : zodRules(usernameSchema, '请填写用户名')}
        fieldProps={{ maxLength: 32, autoComplete: 'off' }}
        tooltip={editing ? '用户名创建后不能修改' : undefined}
      />
      <ProFormText name="name" label="姓名" colProps={{ span: 12 }} rules={zodRules(personNameSchema, '请填写姓名')} fieldProps={{ maxLength: 50 }} />
      <ProFormText name="phone" label="手机号" colProps={{ span: 12 }} rules={zodRules(optionalMobileSchema)} />
      <ProFormText name="email" label="邮箱" colProps={{ span: 12 }} rules={zodRules(optionalEmailSchema)} />
      <ProFormSelect
        name="roles"
        label="角色"
        mode="multiple"
        options={ROLE_OPTIONS}
        rules={[{ required: true, message: '至少分配一个角色' }, rolesRule(editing)]}
        extra="三员分立：系统管理员、安全管理员、审计管理员只能单独担任；申报单位用户和单位管理员须属于某个申报单位。"
        placeholder="请选择角色"
      />
      <ProFormDependency name={['roles']}>
        {({ roles }: { roles?: Role[] }) =>
          roles?.includes('recommender') ? (
            <ProFormSelect
              name="recommenderRegions"
              label="推荐范围（地区）"
              mode="tags"
              extra="按申报单位所在地区的前缀匹配：“浙江省宁波市”覆盖全市，“浙江省宁波市北仑区”只覆盖该区。未设置时看不到任何申报书。"
              fieldProps={{ open: false, tokenSeparators: [',', '，', '、'], 'aria-label': '推荐范围（地区）', placeholder: '输入地区后回车，可填多个' }}
            />
          ) : null
        }
      </ProFormDependency>
      <ProFormDependency name={['roles']}>
        {({ roles }: { roles?: Role[] }) =>
          editing ? (
            editing.organisation ? (
              <ProFormText label="所属单位" colProps={{ span: 24 }} disabled fieldProps={{ value: editing.organisation.name }} />
            ) : null
          ) : needsOrganisation(roles) ? (
            <ProFormSelect
              name="organisationId"
              label="所属单位"
              showSearch
              debounceTime={300}
              request={async ({ keyWords }: { keyWords?: string }) => searchOrganisations(keyWords)}
              fieldProps={{ filterOption: false, placeholder: '输入单位名称或信用代码搜索' }}
              rules={[{ required: true, message: '申报单位用户和单位管理员须选择所属单位' }]}
            />
          ) : null
        }
      </ProFormDependency>
      {!editing && (
        <Col span={24}>
          <Alert type="info" showIcon title="创建后系统将生成一次性临时密码，用户首次登录时须修改密码。" />
        </Col>
      )}
    </ModalForm>
  );
}
