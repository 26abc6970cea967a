/** Saved versions of the application, and a comparison of any two (the server's own diff). */
import type { FormSection } from '@kechuang/domain';
import { useQuery } from '@tanstack/react-query';
import { Button, Drawer, Select, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../../../api/client';
import { useApiErrorHandler } from '../../../api/form-errors';
import { formatDateTime } from '../../../lib/time';
import { showValue } from './content-diff';
import { fieldLabel } from './model';

interface VersionRow {
  version: number;
  contentHash: string;
  frozen: boolean;
  savedAt: string;
}
interface Comparison {
  from: number;
  to: number;
  changes: { path: string; kind: 'added' | 'removed' | 'changed'; before: unknown; after: unknown }[];
}
const KIND: Record<Comparison['changes'][number]['kind'], [string, string]> = { added: ['新增', 'green'], removed: ['删除', 'red'], changed: ['修改', 'blue'] };

export function VersionsDrawer({ applicationId, open, onClose, sections, currentVersion }: { applicationId: string; open: boolean; onClose: () => void; sections: readonly FormSection[]; currentVersion: number }) {
  const onError = useApiErrorHandler();
  const versions = useQuery({ queryKey: ['applications', applicationId, 'versions', currentVersion], enabled: open, queryFn: ({ signal }) => api.get<{ items: VersionRow[] }>(`/applications/${applicationId}/versions`, undefined, signal).then((r) => r.items) });
  const [from, setFrom] = useState<number>();
  const [to, setTo] = useState<number>();
  const [cmp, setCmp] = useState<Comparison | null>(null);
  useEffect(() => {
    const items = versions.data ?? [];
    if (items.length >= 2 && from === undefined) {
      const sorted = [...items].sort((a, b) => b.version - a.version);
      setTo(sorted[0]!.version);
      setFrom(sorted[1]!.version);
    }
  }, [versions.data, from]);
  const compare = async () => {
    if (from === undefined || to === undefined) return;
    try {
      setCmp(await api.get<Comparison>(`/applications/${applicationId}/versions/compare`, { from, to }));
    } catch (e) {
      onError(e);
    }
  };
  const options = (versions.data ?? []).map((v) => ({ value: v.version, label: `第${v.version}版${v.frozen ? '（已提交）' : ''}` }));
  return (
    <Drawer open={open} onClose={onClose} title="版本记录" width={760} destroyOnHidden>
      <Table
        size="small"
        rowKey="version"
        loading={versions.isLoading}
        dataSource={[...(versions.data ?? [])].sort((a, b) => b.version - a.version)}
        pagination={{ pageSize: 8, size: 'small' }}
        columns={[
          { title: '版本', dataIndex: 'version', width: 80, render: (v: number) => `第${v}版` },
          { title: '保存时间', dataIndex: 'savedAt', render: (s: string) => formatDateTime(s) },
          { title: '状态', dataIndex: 'frozen', width: 90, render: (f: boolean) => (f ? <Tag color="blue">已提交</Tag> : <Tag>草稿</Tag>) },
          { title: '内容摘要', dataIndex: 'contentHash', width: 140, render: (h: string) => <Typography.Text code>{h.slice(0, 12)}</Typography.Text> },
        ]}
      />
      <Space wrap style={{ margin: '12px 0' }}>
        <span>比较</span>
        <Select aria-label="比较的起始版本" style={{ width: 150 }} value={from} options={options} onChange={setFrom} />
        <span>与</span>
        <Select aria-label="比较的目标版本" style={{ width: 150 }} value={to} options={options} onChange={setTo} />
        <Button type="primary" disabled={from === undefined || to === undefined || from === to} onClick={() => void compare()}>
          比较
        </Button>
      </Space>
      {cmp ? (
        <div data-testid="version-diff">
        <Table
          size="small"
          bordered
          rowKey={(c) => `${c.path}-${c.kind}`}
          dataSource={cmp.changes}
          pagination={{ pageSize: 10, size: 'small' }}
          locale={{ emptyText: `第${cmp.from}版与第${cmp.to}版内容相同` }}
          columns={[
            { title: '栏目', dataIndex: 'path', width: 180, render: (p: string) => fieldLabel(p, sections) },
            { title: '变化', dataIndex: 'kind', width: 64, render: (k: keyof typeof KIND) => <Tag color={KIND[k][1]}>{KIND[k][0]}</Tag> },
            { title: `第${cmp.from}版`, dataIndex: 'before', render: (v: unknown) => <Typography.Text delete={v !== undefined} style={{ background: '#fff1f0' }}>{showValue(v)}</Typography.Text> },
            { title: `第${cmp.to}版`, dataIndex: 'after', render: (v: unknown) => <Typography.Text style={{ background: '#f6ffed' }}>{showValue(v)}</Typography.Text> },
          ]}
        />
        </div>
      ) : null}
    </Drawer>
  );
}
