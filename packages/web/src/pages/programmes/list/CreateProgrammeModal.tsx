/** 新建计划: code, name, issuer and description; the rules come later as versions. */
import { ModalForm, ProFormText, ProFormTextArea } from '@ant-design/pro-components';
import { programmeInputSchema } from '@kechuang/domain';
import { App, Form } from 'antd';
import { api } from '../../../api/client';
import { attachCodeToField, useApiErrorHandler } from '../../../api/form-errors';
import { zodRules } from '../../../lib/rules';

interface Values {
  code: string;
  name: string;
  issuer: string;
  description?: string;
}

interface Props {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onCreated: (code: string) => void;
}

const s = programmeInputSchema.shape;

export function CreateProgrammeModal({ open, onOpenChange, onCreated }: Props) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  return (
    <ModalForm<Values>
      title="新建计划"
      form={form}
      open={open}
      onOpenChange={onOpenChange}
      width={600}
      layout="vertical"
      modalProps={{ destroyOnHidden: true }}
      submitter={{ searchConfig: { submitText: '创建', resetText: '取消' } }}
      onFinish={async (values) => {
        try {
          const created = await api.post<{ code: string; name: string }>('/programmes', { ...values, description: values.description ?? '' });
          void message.success(`已创建计划“${created.name}”，请为其新建政策版本`);
          onCreated(created.code);
          return true;
        } catch (error) {
          onError(attachCodeToField(error, { PROGRAMME_EXISTS: 'code' }), form);
          return false;
        }
      }}
    >
      <ProFormText
        name="code"
        label="计划代码"
        rules={zodRules(s.code, '请填写计划代码')}
        tooltip="用于链接和接口，创建后不能修改"
        placeholder="如 beilun-kct"
        fieldProps={{ maxLength: 64, autoComplete: 'off' }}
      />
      <ProFormText name="name" label="计划名称" rules={zodRules(s.name, '请填写计划名称')} fieldProps={{ maxLength: 100 }} />
      <ProFormText name="issuer" label="发布单位" rules={zodRules(s.issuer, '请填写发布单位')} fieldProps={{ maxLength: 200 }} />
      <ProFormTextArea name="description" label="计划说明" rules={zodRules(s.description)} fieldProps={{ rows: 4, maxLength: 5000, showCount: true }} />
    </ModalForm>
  );
}
