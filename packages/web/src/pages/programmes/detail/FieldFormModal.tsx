/** 新增领域 / 编辑领域 of one version: name and sub-directions (typed, Enter after each). */
import { ModalForm, ProFormSelect, ProFormText } from '@ant-design/pro-components';
import { fieldRuleSchema, type FieldRule } from '@kechuang/domain';
import { App, Form } from 'antd';
import { useEffect } from 'react';
import { api } from '../../../api/client';
import type { ProgrammeVersion } from '../../../api/programmes';
import { zodRules } from '../../../lib/rules';
import { useVersionErrorHandler } from './version-errors';

interface Props {
  code: string;
  version: ProgrammeVersion;
  field: FieldRule | null;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onSaved: (version: ProgrammeVersion) => void;
}

const s = fieldRuleSchema.shape;

export function FieldFormModal({ code, version, field, open, onOpenChange, onSaved }: Props) {
  const [form] = Form.useForm<FieldRule>();
  const { message } = App.useApp();
  const onError = useVersionErrorHandler(code);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (field) form.setFieldsValue(field);
  }, [open, field, form]);

  return (
    <ModalForm<FieldRule>
      title={field ? `编辑领域“${field.name}”（版本 ${version.version}）` : `新增领域（版本 ${version.version}）`}
      form={form}
      open={open}
      onOpenChange={onOpenChange}
      width={600}
      layout="vertical"
      initialValues={{ subDirections: [] }}
      modalProps={{ destroyOnHidden: true }}
      submitter={{ searchConfig: { submitText: '保存', resetText: '取消' } }}
      onFinish={async (v) => {
        const body: FieldRule = { code: v.code.trim(), name: v.name.trim(), subDirections: (v.subDirections ?? []).map((x) => x.trim()).filter(Boolean) };
        try {
          const saved = await api.put<ProgrammeVersion>(`/programmes/${encodeURIComponent(code)}/versions/${version.id}/fields/${encodeURIComponent(body.code)}`, body);
          void message.success(`已保存领域“${body.name}”`);
          onSaved(saved);
          return true;
        } catch (error) {
          onError(error, form);
          return false;
        }
      }}
    >
      <ProFormText name="code" label="领域代码" disabled={!!field} rules={zodRules(s.code, '请填写领域代码')} placeholder="如 ic" />
      <ProFormText name="name" label="领域名称" rules={zodRules(s.name, '请填写领域名称')} placeholder="如 集成电路" />
      <ProFormSelect
        name="subDirections"
        label="细分方向"
        mode="tags"
        placeholder="输入细分方向后按回车，可添加多个"
        extra="不设细分方向表示该领域不限方向"
        fieldProps={{ tokenSeparators: ['、', '，', ','], open: false }}
        rules={zodRules(s.subDirections)}
      />
    </ModalForm>
  );
}
