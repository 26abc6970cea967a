/**
 * 审计链完整性: verify every hash chain on demand (also against anchor copies saved outside the
 * database), anchor the chain heads now, and list recent anchors.
 */
import { FileSearchOutlined, LinkOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { ProCard } from '@ant-design/pro-components';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { publishedAnchorListSchema, type AuditAnchor, type AuditVerifyResult } from '@kechuang/domain';
import { Alert, App, Button, Empty, List, Popconfirm, Space, Tooltip, Typography, Upload } from 'antd';
import { useState } from 'react';
import { api } from '../../../api/client';
import { useApiErrorHandler } from '../../../api/form-errors';
import { ApiError, errorText } from '../../../api/errors';
import { formatDateTime } from '../../../lib/time';

const REASON_LABELS: Record<Extract<AuditVerifyResult, { ok: false }>['broken']['reason'], string> = {
  'hash-mismatch': '事件内容被篡改',
  'prev-mismatch': '事件不衔接',
  'seq-gap': '事件缺失',
  'head-mismatch': '链头与事件不符',
  'anchor-mismatch': '锚点不符',
  'anchor-missing': '锚点被删除',
  'saved-anchor-mismatch': '与保存的锚点副本不符',
};

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
            {b.chain >= 0 ? `第 ${b.chain} 号链，序号 ${b.seq}` : '锚点'}
            {b.eventId ? `，编号 ${b.eventId}` : ''}（{REASON_LABELS[b.reason]}）；此前已校验 {result.checked} 条。
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
  const [result, setResult] = useState<AuditVerifyResult | null>(null);
  const anchors = useQuery({ queryKey: anchorsKey, queryFn: ({ signal }) => api.get<{ items: AuditAnchor[] }>('/audit/anchors', undefined, signal) });
  const verify = useMutation({
    mutationFn: () => api.get<AuditVerifyResult>('/audit/verify'),
    onSuccess: (r) => {
      setResult(r);
      onChanged();
    },
    onError,
  });
  // A copy of /api/public/audit-anchors saved earlier (by the auditor or a supervising body).
  const verifySaved = useMutation({
    mutationFn: async (file: File) => {
      let parsed;
      try {
        parsed = publishedAnchorListSchema.safeParse(JSON.parse(await file.text()));
      } catch {
        parsed = null;
      }
      if (!parsed?.success || parsed.data.items.length === 0) throw new Error('文件不是公开锚点列表的副本（应为 /api/public/audit-anchors 返回的 JSON）');
      return api.post<AuditVerifyResult>('/audit/verify', { anchors: parsed.data.items });
    },
    onSuccess: (r) => {
      setResult(r);
      onChanged();
    },
    onError: (error) => (error instanceof ApiError ? onError(error) : void message.error(error.message)),
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
          <Space wrap>
            <Upload
              accept=".json,application/json"
              showUploadList={false}
              beforeUpload={(file) => {
                verifySaved.mutate(file);
                return false;
              }}
            >
              <Button icon={<FileSearchOutlined />} loading={verifySaved.isPending}>
                对照锚点副本校验
              </Button>
            </Upload>
            <Button type="primary" icon={<SafetyCertificateOutlined />} loading={verify.isPending} onClick={() => verify.mutate()}>
              校验审计链
            </Button>
          </Space>
        }
      >
        {result ? (
          <VerifyOutcome result={result} />
        ) : (
          <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
            审计事件按对象分布在多条哈希链上，每条事件都包含前一事件的哈希；锚点把各链链头和前一锚点绑定在一起，并公开发布（
            <Typography.Link href="/api/public/audit-anchors" target="_blank">
              公开锚点
            </Typography.Link>
            ）。校验将逐条重算哈希，可发现篡改、删除和截断；对照库外保存的锚点副本校验，还能发现拥有数据库最高权限者的整体改写。
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
