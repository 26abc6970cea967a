/** The call as the public sees it (published calls only; a draft or unknown id reads as not found). */
import { ArrowLeftOutlined, CalculatorOutlined, FormOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Flex, Result, Space } from 'antd';
import { useNavigate, useParams } from 'react-router';
import { api } from '../../../api/client';
import { errorText, isApiError } from '../../../api/errors';
import { callKeys, type Call } from '../../../api/programmes';
import { CallView } from '../../../components/call/CallView';
import { PageLoading } from '../../../components/PageLoading';
import { PublicShell } from '../../../components/PublicShell';

export default function PublicCallPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const call = useQuery({
    queryKey: callKeys.publicDetail(id),
    queryFn: ({ signal }) => api.get<Call>(`/public/calls/${encodeURIComponent(id)}`, undefined, signal),
  });

  const notFound = isApiError(call.error) && (call.error.status === 404 || call.error.status === 400);
  return (
    <PublicShell>
      <Flex justify="space-between" wrap gap={8} style={{ marginBottom: 16 }}>
        <Button icon={<ArrowLeftOutlined />} onClick={() => void navigate('/public/calls')}>
          返回公告列表
        </Button>
        {call.data && (
          <Space wrap>
            <Button icon={<CalculatorOutlined />} onClick={() => void navigate(`/calculator?programme=${encodeURIComponent(call.data.programme.code)}`)}>
              按本计划测算经费
            </Button>
            {call.data.phase === 'open' && (
              // Signing in first if needed (the workbench redirects to the login page and back).
              <Button type="primary" icon={<FormOutlined />} onClick={() => void navigate(`/applications?callId=${encodeURIComponent(id)}&new=1`)}>
                我要申报
              </Button>
            )}
          </Space>
        )}
      </Flex>
      {call.isPending ? (
        <PageLoading />
      ) : call.error ? (
        <Result
          status={notFound ? '404' : 'error'}
          title={notFound ? '申报指南不存在或尚未发布' : '申报指南加载失败'}
          subTitle={notFound ? '请从申报指南公告列表中选择。' : errorText(call.error)}
        />
      ) : (
        <CallView call={call.data} />
      )}
    </PublicShell>
  );
}
