/** The application frame: ProLayout with the permission-based menu, the user's name and roles, and the account menu. */
import { ApiOutlined, KeyOutlined, LogoutOutlined } from '@ant-design/icons';
import { ProLayout } from '@ant-design/pro-components';
import { App, Button, Dropdown, Flex, Tooltip, Typography } from 'antd';
import { Suspense, useMemo, useState } from 'react';
import { Link, Outlet, useLocation, useNavigate } from 'react-router';
import { errorText } from '../api/errors';
import { useSignOut } from '../api/session';
import { menuFor, selectedMenuKey } from '../app/menu';
import { useSession } from '../app/session';
import { BrandMark } from './BrandMark';
import { PageLoading } from './PageLoading';
import { SessionGuard } from '../session/SessionGuard';
import { RoleTags } from './RoleTags';

export function AppLayout() {
  const me = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  const signOut = useSignOut();
  const { message, modal } = App.useApp();
  const menu = useMemo(() => menuFor(me), [me]);
  const selected = selectedMenuKey(menu, location.pathname);
  const [openKeys, setOpenKeys] = useState<string[]>(() => menu.filter((m) => m.children).map((m) => m.path));

  const logout = () =>
    modal.confirm({
      title: '确定退出登录吗？',
      okText: '退出登录',
      cancelText: '取消',
      onOk: async () => {
        try {
          await signOut();
          void navigate('/login', { replace: true });
        } catch (error) {
          void message.error(errorText(error));
        }
      },
    });

  return (
    <ProLayout
      title="科创 · 科技项目管理平台"
      logo={<BrandMark size={28} />}
      layout="mix"
      fixSiderbar
      fixedHeader
      siderWidth={216}
      location={{ pathname: location.pathname }}
      // `children`, not `routes`: ProLayout only recomputes its menu when route.children changes
      route={{ path: '/', children: menu }}
      selectedKeys={selected ? [selected] : []}
      // Groups are few and short: open from the start so every page is one click away, and kept open on
      // navigation (autoClose false); a group the user closes stays closed.
      openKeys={openKeys}
      onOpenChange={(keys) => setOpenKeys(keys || [])}
      menu={{ autoClose: false }}
      onMenuHeaderClick={() => void navigate('/')}
      menuItemRender={(item, dom) => (item.path ? <Link to={item.path}>{dom}</Link> : dom)}
      token={{ header: { colorBgHeader: '#fff' }, sider: { colorMenuBackground: '#fff' } }}
      actionsRender={(props) => {
        if (props.isMobile) return [];
        return [
          me.user.roles.includes('sysadmin') ? (
            <Tooltip key="docs" title="在新标签页打开接口文档（OpenAPI）">
              <Button type="text" size="small" icon={<ApiOutlined />} href="/api/docs" target="_blank" rel="noopener noreferrer">
                接口文档
              </Button>
            </Tooltip>
          ) : null,
          <Flex key="who" align="center" gap={8} style={{ whiteSpace: 'nowrap' }}>
            {me.organisation && (
              <Typography.Text type="secondary" ellipsis={{ tooltip: me.organisation.name }} style={{ maxWidth: 240 }}>
                {me.organisation.name}
              </Typography.Text>
            )}
            <span>
              <RoleTags roles={me.user.roles} />
            </span>
          </Flex>,
        ];
      }}
      avatarProps={{
        title: me.user.name || me.user.username,
        size: 'small',
        style: { backgroundColor: '#0958d9' },
        children: (me.user.name || me.user.username).slice(0, 1),
        render: (_props, dom) => (
          <Dropdown
            menu={{
              items: [
                { key: 'password', icon: <KeyOutlined />, label: '修改密码' },
                { type: 'divider' },
                { key: 'logout', icon: <LogoutOutlined />, label: '退出登录', danger: true },
              ],
              onClick: ({ key }) => {
                if (key === 'password') void navigate('/account/password');
                if (key === 'logout') logout();
              },
            }}
          >
            {dom}
          </Dropdown>
        ),
      }}
    >
      <Suspense fallback={<PageLoading />}>
        <Outlet />
      </Suspense>
      <SessionGuard />
    </ProLayout>
  );
}
