/** 409 on autosave: the person's version and the server's side by side, and a choice — never a silent overwrite. */
import type { FormSection } from '@kechuang/domain';
import { Alert, Button, Modal, Table, Typography } from 'antd';
import { differences, showValue } from './content-diff';
import { fieldLabel } from './model';
import type { Conflict } from './useDraft';

export function ConflictModal({ conflict, baseVersion, sections, onKeepMine, onTakeTheirs }: { conflict: Conflict | null; baseVersion: number; sections: readonly FormSection[]; onKeepMine: () => void; onTakeTheirs: () => void }) {
  const rows = conflict ? differences(conflict.yours, conflict.current) : [];
  return (
    <Modal
      open={conflict !== null}
      title="申报书已在别处保存了更新的版本"
      width={1000}
      closable={false}
      maskClosable={false}
      keyboard={false}
      footer={[
        <Button key="theirs" onClick={onTakeTheirs}>
          采用服务器版本（第{conflict?.currentVersion}版）
        </Button>,
        <Button key="mine" type="primary" onClick={onKeepMine}>
          保留我的修改并保存
        </Button>,
      ]}
    >
      <Alert type="warning" showIcon style={{ marginBottom: 12 }} message={`您的修改基于第${baseVersion}版，服务器上已有第${conflict?.currentVersion ?? ''}版（可能是在另一个窗口或由同事保存）。请对照下列不同之处后选择。`} />
      <Table
        size="small"
        bordered
        rowKey="path"
        dataSource={rows}
        pagination={rows.length > 8 ? { pageSize: 8 } : false}
        columns={[
          { title: '栏目', dataIndex: 'path', width: 220, render: (p: string) => fieldLabel(p, sections) },
          { title: '我的版本', dataIndex: 'mine', render: (v: string | undefined) => <Typography.Text style={{ background: '#e6f4ff' }}>{showValue(v)}</Typography.Text> },
          { title: `服务器版本（第${conflict?.currentVersion ?? ''}版）`, dataIndex: 'theirs', render: (v: string | undefined) => <Typography.Text style={{ background: '#fff7e6' }}>{showValue(v)}</Typography.Text> },
        ]}
        locale={{ emptyText: '两个版本内容相同' }}
      />
    </Modal>
  );
}
