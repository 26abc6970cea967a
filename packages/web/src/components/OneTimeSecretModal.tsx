/** Shows a secret the server returns only once (temporary password, invitation link) with a copy button. */
import { CopyOutlined } from '@ant-design/icons';
import { Alert, App, Button, Input, Modal, Space, Typography } from 'antd';
import type { ReactNode } from 'react';
import { copyText } from '../lib/clipboard';

interface Props {
  open: boolean;
  title: string;
  /** What the secret is, e.g. 临时密码 or 邀请链接. */
  label: string;
  value: string;
  description?: ReactNode;
  onClose: () => void;
}

export function OneTimeSecretModal({ open, title, label, value, description, onClose }: Props) {
  const { message } = App.useApp();
  const copy = async () => {
    if (await copyText(value)) void message.success(`${label}已复制`);
    else void message.warning('无法自动复制，请手动选中后复制');
  };
  return (
    <Modal
      open={open}
      title={title}
      onCancel={onClose}
      mask={{ closable: false }}
      destroyOnHidden
      footer={
        <Button type="primary" onClick={onClose}>
          我已妥善保存
        </Button>
      }
    >
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        {description && <Typography.Paragraph style={{ marginBottom: 0 }}>{description}</Typography.Paragraph>}
        <Space.Compact style={{ width: '100%' }}>
          <Input readOnly value={value} aria-label={label} onFocus={(e) => e.currentTarget.select()} style={{ fontFamily: 'monospace' }} />
          <Button icon={<CopyOutlined />} onClick={() => void copy()}>
            复制
          </Button>
        </Space.Compact>
        <Alert type="warning" showIcon title={`${label}只显示这一次，关闭后无法再次查看，请立即复制并通过安全渠道转交。`} />
      </Space>
    </Modal>
  );
}
