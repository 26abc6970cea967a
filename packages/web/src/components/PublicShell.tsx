/**
 * The frame of the public pages (申报指南公告, 经费测算): a plain top bar with the brand, the public links and
 * a way in, no ProLayout, so anonymous visitors download none of the signed-in frame.
 */
import { AuditOutlined, CalculatorOutlined, InteractionOutlined, LoginOutlined, NotificationOutlined } from '@ant-design/icons';
import { Button, Flex, Layout, Menu, Typography, theme } from 'antd';
import type { ReactNode } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { useMeQuery } from '../api/session';
import { BrandMark } from './BrandMark';

const LINKS = [
  { key: '/public/calls', label: <Link to="/public/calls">申报指南公告</Link>, icon: <NotificationOutlined /> },
  { key: '/public/draws', label: <Link to="/public/draws">抽取公示</Link>, icon: <InteractionOutlined /> },
  { key: '/public/notices', label: <Link to="/public/notices">立项公示</Link>, icon: <AuditOutlined /> },
  { key: '/calculator', label: <Link to="/calculator">经费测算</Link>, icon: <CalculatorOutlined /> },
];

export function PublicShell({ children }: { children: ReactNode }) {
  const { token } = theme.useToken();
  const { pathname } = useLocation();
  const navigate = useNavigate();
  const { data: me } = useMeQuery();
  const selected = LINKS.find((l) => pathname === l.key || pathname.startsWith(`${l.key}/`))?.key;

  return (
    <Layout style={{ minHeight: '100vh', background: token.colorBgLayout }}>
      <Layout.Header
        style={{ background: token.colorBgContainer, borderBottom: `1px solid ${token.colorBorderSecondary}`, padding: '0 24px', position: 'sticky', top: 0, zIndex: 10 }}
      >
        <Flex align="center" gap={24} style={{ height: '100%', maxWidth: 1200, margin: '0 auto' }}>
          <Link to="/public/calls" style={{ display: 'flex', alignItems: 'center', gap: 10, color: 'inherit' }}>
            <BrandMark size={28} />
            <Typography.Text strong style={{ fontSize: 16, whiteSpace: 'nowrap' }}>
              科创 · 科技项目管理平台
            </Typography.Text>
          </Link>
          <Menu mode="horizontal" selectedKeys={selected ? [selected] : []} items={LINKS} style={{ flex: 1, minWidth: 0, borderBottom: 'none' }} />
          {me ? (
            <Button type="primary" onClick={() => void navigate('/')}>
              进入工作台
            </Button>
          ) : (
            <Button type="primary" icon={<LoginOutlined />} onClick={() => void navigate('/login')}>
              登录
            </Button>
          )}
        </Flex>
      </Layout.Header>
      <Layout.Content style={{ padding: '24px 24px 0' }}>
        <div style={{ maxWidth: 1200, margin: '0 auto' }}>{children}</div>
      </Layout.Content>
      <Layout.Footer style={{ textAlign: 'center', background: 'transparent' }}>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          科创开源项目 · 本页面向公众公开，无需登录 · 时间均以北京时间（Asia/Shanghai）显示，金额单位为万元
        </Typography.Text>
      </Layout.Footer>
    </Layout>
  );
}
