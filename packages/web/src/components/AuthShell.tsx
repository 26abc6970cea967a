/** The frame of the pages used before signing in: the public links on top, brand, one card in the middle. */
import { CalculatorOutlined, NotificationOutlined } from '@ant-design/icons';
import { Card, Flex, Space, Typography, theme } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { BrandMark } from './BrandMark';

interface Props {
  title: string;
  subTitle?: ReactNode;
  width?: number;
  children: ReactNode;
}

export function AuthShell({ title, subTitle, width = 420, children }: Props) {
  const { token } = theme.useToken();
  return (
    <Flex
      vertical
      align="center"
      style={{
        minHeight: '100vh',
        padding: '48px 16px 24px',
        background: `linear-gradient(180deg, ${token.colorPrimaryBg} 0%, ${token.colorBgLayout} 360px)`,
      }}
    >
      {/* What the public may read without an account is one click away from the sign-in page. */}
      <Flex justify="flex-end" style={{ width: '100%', maxWidth: 1200, marginTop: -32, marginBottom: 16 }}>
        <Space size={24}>
          <Link to="/public/calls">
            <NotificationOutlined /> 申报指南公告
          </Link>
          <Link to="/calculator">
            <CalculatorOutlined /> 经费测算
          </Link>
        </Space>
      </Flex>
      <Flex align="center" gap={12} style={{ marginBottom: 8 }}>
        <BrandMark size={40} />
        <Typography.Title level={2} style={{ margin: 0 }}>
          科创 · 科技项目管理平台
        </Typography.Title>
      </Flex>
      <Typography.Text type="secondary" style={{ marginBottom: 32 }}>
        科技计划项目申报、评审、立项与监管一体化平台
      </Typography.Text>
      <Card style={{ width: '100%', maxWidth: width }} styles={{ body: { padding: 32 } }}>
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          {title}
        </Typography.Title>
        {subTitle && (
          <Typography.Paragraph type="secondary" style={{ marginTop: -4 }}>
            {subTitle}
          </Typography.Paragraph>
        )}
        {children}
      </Card>
      <Typography.Text type="secondary" style={{ marginTop: 'auto', paddingTop: 32, fontSize: 12 }}>
        科创开源项目 · 时间均以北京时间（Asia/Shanghai）显示
      </Typography.Text>
    </Flex>
  );
}
