/** The signed-in user, provided by RequireAuth to everything inside the application frame. */
import type { Permission } from '@kechuang/domain';
import { createContext, useContext } from 'react';
import type { Me } from '../api/types';

export const SessionContext = createContext<Me | null>(null);

export function useSession(): Me {
  const me = useContext(SessionContext);
  if (!me) throw new Error('useSession() is only available inside <RequireAuth>');
  return me;
}

export function useCan(permission: Permission): boolean {
  return useSession().permissions.includes(permission);
}
