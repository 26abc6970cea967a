/** 我要申报: choose an open call, one of its guideline items and a category; the server creates the draft. */
import { ModalForm, ProFormSelect } from '@ant-design/pro-components';
import { useQuery } from '@tanstack/react-query';
import { App, Button, Form } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { api } from '../../../api/client';
import { useApiErrorHandler } from '../../../api/form-errors';
import type { Call } from '../../../api/programmes';
import type { ApplicationDetail } from '../../../api/types';
import { formatDateTime } from '../../../lib/time';

interface Values {
  callId: string;
  guidelineItemCode: string;
  categoryCode: string;
}

export function NewApplicationModal({ onCreated, initialCallId, openAtStart = false }: { onCreated: (id: string) => void; initialCallId?: string | undefined; openAtStart?: boolean }) {
  // Opened at once when the applicant came from a call's public page (我要申报 there).
  const [open, setOpen] = useState(openAtStart);
  const [form] = Form.useForm<Values>();
  const onError = useApiErrorHandler();
  const { message } = App.useApp();
  const calls = useQuery({
    queryKey: ['public', 'calls'],
    queryFn: ({ signal }) => api.get<{ items: Call[] }>('/public/calls', undefined, signal).then((r) => r.items.filter((c) => c.phase === 'open')),
  });
  const callId = Form.useWatch('callId', form);
  const call = calls.data?.find((c) => c.id === callId);

  return (
    <ModalForm<Values>
      title="我要申报"
      form={form}
      width={560}
      initialValues={initialCallId ? { callId: initialCallId } : undefined}
      trigger={
        <Button type="primary" icon={<PlusOutlined />}>
          我要申报
        </Button>
      }
      open={open}
      onOpenChange={setOpen}
      modalProps={{ destroyOnHidden: true }}
      onFinish={async (values) => {
        try {
          const created = await api.post<ApplicationDetail>('/applications', values);
          void message.success(`已创建申报书草稿 ${created.applicationNo}`);
          onCreated(created.id);
          return true;
        } catch (error) {
          onError(error, form);
          return false;
        }
      }}
    >
      <ProFormSelect
        name="callId"
        label="申报指南"
        placeholder={calls.isPending ? '正在加载…' : calls.data?.length ? '请选择正在受理的申报指南' : '当前没有正在受理的申报指南'}
        rules={[{ required: true, message: '请选择申报指南' }]}
        options={(calls.data ?? []).map((c) => ({ value: c.id, label: `${c.title}（截止 ${formatDateTime(c.closesAt)}）` }))}
        fieldProps={{ loading: calls.isPending, onChange: () => form.setFieldsValue({ guidelineItemCode: undefined as never, categoryCode: undefined as never }) }}
      />
      <ProFormSelect
        name="guidelineItemCode"
        label="指南条目"
        disabled={!call}
        rules={[{ required: true, message: '请选择指南条目' }]}
        options={(call?.guidelineItems ?? []).map((i) => ({ value: i.code, label: `${i.code} ${i.title}` }))}
      />
      <ProFormSelect
        name="categoryCode"
        label="项目类别"
        disabled={!call}
        rules={[{ required: true, message: '请选择项目类别' }]}
        options={(call?.categories ?? []).map((c) => ({ value: c.code, label: c.name }))}
      />
    </ModalForm>
  );
}
