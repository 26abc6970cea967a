/** 大事记: every event of the project since approval, oldest first, with who did it. */
import type { ProjectEvent } from '@kechuang/domain';
import { useQuery } from '@tanstack/react-query';
import { Empty, Spin, Timeline, Typography } from 'antd';
import { api } from '../../../api/client';
import { formatDateTime } from '../../../lib/time';
import type { ProjectTabProps } from './tabs';

export function TimelineTab({ project }: ProjectTabProps) {
  const q = useQuery({ queryKey: ['projects', project.id, 'events', project.stateChangedAt, project.ledger.movements.length], queryFn: () => api.get<{ items: ProjectEvent[] }>(`/projects/${project.id}/events`) });
  if (q.isLoading) return <Spin />;
  const items = q.data?.items ?? [];
  if (items.length === 0) return <Empty description="暂无记录" />;
  return (
    <Timeline
      style={{ marginTop: 8 }}
      items={items.map((e) => ({
        key: e.id,
        color: e.kind.startsWith('state.') ? 'blue' : e.kind.startsWith('ledger.') ? 'green' : e.kind.startsWith('recovery') ? 'red' : 'gray',
        children: (
          <>
            <Typography.Text>{e.summary}</Typography.Text>
            <br />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>{formatDateTime(e.at)}{e.actorName ? ` · ${e.actorName}` : ''}</Typography.Text>
          </>
        ),
      }))}
    />
  );
}
