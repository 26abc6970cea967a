/** The programme's policy versions, oldest first: which is in force, which are frozen; a row selects a version. */
import { PlusOutlined } from '@ant-design/icons';
import { ProCard } from '@ant-design/pro-components';
import { Button, Table, Tag, Tooltip, Typography } from 'antd';
import type { ProgrammeDetail, ProgrammeVersion } from '../../../api/programmes';
import { APP_TIME_ZONE, dayjs, formatDateTime } from '../../../lib/time';

interface Props {
  programme: ProgrammeDetail;
  selectedId: string | undefined;
  onSelect: (id: string) => void;
  onCreate: () => void;
}

export function VersionStateTags({ version, currentId }: { version: ProgrammeVersion; currentId: string | null }) {
  const today = dayjs().tz(APP_TIME_ZONE).format('YYYY-MM-DD');
  return (
    <>
      {version.id === currentId ? <Tag color="green">当前生效</Tag> : version.effectiveFrom > today ? <Tag color="blue">尚未生效</Tag> : <Tag>已被新版本取代</Tag>}
      {version.frozen && (
        <Tooltip title={`${formatDateTime(version.frozenAt)} 起被已发布的申报指南使用，规则不可再修改`}>
          <Tag color="purple">已冻结</Tag>
        </Tooltip>
      )}
    </>
  );
}

export function VersionsCard({ programme, selectedId, onSelect, onCreate }: Props) {
  return (
    <ProCard
      title="政策版本"
      headerBordered
      tooltip="每个版本自生效日期（北京时间零点）起适用；申报指南按开始申报时生效的版本执行"
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={onCreate}>
          新建版本
        </Button>
      }
    >
      <Table<ProgrammeVersion>
        rowKey="id"
        size="middle"
        pagination={false}
        dataSource={programme.versions}
        locale={{ emptyText: '尚无政策版本，请新建一个版本并设定生效日期' }}
        rowSelection={{ type: 'radio', selectedRowKeys: selectedId ? [selectedId] : [], onChange: (keys) => keys[0] && onSelect(String(keys[0])), columnWidth: 48 }}
        onRow={(r) => ({ onClick: () => onSelect(r.id), style: { cursor: 'pointer' } })}
        columns={[
          { title: '版本', dataIndex: 'version', render: (_, r) => <Typography.Text strong>{r.version}</Typography.Text> },
          { title: '文号', dataIndex: 'documentNo' },
          { title: '生效日期', dataIndex: 'effectiveFrom', width: 120 },
          { title: '状态', key: 'state', render: (_, r) => <VersionStateTags version={r} currentId={programme.currentVersionId} /> },
          { title: '类别 / 领域', key: 'counts', width: 110, render: (_, r) => `${r.parameters.categories.length} / ${r.parameters.fields.length}` },
          { title: '最后修改', dataIndex: 'updatedAt', width: 170, render: (_, r) => formatDateTime(r.updatedAt) },
        ]}
      />
    </ProCard>
  );
}
