/** 我的专家信息: the signed-in expert keeps their own fields, keywords, organisation, availability and declared conflicts. */
import { PageContainer, ProCard, ProForm } from '@ant-design/pro-components';
import { type ExpertSelf } from '@kechuang/domain';
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Descriptions, Form, Result, Spin } from 'antd';
import { useEffect } from 'react';
import { api } from '../../../api/client';
import { ApiError } from '../../../api/errors';
import { useApiErrorHandler } from '../../../api/form-errors';
import { formatDateTime } from '../../../lib/time';
import { ExpertStatusTag } from '../experts/ExpertListPage';
import { ExpertProfileFields, profileBody } from '../experts/ExpertProfileFields';

export default function MyExpertProfilePage() {
  const [form] = Form.useForm();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const me = useQuery({ queryKey: ['experts', 'me'], queryFn: () => api.get<ExpertSelf>('/experts/me'), retry: false });
  useEffect(() => {
    if (me.data) form.setFieldsValue({ ...me.data, organisationCreditCode: me.data.organisationCreditCode ?? '' });
  }, [me.data, form]);
  if (me.isLoading) return <Spin style={{ display: 'block', marginTop: 80 }} />;
  if (!me.data) return <Result status="info" title={me.error instanceof ApiError ? me.error.detail : '无法读取专家信息'} />;
  const e = me.data;
  return (
    <PageContainer title="我的专家信息" breadcrumbRender={false} content="请保持评审领域、关键词、工作单位和回避信息准确：系统据此为您分配申报书，并自动回避与您有利害关系的单位和个人。">
      <ProCard variant="outlined" style={{ marginBottom: 16 }}>
        <Descriptions size="small" column={3} items={[
          { key: 'name', label: '姓名', children: e.name },
          { key: 'id', label: '身份证号码', children: e.idNumberMasked ?? '—' },
          { key: 'status', label: '入库状态', children: <ExpertStatusTag status={e.status} /> },
          { key: 'updated', label: '最近更新', children: formatDateTime(e.updatedAt) },
        ]} />
        {e.status === 'pending' ? <Alert style={{ marginTop: 8 }} type="info" showIcon message="您的专家信息待经办人审核，审核通过后参与评审分配。" /> : null}
      </ProCard>
      <ProCard variant="outlined">
        <ProForm
          form={form}
          layout="vertical"
          style={{ maxWidth: 720 }}
          submitter={{ searchConfig: { submitText: '保存' }, resetButtonProps: false }}
          onFinish={async (v: Record<string, unknown>) => {
            try {
              const saved = await api.put<ExpertSelf>('/experts/me', profileBody(v));
              void message.success('已保存');
              form.setFieldsValue({ ...saved, organisationCreditCode: saved.organisationCreditCode ?? '' });
              void me.refetch();
            } catch (error) {
              onError(error, form);
            }
          }}
        >
          <ExpertProfileFields />
        </ProForm>
      </ProCard>
    </PageContainer>
  );
}
