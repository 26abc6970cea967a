/** 新增专家 / 编辑专家 (officer): who the expert is and how to reach them, plus the shared profile fields. */
import { DrawerForm, ProFormText } from '@ant-design/pro-components';
import { validateResidentId, type Expert } from '@kechuang/domain';
import { App, Form } from 'antd';
import { useEffect } from 'react';
import { api } from '../../../api/client';
import { useApiErrorHandler } from '../../../api/form-errors';
import { ExpertProfileFields, profileBody } from './ExpertProfileFields';

interface Props {
  expert: Expert | null;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onSaved: (expert: Expert) => void;
}

export function ExpertFormDrawer({ expert, open, onOpenChange, onSaved }: Props) {
  const [form] = Form.useForm();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    // The ID number is shown masked and never sent back: an edit re-enters it only to change it.
    if (expert) form.setFieldsValue({ ...expert, idNumber: '' });
    else form.setFieldsValue({ available: true, fields: [], keywords: [], consortia: [], declaredConflicts: [] });
  }, [open, expert, form]);

  return (
    <DrawerForm
      title={expert ? `编辑专家：${expert.name}` : '新增专家'}
      form={form}
      open={open}
      onOpenChange={onOpenChange}
      width={560}
      drawerProps={{ destroyOnHidden: true }}
      onFinish={async (v: Record<string, unknown>) => {
        const idNumber = typeof v.idNumber === 'string' && v.idNumber.trim() ? v.idNumber : undefined;
        const body = { ...profileBody(v), name: v.name, ...(idNumber ? { idNumber } : {}), phone: v.phone ?? '', email: v.email ?? '' };
        try {
          const saved = expert ? await api.put<Expert>(`/experts/${expert.id}`, body) : await api.post<Expert>('/experts', body);
          void message.success(expert ? '已保存专家信息' : '已新增专家（待审核，启用后参与评审）');
          onSaved(saved);
          return true;
        } catch (error) {
          onError(error, form);
          return false;
        }
      }}
    >
      <ProFormText name="name" label="姓名" rules={[{ required: true, message: '请填写姓名' }]} />
      <ProFormText
        name="idNumber"
        label="身份证号码"
        placeholder={expert?.idNumberMasked ? `当前 ${expert.idNumberMasked}（不修改请留空）` : '18位'}
        rules={[
          ...(expert ? [] : [{ required: true, message: '请填写身份证号码' }]),
          {
            validator: async (_rule: unknown, value: unknown) => {
              if (typeof value !== 'string' || !value.trim()) return;
              const r = validateResidentId(value);
              if (!r.ok) throw new Error(r.message);
            },
          },
        ]}
      />
      <ProFormText name="phone" label="手机" />
      <ProFormText name="email" label="邮箱" />
      <ExpertProfileFields />
    </DrawerForm>
  );
}
