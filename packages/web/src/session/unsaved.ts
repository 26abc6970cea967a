/**
 * Input a person typed that the server has not got, kept in this browser when the session ends so it can be
 * offered back after signing in again: the request that failed (method, path, body) and the page's unsaved
 * form values. One record per user and page, so another person signing in on the same computer never sees it.
 */
export interface UnsentRequest {
  method: string;
  path: string;
  body?: unknown;
}

export interface UnsavedRecord {
  v: 1;
  userId: string;
  /** Page path with its query, where the person is returned to. */
  page: string;
  savedAt: string;
  request?: UnsentRequest;
  /** Form values per scope, as the page's useUnsavedInput registered them. */
  values: Record<string, unknown>;
}

const PREFIX = 'kc.unsaved.v1:';
/** Older records are dropped: input a week old is more likely to mislead than to help. */
const MAX_AGE_MS = 7 * 86_400_000;

export const recordKey = (userId: string, page: string) => `${PREFIX}${userId}:${page}`;

function storage(): Storage | null {
  try {
    return typeof window === 'undefined' ? null : window.localStorage;
  } catch {
    return null;
  }
}

/** The pages' current values, registered by useUnsavedInput while mounted: scope → reader. */
const readers = new Map<string, () => unknown>();

export function registerUnsavedValues(scope: string, read: () => unknown): () => void {
  readers.set(scope, read);
  return () => {
    if (readers.get(scope) === read) readers.delete(scope);
  };
}

/**
 * Saves what is on the page (and the request that failed, if any) for this user. Called when the server
 * answers 登录已超时 and when the idle countdown runs out.
 */
export function keepUnsavedInput(userId: string, page: string, request: UnsentRequest | null, store: Storage | null = storage(), now = new Date()): UnsavedRecord | null {
  if (!store) return null;
  const values: Record<string, unknown> = {};
  for (const [scope, read] of readers) values[scope] = read();
  const previous = readUnsavedInput(userId, page, store, now);
  // A second failed request (or the countdown after one) must not erase the first one's body.
  const kept = request ?? previous?.request;
  if (!kept && Object.keys(values).length === 0) return null;
  const record: UnsavedRecord = { v: 1, userId, page, savedAt: now.toISOString(), values: { ...previous?.values, ...values }, ...(kept ? { request: kept } : {}) };
  try {
    store.setItem(recordKey(userId, page), JSON.stringify(record));
  } catch {
    return null; // storage full or disabled: nothing more can be done
  }
  return record;
}

export function readUnsavedInput(userId: string, page: string, store: Storage | null = storage(), now = new Date()): UnsavedRecord | null {
  const raw = store?.getItem(recordKey(userId, page));
  if (!raw) return null;
  try {
    const r = JSON.parse(raw) as UnsavedRecord;
    if (r.v !== 1 || r.userId !== userId || now.getTime() - Date.parse(r.savedAt) > MAX_AGE_MS) {
      store?.removeItem(recordKey(userId, page));
      return null;
    }
    return r;
  } catch {
    store?.removeItem(recordKey(userId, page));
    return null;
  }
}

/** The person restored or discarded it; `scope` alone when only that part was taken. */
export function forgetUnsavedInput(userId: string, page: string, scope?: string, store: Storage | null = storage()): void {
  if (!store) return;
  const r = readUnsavedInput(userId, page, store);
  if (!r) return;
  if (scope !== undefined) {
    const { [scope]: _taken, ...rest } = r.values;
    // The failed request belongs to the form: once the values are back, the person re-sends them themselves.
    if (Object.keys(rest).length > 0) {
      store.setItem(recordKey(userId, page), JSON.stringify({ ...r, values: rest, request: undefined }));
      return;
    }
  }
  store.removeItem(recordKey(userId, page));
}
