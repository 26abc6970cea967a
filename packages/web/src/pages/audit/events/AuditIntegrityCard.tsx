/** 审计链完整性: verify every hash chain on demand, anchor the chain heads, and list recent anchors. */
import { SafetyCertificateOutlined, LinkOutlined } from '@ant-design/icons';
import { ProCard } from '@ant-design/pro-components';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Empty, List, Popconfirm, Space, Tooltip, Typography } from 'antd';
import { api } from '../../../api/client';
import { useApiErrorHandler } from '../../../api/form-errors';
import { errorText } from '../../../api/errors';
import type { AuditAnchor, AuditVerifyResult } from '../../../api/types';
import { formatDateTime } from '../../../lib/time';

const anchorsKey = ['audit', 'anchors'] as const;

function VerifyOutcome({ result }: { result: AuditVerifyResult }) {
  if (result.ok) {
    return (
      <Alert
        type="success"
        showIcon
        title={`审计链完整，已校验 ${result.checked} 条`}
        description={`共 ${result.chains} 条哈希链、${result.anchors} 个锚点，未发现篡改、删除或断链。`}
      />
    );
  }
  const b = result.broken;
  return (
    <Alert
      type="error"
      showIcon
      title="审计链校验失败"
      description={
        <>
          <div>{b.message}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            第 {b.chain} 号链，序号 {b.seq}
            {b.eventId ? `，事件 ${b.eventId}` : ''}（{b.reason}）；此前已校验 {result.checked} 条。
          </Typography.Text>
        </>
      }
    />
  );
}

export function AuditIntegrityCard({ onChanged }: { onChanged: () => void }) {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const anchors = useQuery({ queryKey: anchorsKey, queryFn: ({ signal }) => api.get<{ items: AuditAnchor[] }>('/audit/anchors', undefined, signal) });
  const verify = useMutation({
    mutationFn: () => api.get<AuditVerifyResult>('/audit/verify'),
    onSuccess: onChanged,
    onError,
  });
  const anchor = useMutation({
    mutationFn: () => api.post<AuditAnchor>('/audit/anchors'),
    onSuccess: () => {
      void message.success('已锚定当前各链链头');
      void queryClient.invalidateQueries({ queryKey: anchorsKey });
      onChanged();
    },
    onError,
  });
  const recent = (anchors.data?.items ?? []).slice(0, 5);

  return (
    <ProCard split="vertical" variant="outlined">
      <ProCard
        title="审计链校验"
        colSpan={{ xs: 24, lg: 12 }}
        extra={
          <Button type="primary" icon={<SafetyCertificateOutlined />} loading={verify.isPending} onClick={() => verify.mutate()}>
            校验审计链
          </Button>
        }
      >
        {verify.data ? (
          <VerifyOutcome result={verify.data} />
        ) : (
          <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
            审计事件按对象分布在多条哈希链上，每条事件都包含前一事件的哈希；锚点把各链链头绑定在一起。校验将逐条重算哈希，可发现篡改、删除和截断。
          </Typography.Paragraph>
        )}
      </ProCard>
      <ProCard
        title="最近锚点"
        colSpan={{ xs: 24, lg: 12 }}
        extra={
          <Popconfirm title="锚定当前各链链头？" description="将生成一个新锚点，记录此刻所有链的链头哈希。" okText="锚定" cancelText="取消" onConfirm={() => anchor.mutateAsync()}>
            <Button icon={<LinkOutlined />} loading={anchor.isPending}>
              锚定链头
            </Button>
          </Popconfirm>
        }
      >
        {anchors.error ? (
          <Alert type="error" showIcon title="锚点加载失败" description={errorText(anchors.error)} />
        ) : (
          <List<AuditAnchor>
            size="small"
            loading={anchors.isPending}
            dataSource={recent}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="尚未锚定" /> }}
            renderItem={(a) => (
              <List.Item key={a.id}>
                <Space size={12} wrap>
                  <span>{formatDateTime(a.createdAt)}</span>
                  <Tooltip title={a.hash}>
                    <Typography.Text code copyable={{ text: a.hash, tooltips: ['复制哈希', '已复制'] }}>
                      {a.hash.slice(0, 16)}…
                    </Typography.Text>
                  </Tooltip>
                  <Typography.Text type="secondary">覆盖 {a.heads.length} 条链</Typography.Text>
                </Space>
              </List.Item>
            )}
          />
        )}
      </ProCard>
    </ProCard>
  );
}
