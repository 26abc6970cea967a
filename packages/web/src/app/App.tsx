/** Providers: antd in Simplified Chinese, TanStack Query, and the router. */
import { QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/es/locale/zh_CN';
import { RouterProvider } from 'react-router';
import { setApiHandlers } from '../api/client';
import { queryClient } from '../api/query-client';
import { meQueryKey } from '../api/session';
import { CHANGE_PASSWORD_PATH } from '../components/RequireAuth';
import { expireSession, setExpiredNavigator } from '../session/expire';
import { router } from './router';
import { appTheme } from './theme';

const PUBLIC_PATHS = ['/login', '/register', '/invite/', '/public/', '/calculator'];

// Set before the first render so even the first requests react through the router.
setExpiredNavigator((to) => void router.navigate(to, { replace: true }));
setApiHandlers({
  onUnauthenticated: () => {
    const { pathname, search } = router.state.location;
    if (PUBLIC_PATHS.some((p) => pathname.startsWith(p))) return;
    queryClient.clear();
    queryClient.setQueryData(meQueryKey, null);
    const here = pathname + search;
    void router.navigate(here === '/' ? '/login' : `/login?redirect=${encodeURIComponent(here)}`, { replace: true });
  },
  onSessionExpired: (page, request) => {
    if (PUBLIC_PATHS.some((p) => page.startsWith(p))) return;
    expireSession(page, request);
  },
  onPasswordExpired: () => {
    void queryClient.invalidateQueries({ queryKey: meQueryKey });
    if (router.state.location.pathname !== CHANGE_PASSWORD_PATH) void router.navigate(CHANGE_PASSWORD_PATH);
  },
});

export function App() {
  return (
    <ConfigProvider locale={zhCN} theme={appTheme} form={{ validateMessages: zhCN.Form?.defaultValidateMessages }}>
      <AntApp>
        <QueryClientProvider client={queryClient}>
          <RouterProvider router={router} />
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}
