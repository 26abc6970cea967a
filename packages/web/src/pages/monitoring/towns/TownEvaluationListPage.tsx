/** 镇街评价 (P315-7): the bureau's town/street innovation evaluations; officers create one with its indicators and weights. */
import { PlusOutlined, TrophyOutlined } from '@ant-design/icons';
import { PageContainer, ProTable, type ProColumns } from '@ant-design/pro-components';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Space, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { errorText } from '../../../api/errors';
import { useCan } from '../../../app/session';
import { formatDateTime } from '../../../lib/time';
import { townKeys, townListQuery } from './api';
import { TownEvaluationFormModal } from './TownEvaluationFormModal';
import type { TownEvaluationSummary } from './types';

const dash = (reason: string) => (
  <Tooltip title={reason}>
    <Typography.Text type="secondary" style={{ cursor: 'help' }}>
      —
    </Typography.Text>
  </Tooltip>
);

export default function TownEvaluationListPage() {
  const list = useQuery(townListQuery);
  const canManage = useCan('monitoring.manage');
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [creating, setCreating] = useState(false);
  const items = list.data ?? [];
  const years = [...new Set(items.map((e) => e.year))].sort((a, b) => b - a);

  const columns: ProColumns<TownEvaluationSummary>[] = [
    {
      title: '评价名称',
      dataIndex: 'title',
      ellipsis: true,
      sorter: (a, b) => a.title.localeCompare(b.title, 'zh-CN'),
      render: (_, e) => <Link to={`/monitoring/towns/${encodeURIComponent(e.id)}`}>{e.title}</Link>,
    },
    {
      title: '年度',
      dataIndex: 'year',
      width: 90,
      sorter: (a, b) => a.year - b.year,
      filters: years.map((y) => ({ text: `${y}年`, value: y })),
      onFilter: (v, e) => e.year === v,
      render: (_, e) => `${e.year}年`,
    },
    { title: '指标数', dataIndex: 'indicatorCount', width: 90, align: 'right', sorter: (a, b) => a.indicatorCount - b.indicatorCount, render: (_, e) => `${e.indicatorCount} 项` },
    {
      title: '镇街数',
      dataIndex: 'townCount',
      width: 110,
      align: 'right',
      sorter: (a, b) => a.townCount - b.townCount,
      render: (_, e) => (e.townCount ? `${e.townCount} 个` : <Tag>未导入数据</Tag>),
    },
    {
      title: '第一名',
      dataIndex: 'top',
      width: 200,
      render: (_, e) =>
        e.top.length ? (
          <Space size={[0, 4]} wrap>
            {e.top.map((name) => (
              <Tag key={name} color="gold" icon={<TrophyOutlined />}>
                {name}
              </Tag>
            ))}
            {e.top.length > 1 && <Typography.Text type="secondary">并列</Typography.Text>}
          </Space>
        ) : (
          dash('尚未导入镇街数据，无法排名')
        ),
    },
    { title: '更新时间', dataIndex: 'updatedAt', width: 170, sorter: (a, b) => a.updatedAt.localeCompare(b.updatedAt), render: (_, e) => formatDateTime(e.updatedAt) },
    {
      title: '操作',
      key: 'op',
      width: 90,
      render: (_, e) => <Link to={`/monitoring/towns/${encodeURIComponent(e.id)}`}>查看排名</Link>,
    },
  ];

  return (
    <PageContainer
      title="镇街评价"
      breadcrumbRender={false}
      content="镇乡（街道）科技创新能力评价：按设定的指标与权重，对各镇街的指标值做最小—最大归一化后加权计分并排名。得分随数据实时计算，修改指标或导入数据后即时更新。"
    >
      {list.error && <Alert type="error" showIcon title="评价列表加载失败" description={errorText(list.error)} style={{ marginBottom: 16 }} />}
      <ProTable<TownEvaluationSummary>
        rowKey="id"
        headerTitle="评价列表"
        cardBordered
        search={false}
        loading={list.isFetching}
        dataSource={items}
        columns={columns}
        tableLayout="fixed"
        pagination={{ defaultPageSize: 10, showSizeChanger: true, hideOnSinglePage: true }}
        options={{ reload: () => void list.refetch(), density: false, setting: false }}
        locale={{ emptyText: canManage ? '暂无评价，点击“新建评价”设置指标与权重' : '暂无评价' }}
        toolBarRender={() =>
          canManage
            ? [
                <Button key="new" type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
                  新建评价
                </Button>,
              ]
            : []
        }
      />
      {canManage && (
        <TownEvaluationFormModal
          open={creating}
          onOpenChange={setCreating}
          editing={null}
          onSaved={(id) => {
            setCreating(false);
            void message.success('已创建评价，请下载模板填写各镇街数据后导入');
            void queryClient.invalidateQueries({ queryKey: townKeys.all });
            void navigate(`/monitoring/towns/${encodeURIComponent(id)}`);
          }}
        />
      )}
    </PageContainer>
  );
}
