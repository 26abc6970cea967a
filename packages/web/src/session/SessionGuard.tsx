/**
 * Inside the frame: warns before the idle timeout (继续登录状态 refreshes the session), says 登录已超时 when it
 * has passed (keeping the page's unsaved input), and offers back a save that could not be sent when the page
 * itself registered no form values to restore.
 */
import { ClockCircleOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Modal, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useLocation } from 'react-router';
import { api } from '../api/client';
import { errorText } from '../api/errors';
import { useSession } from '../app/session';
import { formatDateTime } from '../lib/time';
import { sessionExpiresAt, sessionIdleMs, sessionPhase, subscribeSessionExpiry } from './expiry';
import { expireSession } from './expire';
import { forgetUnsavedInput, keepUnsavedInput, readUnsavedInput } from './unsaved';

const mmss = (ms: number) => {
  const s = Math.ceil(ms / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
};

export function SessionGuard() {
  const me = useSession();
  const { pathname, search } = useLocation();
  const page = pathname + search;
  const { modal, message } = App.useApp();
  const queryClient = useQueryClient();
  const [expiresAt, setExpiresAt] = useState(sessionExpiresAt);
  const [now, setNow] = useState(Date.now);
  const [refreshing, setRefreshing] = useState(false);

  useEffect(
    () =>
      subscribeSessionExpiry((t) => {
        setExpiresAt(t);
        setNow(Date.now());
      }),
    [],
  );

  const phase = expiresAt === null ? null : sessionPhase(expiresAt, now, sessionIdleMs());

  // One timer to the next moment that matters: the warning, then every second of the countdown.
  useEffect(() => {
    if (expiresAt === null) return;
    const p = sessionPhase(expiresAt, Date.now(), sessionIdleMs());
    if (p.kind === 'expired') return;
    const t = setTimeout(() => setNow(Date.now()), p.kind === 'active' ? p.warnInMs : Math.min(1000, p.remainingMs));
    return () => clearTimeout(t);
  }, [expiresAt, now]);

  // The countdown ran out: keep what is on the page now, before anything else can lose it.
  const expired = phase?.kind === 'expired';
  useEffect(() => {
    if (expired) keepUnsavedInput(me.user.id, page, null);
  }, [expired, me.user.id, page]);

  // A save that failed with 登录已超时 on a page that registered no form values: offer to send it again.
  useEffect(() => {
    const record = readUnsavedInput(me.user.id, page);
    const request = record?.request;
    if (!record || !request || Object.keys(record.values).length > 0) return;
    const dialog = modal.confirm({
      title: '恢复未保存的内容',
      content: `登录超时前（${formatDateTime(record.savedAt)}），您在本页的一次保存未能送达服务器，已暂存在本机。是否现在重新提交？`,
      okText: '重新提交',
      cancelText: '放弃',
      onOk: async () => {
        try {
          await api.send(request.method, request.path, request.body);
          forgetUnsavedInput(me.user.id, page);
          void message.success('已重新提交');
          await queryClient.invalidateQueries();
        } catch (error) {
          void message.error(errorText(error));
        }
      },
      onCancel: () => forgetUnsavedInput(me.user.id, page),
    });
    return () => dialog.destroy();
  }, [me.user.id, page, modal, message, queryClient]);

  const stayIn = async () => {
    setRefreshing(true);
    try {
      // Any signed-in answer touches the session and brings a new expiry time.
      await api.get('/auth/me');
    } catch (error) {
      void message.error(errorText(error));
    } finally {
      setRefreshing(false);
    }
  };

  if (!phase || phase.kind === 'active') return null;
  return (
    <Modal
      open
      closable={false}
      mask={{ closable: false }}
      keyboard={false}
      title={
        <span>
          <ClockCircleOutlined style={{ marginRight: 8 }} />
          {expired ? '登录已超时' : '登录即将超时'}
        </span>
      }
      footer={
        expired ? (
          <Button
            type="primary"
            onClick={() => {
              // The countdown is this computer's view: end the session on the server too, so both agree.
              void api.post('/auth/logout').catch(() => undefined).finally(() => expireSession(page));
            }}
          >
            重新登录
          </Button>
        ) : (
          <Button type="primary" loading={refreshing} onClick={() => void stayIn()}>
            继续登录状态
          </Button>
        )
      }
    >
      {expired ? (
        <Typography.Paragraph>由于长时间未操作，登录已超时。您在本页尚未保存的内容已暂存在本机，重新登录后可以恢复。</Typography.Paragraph>
      ) : (
        <Typography.Paragraph>
          由于长时间未操作，您的登录将在 <Typography.Text strong data-testid="session-countdown">{mmss(phase.remainingMs)}</Typography.Text>{' '}
          后超时。如需继续使用，请点击“继续登录状态”；超时后需重新登录，尚未保存的内容会暂存在本机。
        </Typography.Paragraph>
      )}
    </Modal>
  );
}
