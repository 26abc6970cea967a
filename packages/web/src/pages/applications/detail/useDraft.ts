/**
 * Versioned autosave of the draft. Every edit is kept in this browser at once (useUnsavedInput + keepUnsavedInput),
 * so a closed tab, a restarted server, a dropped network or an expired session loses nothing; it is sent to the
 * server after a pause in typing with the version it was based on. A stale base gets 409 with both versions, and
 * the person chooses (keep mine → resave on the new base; take theirs) — never a silent overwrite.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { useLocation } from 'react-router';
import { api } from '../../../api/client';
import { ApiError } from '../../../api/errors';
import { useSession } from '../../../app/session';
import { formatDateTime } from '../../../lib/time';
import { forgetUnsavedInput, keepUnsavedInput } from '../../../session/unsaved';
import { useUnsavedInput } from '../../../session/useUnsavedInput';
import type { Content } from './model';

export type SaveStatus = 'saved' | 'dirty' | 'saving' | 'offline' | 'conflict' | 'failed';
export interface Conflict {
  currentVersion: number;
  current: Content;
  yours: Content;
}
interface Kept {
  baseVersion: number;
  content: Content;
}

/** Pause after the last keystroke before saving; short enough that a closed tab rarely holds much. */
const DEBOUNCE_MS = 1200;
/** Retry after a network failure (server restarting, connection lost). */
const RETRY_MS = 4000;
export const UNSAVED_SCOPE = 'application-draft';

export function useDraft(applicationId: string, initial: { content: Content; version: number }, editable: boolean, onSaved: () => void) {
  const me = useSession();
  const { pathname, search } = useLocation();
  const page = pathname + search;
  const [content, setContentState] = useState<Content>(initial.content);
  const [version, setVersion] = useState(initial.version);
  const [status, setStatus] = useState<SaveStatus>('saved');
  const [error, setError] = useState<string | null>(null);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const contentRef = useRef(content);
  const versionRef = useRef(version);
  const dirty = useRef(false);
  const inFlight = useRef<Promise<boolean> | null>(null);
  const timer = useRef<number | undefined>(undefined);
  const onSavedRef = useRef(onSaved);
  onSavedRef.current = onSaved;

  // The unsent edit, registered for the session guard; undefined when everything is on the server.
  useUnsavedInput<Kept | undefined>(
    UNSAVED_SCOPE,
    dirty.current || status !== 'saved' ? { baseVersion: versionRef.current, content: contentRef.current } : undefined,
    (kept) => {
      if (!kept || !editable) return;
      // Sent on the version it was based on: if the server moved on meanwhile, the 409 shows both side by side.
      versionRef.current = kept.baseVersion;
      setVersion(kept.baseVersion);
      contentRef.current = kept.content;
      setContentState(kept.content);
      dirty.current = true;
      setStatus('dirty');
      void flush();
    },
    (savedAt) => `${formatDateTime(savedAt)} 您在本页修改的申报书内容尚未送达服务器（页面关闭、网络中断、服务器重启或登录超时），已暂存在本机。恢复后将立即保存；如服务器上已有更新的版本，将请您对照选择。`,
  );

  const keepLocally = useCallback(() => keepUnsavedInput(me.user.id, page, null), [me.user.id, page]);

  const flush = useCallback(async (): Promise<boolean> => {
    window.clearTimeout(timer.current);
    if (inFlight.current) await inFlight.current;
    if (!dirty.current) return true;
    const body = { baseVersion: versionRef.current, content: contentRef.current };
    dirty.current = false;
    setStatus('saving');
    const run = (async () => {
      try {
        const saved = await api.put<{ version: number }>(`/applications/${applicationId}/draft`, body);
        versionRef.current = saved.version;
        setVersion(saved.version);
        setError(null);
        if (dirty.current) {
          setStatus('dirty');
          keepLocally();
        } else {
          setStatus('saved');
          forgetUnsavedInput(me.user.id, page, UNSAVED_SCOPE);
        }
        onSavedRef.current();
        return true;
      } catch (e) {
        dirty.current = true;
        keepLocally();
        if (e instanceof ApiError && e.code === 'VERSION_CONFLICT') {
          const x = e.extra as { currentVersion: number; current: Content };
          setConflict({ currentVersion: x.currentVersion, current: x.current, yours: body.content });
          setStatus('conflict');
        } else if (e instanceof ApiError && (e.status === 0 || e.status >= 500 || e.code === 'NETWORK_ERROR')) {
          setStatus('offline');
          setError(e.detail);
          timer.current = window.setTimeout(() => void flush(), RETRY_MS);
        } else {
          setStatus('failed');
          setError(e instanceof ApiError ? e.detail : String(e));
        }
        return false;
      }
    })();
    inFlight.current = run;
    try {
      return await run;
    } finally {
      inFlight.current = null;
    }
  }, [applicationId, keepLocally, me.user.id, page]);

  const setContent = useCallback(
    (update: (prev: Content) => Content) => {
      if (!editable) return;
      const next = update(contentRef.current);
      contentRef.current = next;
      setContentState(next);
      dirty.current = true;
      setStatus((s) => (s === 'conflict' ? s : 'dirty'));
      window.clearTimeout(timer.current);
      timer.current = window.setTimeout(() => void flush(), DEBOUNCE_MS);
    },
    [editable, flush, keepLocally],
  );

  /** Keep mine: the same content again, on the server's newer version. */
  const keepMine = useCallback(() => {
    if (!conflict) return;
    versionRef.current = conflict.currentVersion;
    setVersion(conflict.currentVersion);
    setConflict(null);
    dirty.current = true;
    void flush();
  }, [conflict, flush]);

  /** Take theirs: the server's version replaces what is on the page. */
  const takeTheirs = useCallback(() => {
    if (!conflict) return;
    versionRef.current = conflict.currentVersion;
    setVersion(conflict.currentVersion);
    contentRef.current = conflict.current;
    setContentState(conflict.current);
    dirty.current = false;
    setConflict(null);
    setStatus('saved');
    forgetUnsavedInput(me.user.id, page, UNSAVED_SCOPE);
    onSavedRef.current();
  }, [conflict, me.user.id, page]);

  // Kept after the render, so the registered reader already holds this edit.
  useEffect(() => {
    if (dirty.current || status !== 'saved') keepLocally();
  }, [content, status, keepLocally]);

  // Leaving the page sends what is pending; closing the tab asks first (and the local copy stays either way).
  useEffect(() => {
    const warn = (e: BeforeUnloadEvent) => {
      if (!dirty.current) return;
      keepLocally();
      e.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => {
      window.removeEventListener('beforeunload', warn);
      window.clearTimeout(timer.current);
      if (dirty.current && editable) void flush();
    };
  }, [editable, flush, keepLocally]);

  return { content, setContent, version, status, error, conflict, keepMine, takeTheirs, flush };
}
