/** 版本对比: pick two versions of the programme and read every changed parameter in words. */
import { DiffOutlined } from '@ant-design/icons';
import { ProCard } from '@ant-design/pro-components';
import { useQuery } from '@tanstack/react-query';
import { Alert, Empty, Flex, Select, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../../../api/client';
import { errorText } from '../../../api/errors';
import type { ProgrammeDetail, VersionDiff } from '../../../api/programmes';

export function VersionDiffCard({ programme, selectedId }: { programme: ProgrammeDetail; selectedId: string | undefined }) {
  const versions = programme.versions;
  const [to, setTo] = useState<string | undefined>(selectedId);
  const [from, setFrom] = useState<string | undefined>();

  // Follow the version chosen above: compare it with the one before it, or (the first) with the next, old → new.
  useEffect(() => {
    if (!selectedId) return;
    const i = versions.findIndex((v) => v.id === selectedId);
    if (i > 0) {
      setFrom(versions[i - 1]?.id);
      setTo(selectedId);
    } else {
      setFrom(selectedId);
      setTo(versions[i + 1]?.id ?? selectedId);
    }
  }, [selectedId, versions]);

  const diff = useQuery({
    queryKey: ['programmes', programme.code, 'diff', from, to],
    queryFn: ({ signal }) => api.get<VersionDiff>(`/programmes/${encodeURIComponent(programme.code)}/versions/${to ?? ''}/diff`, { against: from }, signal),
    enabled: !!from && !!to && from !== to,
  });
  const options = versions.map((v) => ({ value: v.id, label: `${v.version}（${v.effectiveFrom}）` }));

  return (
    <ProCard title="版本对比" headerBordered>
      {versions.length < 2 ? (
        <Empty description={versions.length ? '只有一个政策版本，新建版本后可在此对比差异' : '尚无政策版本'} />
      ) : (
        <>
          <Flex wrap gap={12} align="center" style={{ marginBottom: 16 }}>
            <Select aria-label="原版本" style={{ width: 240 }} options={options} value={from} onChange={setFrom} />
            <DiffOutlined />
            <Select aria-label="新版本" style={{ width: 240 }} options={options} value={to} onChange={setTo} />
          </Flex>
          {from === to ? (
            <Alert type="info" showIcon title="请选择两个不同的版本" />
          ) : diff.error ? (
            <Alert type="error" showIcon title="对比失败" description={errorText(diff.error)} />
          ) : (
            <Table<VersionDiff['changes'][number]>
              rowKey="path"
              size="small"
              bordered
              pagination={false}
              loading={diff.isPending}
              dataSource={diff.data?.changes ?? []}
              locale={{ emptyText: '两个版本的参数完全相同' }}
              title={() => (diff.data ? <Typography.Text type="secondary">共 {diff.data.changes.length} 处变化</Typography.Text> : null)}
              columns={[
                { title: '序号', key: 'no', width: 64, render: (_, _r, i) => i + 1 },
                { title: '变化', dataIndex: 'label' },
              ]}
            />
          )}
        </>
      )}
    </ProCard>
  );
}
