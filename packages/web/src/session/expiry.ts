/**
 * When the signed-in session ends if left idle, as the server last said (`x-session-expires-at` on every
 * signed-in answer). Shared between tabs through localStorage, since activity in one tab keeps the
 * session of all of them alive.
 */
const STORAGE_KEY = 'kc.session.expiresAt';

type Listener = (expiresAt: number | null) => void;
let current: number | null = null;
const listeners = new Set<Listener>();

function storage(): Storage | null {
  try {
    return typeof window === 'undefined' ? null : window.localStorage;
  } catch {
    return null;
  }
}

function set(next: number | null, share: boolean): void {
  if (next === current) return;
  current = next;
  if (share) {
    const s = storage();
    if (next === null) s?.removeItem(STORAGE_KEY);
    else s?.setItem(STORAGE_KEY, String(next));
  }
  for (const l of listeners) l(next);
}

/** The policy's idle timeout, from `x-session-idle-minutes`; 30 minutes (the default policy) until known. */
let idleMs = 30 * 60_000;
export const sessionIdleMs = () => idleMs;

/** Called by the API client with the headers of each answer (absent on anonymous answers: nothing changes). */
export function noteSessionExpiry(header: string | null, idleMinutes: string | null = null, serverDate: string | null = null, now = Date.now()): void {
  if (!header) return;
  const minutes = Number(idleMinutes);
  if (idleMinutes && Number.isFinite(minutes) && minutes > 0) idleMs = minutes * 60_000;
  // Counted on this computer's clock: what is left by the server's clock (its Date header), from now.
  const server = serverDate ? Date.parse(serverDate) : Number.NaN;
  const t = Number.isFinite(server) ? now + (Date.parse(header) - server) : Date.parse(header);
  // A later answer of another request may carry an older time: keep the latest.
  if (Number.isFinite(t) && (current === null || t > current)) set(t, true);
}

/** Signed out, or the session ended: stop counting down. */
export function clearSessionExpiry(): void {
  set(null, true);
}

export function sessionExpiresAt(): number | null {
  return current;
}

export function subscribeSessionExpiry(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

if (typeof window !== 'undefined') {
  window.addEventListener('storage', (e) => {
    if (e.key !== STORAGE_KEY) return;
    const t = e.newValue === null ? null : Number(e.newValue);
    set(t !== null && Number.isFinite(t) ? t : null, false);
  });
}

/**
 * How long before the end to warn: two minutes, or a third of a short idle timeout, so the warning never
 * covers most of the time a person has (the shortest policy is 5 minutes).
 */
export function warningLeadMs(idleMs: number): number {
  return Math.max(10_000, Math.min(120_000, Math.floor(idleMs / 3)));
}

export type SessionPhase = { kind: 'active'; warnInMs: number } | { kind: 'warning'; remainingMs: number } | { kind: 'expired' };

/** Where a session ending at `expiresAt` stands at `now`, given the idle timeout it was granted. */
export function sessionPhase(expiresAt: number, now: number, idleMs: number): SessionPhase {
  const remaining = expiresAt - now;
  if (remaining <= 0) return { kind: 'expired' };
  const lead = warningLeadMs(idleMs);
  return remaining <= lead ? { kind: 'warning', remainingMs: remaining } : { kind: 'active', warnInMs: remaining - lead };
}
