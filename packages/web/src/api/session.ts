/** The signed-in user (`GET /api/auth/me`) as a query, and the calls that change who is signed in. */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { forgetEndedSession } from '../session/expire';
import { clearSessionExpiry } from '../session/expiry';
import { api, resetCsrfToken } from './client';
import { isApiError } from './errors';
import type { Me } from './types';

export const meQueryKey = ['auth', 'me'] as const;

/** The server answers an anonymous visitor (or an ended session) with 200 `{ user: null }`, never a 401. */
async function fetchMe(): Promise<Me | null> {
  try {
    const me = await api.get<Me | { user: null }>('/auth/me');
    return me.user ? (me as Me) : null;
  } catch (error) {
    if (isApiError(error) && error.status === 401) return null;
    throw error;
  }
}

/** `data` is null when nobody is signed in. */
export function useMeQuery() {
  return useQuery({ queryKey: meQueryKey, queryFn: fetchMe, staleTime: 60_000 });
}

/** After login, registration or accepting an invitation: drop everything cached for the previous user. */
export function useSignedIn() {
  const queryClient = useQueryClient();
  return useCallback(
    (me: Me) => {
      resetCsrfToken();
      forgetEndedSession();
      queryClient.clear();
      queryClient.setQueryData(meQueryKey, me);
    },
    [queryClient],
  );
}

export function useSignOut() {
  const queryClient = useQueryClient();
  return useCallback(async () => {
    try {
      await api.post<void>('/auth/logout');
    } finally {
      resetCsrfToken();
      clearSessionExpiry();
      queryClient.clear();
      queryClient.setQueryData(meQueryKey, null);
    }
  }, [queryClient]);
}
