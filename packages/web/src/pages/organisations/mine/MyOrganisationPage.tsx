/** 本单位信息: the unit's registered profile; the unit administrator may edit everything but the credit code. */
import { EditOutlined } from '@ant-design/icons';
import { ModalForm, PageContainer, ProCard, ProDescriptions } from '@ant-design/pro-components';
import { INDUSTRY_SECTIONS, ORGANISATION_TYPE_LABELS, type OrganisationProfile } from '@kechuang/domain';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Result } from 'antd';
import { api } from '../../../api/client';
import { errorText, isApiError } from '../../../api/errors';
import { useApiErrorHandler } from '../../../api/form-errors';
import { meQueryKey } from '../../../api/session';
import type { Organisation } from '../../../api/types';
import { OrganisationFields } from '../../../components/OrganisationFields';
import { PageLoading } from '../../../components/PageLoading';
import { OrganisationRecord } from '../../integrity/shared/OrganisationRecord';
import { formatDateTime } from '../../../lib/time';

const myOrganisationKey = ['organisations', 'mine'] as const;

type ProfileValues = OrganisationProfile & { creditCode?: string };

function EditOrganisation({ organisation }: { organisation: Organisation }) {
  const [form] = Form.useForm<ProfileValues>();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  return (
    <ModalForm<ProfileValues>
      title="编辑单位信息"
      form={form}
      width={760}
      grid
      rowProps={{ gutter: 16 }}
      layout="vertical"
      initialValues={organisation}
      modalProps={{ destroyOnHidden: true }}
      trigger={
        <Button type="primary" icon={<EditOutlined />}>
          编辑
        </Button>
      }
      submitter={{ searchConfig: { submitText: '保存', resetText: '取消' } }}
      onFinish={async ({ creditCode: _c, ...profile }) => {
        try {
          const updated = await api.put<Organisation>(`/organisations/${organisation.id}`, {
            ...profile,
            address: profile.address ?? '',
            contactEmail: profile.contactEmail ?? '',
          });
          queryClient.setQueryData(myOrganisationKey, updated);
          void queryClient.invalidateQueries({ queryKey: meQueryKey });
          void message.success('单位信息已保存');
          return true;
        } catch (error) {
          onError(error, form, { mapField: (f) => f.replace(/^organisation\./, '') });
          return false;
        }
      }}
    >
      <OrganisationFields creditCodeReadOnly />
    </ModalForm>
  );
}

export default function MyOrganisationPage() {
  const org = useQuery({
    queryKey: myOrganisationKey,
    queryFn: ({ signal }) => api.get<Organisation>('/organisations/mine', undefined, signal),
  });

  if (org.isPending) return <PageLoading />;
  if (org.error) {
    const none = isApiError(org.error) && org.error.status === 404;
    return (
      <PageContainer title="本单位信息" breadcrumbRender={false}>
        <Result
          status={none ? 'info' : 'error'}
          title={none ? '您的账号尚未关联申报单位' : '单位信息加载失败'}
          subTitle={none ? '如需以单位名义申报，请由本单位管理员邀请您加入，或注册新的申报单位。' : errorText(org.error)}
          extra={none ? null : <Button onClick={() => void org.refetch()}>重试</Button>}
        />
      </PageContainer>
    );
  }

  const o = org.data;
  return (
    <PageContainer
      title="本单位信息"
      breadcrumbRender={false}
      extra={o.actions?.update ? [<EditOrganisation key="edit" organisation={o} />] : []}
    >
      {!o.actions?.update && (
        <Alert type="info" showIcon style={{ marginBottom: 16 }} title="单位信息由本单位管理员维护，如需修改请联系单位管理员。" />
      )}
      <ProCard>
        <ProDescriptions<Organisation>
          column={{ xs: 1, md: 2 }}
          dataSource={o}
          columns={[
            { title: '单位名称', dataIndex: 'name', span: 2 },
            { title: '统一社会信用代码', dataIndex: 'creditCode', copyable: true },
            { title: '单位类型', dataIndex: 'type', valueEnum: ORGANISATION_TYPE_LABELS },
            { title: '所在地区', dataIndex: 'region' },
            { title: '所属行业', dataIndex: 'industry', render: (_, r) => `${r.industry} ${INDUSTRY_SECTIONS[r.industry] ?? ''}` },
            { title: '详细地址', dataIndex: 'address', span: 2, render: (_, r) => r.address || '—' },
            { title: '联系人', dataIndex: 'contactName' },
            { title: '联系电话', dataIndex: 'contactPhone' },
            { title: '联系邮箱', dataIndex: 'contactEmail', render: (_, r) => r.contactEmail || '—' },
            { title: '注册时间', dataIndex: 'createdAt', render: (_, r) => formatDateTime(r.createdAt) },
            { title: '最近更新', dataIndex: 'updatedAt', render: (_, r) => formatDateTime(r.updatedAt) },
          ]}
        />
      </ProCard>
      <OrganisationRecord organisationId={o.id} />
    </PageContainer>
  );
}
