/** 工作台: greeting, who the user is here, and the to-do list the server computes for their roles. */
import { BankOutlined, ClockCircleOutlined, ExclamationCircleFilled, InfoCircleFilled, WarningFilled } from '@ant-design/icons';
import { PageContainer, ProCard } from '@ant-design/pro-components';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Descriptions, Empty, List, Space, Tag, Typography, theme } from 'antd';
import { useNavigate } from 'react-router';
import { api } from '../../../api/client';
import { errorText } from '../../../api/errors';
import type { TodoItem } from '../../../api/types';
import { useSession } from '../../../app/session';
import { RoleTags } from '../../../components/RoleTags';
import { formatDateTime, shanghaiHour } from '../../../lib/time';

function greeting(hour: number): string {
  if (hour < 6) return '夜深了';
  if (hour < 11) return '上午好';
  if (hour < 13) return '中午好';
  if (hour < 18) return '下午好';
  return '晚上好';
}

const LEVEL_TAGS: Record<TodoItem['level'], { color: string; text: string }> = {
  error: { color: 'error', text: '紧急' },
  warning: { color: 'warning', text: '提醒' },
  info: { color: 'processing', text: '待办' },
};

function LevelTag({ level }: { level: TodoItem['level'] }) {
  const tag = LEVEL_TAGS[level] ?? LEVEL_TAGS.info;
  return <Tag color={tag.color}>{tag.text}</Tag>;
}

function TodoIcon({ level }: { level: TodoItem['level'] }) {
  const { token } = theme.useToken();
  if (level === 'error') return <ExclamationCircleFilled style={{ color: token.colorError, fontSize: 20 }} />;
  if (level === 'warning') return <WarningFilled style={{ color: token.colorWarning, fontSize: 20 }} />;
  return <InfoCircleFilled style={{ color: token.colorPrimary, fontSize: 20 }} />;
}

export default function WorkbenchPage() {
  const me = useSession();
  const navigate = useNavigate();
  const todos = useQuery({
    queryKey: ['me', 'todos'],
    queryFn: ({ signal }) => api.get<{ items: TodoItem[] }>('/me/todos', undefined, signal),
  });
  // A 责任单位 account belongs to no applicant organisation; it acts for the units the bureau linked it to.
  const reports = me.permissions.includes('monitoring.report');
  const myUnits = useQuery({
    queryKey: ['monitoring', 'my-units'],
    queryFn: ({ signal }) => api.get<{ items: { code: string; name: string }[] }>('/monitoring/my-units', undefined, signal).then((r) => r.items),
    enabled: reports,
  });
  const items = todos.data?.items ?? [];
  const open = (link: string) => {
    if (/^https?:\/\//.test(link)) window.open(link, '_blank', 'noopener');
    else void navigate(link);
  };

  return (
    <PageContainer title="工作台" breadcrumbRender={false}>
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <ProCard>
          <Typography.Title level={4} style={{ marginTop: 0 }}>
            {greeting(shanghaiHour())}，{me.user.name || me.user.username}
          </Typography.Title>
          <Descriptions
            column={{ xs: 1, md: 2, xl: 3 }}
            size="small"
            items={[
              { key: 'roles', label: '我的角色', children: <RoleTags roles={me.user.roles} /> },
              {
                key: 'org',
                label: '所属单位',
                children: me.organisation ? (
                  <Space size={4}>
                    <BankOutlined />
                    {me.organisation.name}
                  </Space>
                ) : myUnits.data?.length ? (
                  <Space size={4}>
                    <BankOutlined />
                    {myUnits.data.map((u) => u.name).join('、')}（责任单位）
                  </Space>
                ) : (
                  <Typography.Text type="secondary">科技局及平台账号（不隶属申报单位）</Typography.Text>
                ),
              },
              {
                key: 'last',
                label: '上次登录',
                children: me.user.previousLoginAt ? (
                  <Space size={4}>
                    <ClockCircleOutlined />
                    {formatDateTime(me.user.previousLoginAt)}
                    {me.user.previousLoginIp && <Typography.Text type="secondary">（IP {me.user.previousLoginIp}）</Typography.Text>}
                  </Space>
                ) : (
                  '这是您的首次登录'
                ),
              },
            ]}
          />
          {me.user.passwordExpiresInDays !== null && me.user.passwordExpiresInDays <= 14 && (
            <Alert
              type="warning"
              showIcon
              style={{ marginTop: 12 }}
              title={`您的密码将在 ${Math.max(me.user.passwordExpiresInDays, 0)} 天后过期`}
              action={
                <Button size="small" onClick={() => void navigate('/account/password')}>
                  立即修改
                </Button>
              }
            />
          )}
        </ProCard>
        <ProCard title="待办事项" extra={todos.isSuccess && items.length > 0 ? <Tag>{items.length} 项</Tag> : null}>
          {todos.error ? (
            <Alert
              type="error"
              showIcon
              title="待办事项加载失败"
              description={errorText(todos.error)}
              action={
                <Button size="small" onClick={() => void todos.refetch()}>
                  重试
                </Button>
              }
            />
          ) : (
            <List<TodoItem>
              loading={todos.isPending}
              dataSource={items}
              locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无待办" /> }}
              renderItem={(item) => (
                <List.Item
                  key={item.key}
                  actions={
                    item.link
                      ? [
                          <Button key="go" type="primary" ghost size="small" onClick={() => open(item.link!)}>
                            去处理
                          </Button>,
                        ]
                      : []
                  }
                >
                  <List.Item.Meta
                    avatar={<TodoIcon level={item.level} />}
                    title={
                      <Space size={8}>
                        {item.title}
                        <LevelTag level={item.level} />
                      </Space>
                    }
                    description={item.description}
                  />
                </List.Item>
              )}
            />
          )}
        </ProCard>
      </Space>
    </PageContainer>
  );
}
