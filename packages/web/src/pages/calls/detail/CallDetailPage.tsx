/** One call for the officer: its status and history, its actions, and the call exactly as the public sees it. */
import { EyeOutlined } from '@ant-design/icons';
import { PageContainer } from '@ant-design/pro-components';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Descriptions, Result, Space } from 'antd';
import { useNavigate, useParams } from 'react-router';
import { errorText, isApiError } from '../../../api/errors';
import { callKeys, useCall } from '../../../api/programmes';
import { CallStatusTag } from '../../../components/call/CallTags';
import { CallView } from '../../../components/call/CallView';
import { PageLoading } from '../../../components/PageLoading';
import { formatDateTime } from '../../../lib/time';
import { CallActions } from '../shared/CallActions';
import { FormalReviewSettingsCard } from './FormalReviewSettingsCard';

export default function CallDetailPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const call = useCall(id);

  if (call.isPending) return <PageLoading />;
  if (call.error) {
    const missing = isApiError(call.error) && (call.error.status === 404 || call.error.status === 400);
    return (
      <Result
        status={missing ? '404' : 'error'}
        title={missing ? '申报指南不存在' : '申报指南加载失败'}
        subTitle={errorText(call.error)}
        extra={<Button onClick={() => void navigate('/calls')}>返回指南列表</Button>}
      />
    );
  }
  const c = call.data;
  const history = [
    { key: 'created', label: '创建时间', children: formatDateTime(c.createdAt) },
    { key: 'updated', label: '最后修改', children: formatDateTime(c.updatedAt) },
    ...(c.publishedAt ? [{ key: 'published', label: '发布时间', children: formatDateTime(c.publishedAt) }] : []),
    ...(c.closedAt ? [{ key: 'closed', label: '截止操作时间', children: formatDateTime(c.closedAt) }] : []),
    ...(c.archivedAt ? [{ key: 'archived', label: '归档时间', children: formatDateTime(c.archivedAt) }] : []),
  ];

  return (
    <PageContainer
      title={c.title}
      tags={<CallStatusTag status={c.status} />}
      breadcrumbRender={false}
      onBack={() => void navigate('/calls')}
      extra={
        <Space>
          {c.status !== 'draft' && (
            <Button icon={<EyeOutlined />} href={`/public/calls/${c.id}`} target="_blank" rel="noopener noreferrer">
              公开页面
            </Button>
          )}
          <CallActions call={c} variant="buttons" onChanged={(next) => queryClient.setQueryData(callKeys.detail(id), next)} />
        </Space>
      }
      content={<Descriptions size="small" column={{ xs: 1, md: 3 }} items={history} />}
    >
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        {c.status === 'draft' && (
          <Alert
            type="info"
            showIcon
            title="草稿仅科技局工作人员可见"
            description="下方为发布后公众将看到的样子。确认无误后点击“发布”；发布会冻结所用的政策版本，此后指南不能再编辑。"
          />
        )}
        <CallView call={c} />
        <FormalReviewSettingsCard callId={c.id} />
      </Space>
    </PageContainer>
  );
}
