/** What happens when the session has ended (the server said 登录已超时, or the countdown ran out). */
import { queryClient } from '../api/query-client';
import { meQueryKey } from '../api/session';
import type { Me } from '../api/types';
import { clearSessionExpiry } from './expiry';
import { keepUnsavedInput, type UnsentRequest } from './unsaved';

type Navigate = (to: string) => void;
/** Set by the app to go through its router; a full page load until then. */
let navigate: Navigate = (to) => window.location.assign(to);
export function setExpiredNavigator(next: Navigate): void {
  navigate = next;
}

/** The user of the session that just ended: several requests may fail after the cached user is gone. */
let endedUserId: string | null = null;

/**
 * Keeps the page's unsaved input (and the request that failed) for this user, then goes to the login page,
 * which says 登录已超时 and brings the person back to `page` afterwards.
 */
export function expireSession(page: string, request: UnsentRequest | null = null): void {
  const me = queryClient.getQueryData<Me | null>(meQueryKey);
  const userId = me?.user.id ?? endedUserId;
  endedUserId = userId;
  if (userId) keepUnsavedInput(userId, page, request);
  clearSessionExpiry();
  if (window.location.pathname !== '/login') navigate(`/login?redirect=${encodeURIComponent(page)}&expired=1`);
  queryClient.clear();
  queryClient.setQueryData(meQueryKey, null);
}

/** A new sign-in starts a new episode. */
export function forgetEndedSession(): void {
  endedUserId = null;
}
