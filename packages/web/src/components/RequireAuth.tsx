/** Guards: the application frame needs a signed-in user; a page may also need one permission. */
import type { Permission } from '@kechuang/domain';
import { Button, Result } from 'antd';
import type { ReactNode } from 'react';
import { Navigate, useLocation, useMatches } from 'react-router';
import { errorText } from '../api/errors';
import { useMeQuery } from '../api/session';
import { SessionContext, useCan } from '../app/session';
import { ForbiddenResult, NotFoundResult } from './ErrorResults';
import { PageLoading } from './PageLoading';
import { PublicShell } from './PublicShell';

export const CHANGE_PASSWORD_PATH = '/account/password';

/** Route `handle` of the catch-all route: an unknown address is a 404 for everybody, not a reason to sign in. */
export interface RouteHandle {
  notFound?: boolean;
}

export function RequireAuth({ children }: { children: ReactNode }) {
  const location = useLocation();
  const { data: me, error, isPending, refetch } = useMeQuery();
  const notFound = useMatches().some((m) => (m.handle as RouteHandle | undefined)?.notFound);
  if (isPending) return <PageLoading fullScreen />;
  if (error) {
    return (
      <Result
        status="warning"
        title="暂时无法连接服务器"
        subTitle={errorText(error)}
        extra={
          <Button type="primary" onClick={() => void refetch()}>
            重试
          </Button>
        }
      />
    );
  }
  if (!me && notFound) {
    return (
      <PublicShell>
        <NotFoundResult anonymous />
      </PublicShell>
    );
  }
  if (!me) {
    const here = location.pathname + location.search;
    const to = here === '/' ? '/login' : `/login?redirect=${encodeURIComponent(here)}`;
    return <Navigate to={to} replace />;
  }
  if (me.user.mustChangePassword && location.pathname !== CHANGE_PASSWORD_PATH) {
    return <Navigate to={CHANGE_PASSWORD_PATH} replace />;
  }
  return <SessionContext.Provider value={me}>{children}</SessionContext.Provider>;
}

export function RequirePermission({ permission, children }: { permission: Permission; children: ReactNode }) {
  return useCan(permission) ? <>{children}</> : <ForbiddenResult />;
}
