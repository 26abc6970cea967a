/** Where the draft stands: 已保存 第N版 / 保存中 / 未保存, and why when it could not be sent. */
import { CheckCircleOutlined, CloudSyncOutlined, DisconnectOutlined, EditOutlined, ExclamationCircleOutlined } from '@ant-design/icons';
import { Tag, Tooltip } from 'antd';
import type { SaveStatus } from './useDraft';

export function SaveStatusTag({ status, version, error }: { status: SaveStatus; version: number; error: string | null }) {
  const [icon, colour, text, tip] = {
    saved: [<CheckCircleOutlined key="i" />, 'success', `已保存 第${version}版`, '内容已保存到服务器'],
    dirty: [<EditOutlined key="i" />, 'default', '未保存', '停止输入片刻后自动保存；内容已暂存在本机'],
    saving: [<CloudSyncOutlined key="i" spin />, 'processing', '保存中…', '正在保存到服务器'],
    offline: [<DisconnectOutlined key="i" />, 'warning', '未保存（连接中断，自动重试）', `${error ?? '无法连接服务器'}；内容已暂存在本机，恢复连接后自动保存`],
    conflict: [<ExclamationCircleOutlined key="i" />, 'error', '未保存（版本冲突）', '服务器上已有更新的版本，请在弹窗中选择'],
    failed: [<ExclamationCircleOutlined key="i" />, 'error', '未保存', error ?? '保存失败'],
  }[status] as [React.ReactNode, string, string, string];
  return (
    <Tooltip title={tip}>
      <Tag icon={icon} color={colour} data-testid="save-status" role="status" aria-live="polite">
        {text}
      </Tag>
    </Tooltip>
  );
}
