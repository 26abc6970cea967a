/**
 * The workflow actions on a call (编辑, 发布, 截止, 归档) with confirmations that say what each one means,
 * and the reason an action is unavailable shown before anyone clicks it.
 */
import { callTransition, type CallEvent } from '@kechuang/domain';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Space, Tooltip, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { api } from '../../../api/client';
import { ApiError, errorText, isRedirectedError } from '../../../api/errors';
import { callKeys, type Call } from '../../../api/programmes';
import { formatDateTime } from '../../../lib/time';

type Event = Extract<CallEvent, 'publish' | 'close' | 'archive'>;

const VERBS: Record<Event, { label: string; done: string }> = {
  publish: { label: '发布', done: '已发布，公众现在可以看到这份申报指南' },
  close: { label: '截止', done: '已截止，不再受理申报' },
  archive: { label: '归档', done: '已归档' },
};

/** The one action each status offers (a draft is also edited). */
const NEXT: Record<Call['status'], Event | null> = { draft: 'publish', published: 'close', closed: 'archive', archived: null };

function confirmText(call: Call, event: Event): string {
  if (event === 'publish') {
    return `发布后指南向公众公开，申报时间为 ${formatDateTime(call.opensAt)} 至 ${formatDateTime(call.closesAt)}（北京时间）。所用政策版本“${call.version.version}”（${call.version.documentNo}）将被冻结：其类别、补助比例、上限等规则不能再修改；指南本身也不能再编辑，只能截止。`;
  }
  if (event === 'close') return '截止后立即停止受理申报（即使尚未到截止时间），且不能重新开放。';
  return '归档后指南只供查阅，不能再变更状态。';
}

/** Why an action is not offered: the same guard the server applies, so the message matches its refusal. */
function refusal(call: Call, event: Event): string | null {
  if (call.actions[event]) return null;
  const r = callTransition(call.status, event, { now: new Date(), opensAt: new Date(call.opensAt), closesAt: new Date(call.closesAt), categoryCount: call.categories.length });
  return r.ok ? '您没有执行此操作的权限' : r.reason;
}

export function useCallTransition() {
  const { modal, message } = App.useApp();
  const queryClient = useQueryClient();
  return (call: Call, event: Event, onDone?: (call: Call) => void) =>
    modal.confirm({
      title: `${VERBS[event].label}“${call.title}”？`,
      content: confirmText(call, event),
      okText: VERBS[event].label,
      okButtonProps: { danger: event === 'close' },
      cancelText: '取消',
      width: 520,
      onOk: async () => {
        try {
          const next = await api.post<Call>(`/calls/${call.id}/${event}`);
          void message.success(`“${call.title}”${VERBS[event].done}`);
          void queryClient.invalidateQueries({ queryKey: callKeys.all });
          void queryClient.invalidateQueries({ queryKey: ['public'] });
          // Publishing froze a version: the programme pages must show it.
          if (event === 'publish') void queryClient.invalidateQueries({ queryKey: ['programmes'] });
          onDone?.(next);
        } catch (error) {
          if (isRedirectedError(error)) return;
          modal.error({ title: `未能${VERBS[event].label}`, content: error instanceof ApiError ? error.detail : errorText(error), okText: '知道了' });
        }
      },
    });
}

interface Props {
  call: Call;
  /** Buttons on a detail page, links in a table row. */
  variant: 'buttons' | 'links';
  onChanged?: (call: Call) => void;
}

export function CallActions({ call, variant, onChanged }: Props) {
  const navigate = useNavigate();
  const transition = useCallTransition();
  const event = NEXT[call.status];
  const reason = event ? refusal(call, event) : null;
  const edit = () => void navigate(`/calls/${call.id}/edit`);

  if (variant === 'links') {
    return (
      <Space size={12}>
        {call.actions.edit && <a onClick={edit}>编辑</a>}
        {event &&
          (reason ? (
            <Tooltip title={reason}>
              <Typography.Text type="secondary">{VERBS[event].label}</Typography.Text>
            </Tooltip>
          ) : (
            <a onClick={() => transition(call, event, onChanged)} style={event === 'close' ? { color: '#cf1322' } : undefined}>
              {VERBS[event].label}
            </a>
          ))}
      </Space>
    );
  }
  return (
    <Space>
      {call.actions.edit && <Button onClick={edit}>编辑</Button>}
      {event && (
        <Tooltip title={reason}>
          <Button type={event === 'publish' ? 'primary' : 'default'} danger={event === 'close'} disabled={!!reason} onClick={() => transition(call, event, onChanged)}>
            {VERBS[event].label}
          </Button>
        </Tooltip>
      )}
    </Space>
  );
}
