/**
 * A page's unsaved input survives the end of the session: the page registers its current values, they are kept
 * in this browser when the server answers 登录已超时 (or the idle countdown runs out), and after signing in
 * again the page offers them back (恢复未保存的内容). One line per page:
 * `useUnsavedInput('indicators', drafts, (saved) => setDrafts((d) => ({ ...d, ...saved })))`.
 */
import { App } from 'antd';
import { useEffect, useRef } from 'react';
import { useLocation } from 'react-router';
import { useSession } from '../app/session';
import { formatDateTime } from '../lib/time';
import { forgetUnsavedInput, readUnsavedInput, registerUnsavedValues } from './unsaved';

/** `describe` words the offer when the input was kept for another reason than the session (a closed tab, a lost network). */
export function useUnsavedInput<T>(scope: string, values: T, restore: (saved: T) => void, describe?: (savedAt: string) => string): void {
  const me = useSession();
  const { pathname, search } = useLocation();
  const page = pathname + search;
  const { modal } = App.useApp();
  const current = useRef(values);
  current.current = values;
  const restoreRef = useRef(restore);
  restoreRef.current = restore;
  const describeRef = useRef(describe);
  describeRef.current = describe;

  useEffect(() => registerUnsavedValues(scope, () => current.current), [scope]);

  useEffect(() => {
    const userId = me.user.id;
    const record = readUnsavedInput(userId, page);
    if (!record || !(scope in record.values)) return;
    const dialog = modal.confirm({
      title: '恢复未保存的内容',
      content: describeRef.current?.(record.savedAt) ?? `登录超时前（${formatDateTime(record.savedAt)}），您在本页填写的内容尚未保存，已暂存在本机。恢复到页面后，请检查并重新保存。`,
      okText: '恢复',
      cancelText: '放弃',
      onOk: () => {
        restoreRef.current(record.values[scope] as T);
        forgetUnsavedInput(userId, page, scope);
      },
      onCancel: () => forgetUnsavedInput(userId, page, scope),
    });
    return () => dialog.destroy();
  }, [me.user.id, page, scope, modal]);
}
