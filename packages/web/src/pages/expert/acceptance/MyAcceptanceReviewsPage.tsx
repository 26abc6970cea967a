/** 验收评审 (acceptance.review): the panels the signed-in expert was drawn onto (never a project they are conflicted on). */
import { PageContainer, ProTable } from '@ant-design/pro-components';
import type { z } from 'zod';
import type { expertAcceptanceItem } from '@kechuang/domain';
import { useQuery } from '@tanstack/react-query';
import { Button, Tag } from 'antd';
import { Link } from 'react-router';
import { api } from '../../../api/client';
import { formatDateTime } from '../../../lib/time';

type Item = z.infer<typeof expertAcceptanceItem>;

export default function MyAcceptanceReviewsPage() {
  const list = useQuery({ queryKey: ['expert', 'acceptance-reviews'], queryFn: () => api.get<{ items: Item[] }>('/expert/acceptance-reviews') });
  return (
    <PageContainer title="验收评审" breadcrumbRender={false} content="您被随机抽入的验收专家组：对照任务书逐项核查考核指标是否完成，填写完成值和佐证，提交后不可修改。与您存在回避关系的项目不会显示。">
      <ProTable<Item>
        rowKey="id"
        dataSource={list.data?.items ?? []}
        loading={list.isLoading}
        search={false}
        options={false}
        pagination={{ pageSize: 20, showTotal: (n) => `共 ${n} 条` }}
        columns={[
          { title: '立项编号', dataIndex: 'projectNo', width: 180 },
          { title: '项目名称', dataIndex: 'title', ellipsis: true, render: (_, r) => <Link to={`/expert/acceptance-reviews/${r.id}`}>{r.title}</Link> },
          { title: '承担单位', dataIndex: 'organisationName', width: 220, ellipsis: true },
          { title: '评议', dataIndex: 'hearingNo', width: 80, render: (_, r) => `第${r.hearingNo}次` },
          { title: '状态', dataIndex: 'status', width: 160, render: (_, r) => <Tag color={r.status === 'submitted' ? 'green' : 'blue'}>{r.status === 'submitted' ? `已提交 ${formatDateTime(r.submittedAt)}` : '待核查'}</Tag> },
          { title: '操作', valueType: 'option', width: 100, render: (_, r) => <Link to={`/expert/acceptance-reviews/${r.id}`}><Button size="small" type="link">{r.status === 'submitted' ? '查看' : '核查'}</Button></Link> },
        ]}
      />
    </PageContainer>
  );
}
