/** 计划管理: every programme with the policy version in force today; officers create programmes here. */
import { PlusOutlined } from '@ant-design/icons';
import { PageContainer, ProTable, type ProColumns } from '@ant-design/pro-components';
import { Alert, Button, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { errorText } from '../../../api/errors';
import { useProgrammes, type ProgrammeSummary } from '../../../api/programmes';
import { formatDateTime } from '../../../lib/time';
import { wanText } from '../../../lib/wan';
import { CreateProgrammeModal } from './CreateProgrammeModal';

const columns: ProColumns<ProgrammeSummary>[] = [
  {
    title: '计划名称',
    dataIndex: 'name',
    sorter: (a, b) => a.name.localeCompare(b.name, 'zh-CN'),
    render: (_, r) => (
      <Space orientation="vertical" size={0}>
        <Link to={`/programmes/${encodeURIComponent(r.code)}`}>{r.name}</Link>
        <Typography.Text type="secondary" style={{ fontFamily: 'monospace', fontSize: 12 }}>
          {r.code}
        </Typography.Text>
      </Space>
    ),
  },
  { title: '发布单位', dataIndex: 'issuer', ellipsis: true, width: 280 },
  {
    title: '当前生效版本',
    key: 'current',
    render: (_, r) =>
      r.currentVersion ? (
        <Space orientation="vertical" size={0}>
          <span>
            {r.currentVersion.version} {r.currentVersion.frozen && <Tag color="purple">已冻结</Tag>}
          </span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {r.currentVersion.documentNo} · {r.currentVersion.effectiveFrom} 起施行
          </Typography.Text>
        </Space>
      ) : (
        <Tag color="warning">暂无生效版本</Tag>
      ),
  },
  {
    title: '年度预算',
    key: 'budget',
    width: 120,
    align: 'right',
    render: (_, r) =>
      !r.currentVersion ? '—' : r.currentVersion.parameters.annualBudgetStated === false ? <Typography.Text type="secondary">文件未载明</Typography.Text> : wanText(r.currentVersion.parameters.annualBudgetYuan),
  },
  { title: '版本数', dataIndex: 'versionCount', width: 80, align: 'right', sorter: (a, b) => a.versionCount - b.versionCount },
  { title: '更新时间', dataIndex: 'updatedAt', width: 170, sorter: (a, b) => a.updatedAt.localeCompare(b.updatedAt), render: (_, r) => formatDateTime(r.updatedAt) },
  {
    title: '操作',
    valueType: 'option',
    width: 90,
    render: (_, r) => [
      <Link key="open" to={`/programmes/${encodeURIComponent(r.code)}`}>
        查看规则
      </Link>,
    ],
  },
];

export default function ProgrammeListPage() {
  const navigate = useNavigate();
  const programmes = useProgrammes();
  const [creating, setCreating] = useState(false);
  return (
    <PageContainer title="计划管理" breadcrumbRender={false} content="科技计划及其按生效日期管理的政策版本。政策版本被已发布的申报指南使用后即冻结，调整规则须新建版本。">
      {programmes.error && <Alert type="error" showIcon title="计划列表加载失败" description={errorText(programmes.error)} style={{ marginBottom: 16 }} />}
      <ProTable<ProgrammeSummary>
        rowKey="code"
        cardBordered
        search={false}
        loading={programmes.isFetching}
        dataSource={programmes.data ?? []}
        columns={columns}
        pagination={{ defaultPageSize: 20, showSizeChanger: true }}
        options={{ reload: () => void programmes.refetch(), density: true, setting: true }}
        toolBarRender={() => [
          <Button key="new" type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            新建计划
          </Button>,
        ]}
      />
      <CreateProgrammeModal
        open={creating}
        onOpenChange={setCreating}
        onCreated={(code) => {
          setCreating(false);
          void programmes.refetch();
          void navigate(`/programmes/${encodeURIComponent(code)}`);
        }}
      />
    </PageContainer>
  );
}
