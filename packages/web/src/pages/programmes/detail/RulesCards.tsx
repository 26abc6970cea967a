/** The selected version's categories and fields, each editable in a modal unless the version is frozen. */
import { PlusOutlined } from '@ant-design/icons';
import { ProCard } from '@ant-design/pro-components';
import { formatRatio, type CategoryRule, type FieldRule } from '@kechuang/domain';
import { App, Button, Flex, Popconfirm, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../../api/client';
import type { ProgrammeVersion } from '../../../api/programmes';
import { leadSentence } from '../../../lib/category-rules';
import { wanText } from '../../../lib/wan';
import { CategoryFormModal } from './CategoryFormModal';
import { FieldFormModal } from './FieldFormModal';
import { useRefreshProgramme, useVersionErrorHandler } from './version-errors';

interface Props {
  code: string;
  version: ProgrammeVersion;
}

const FROZEN_HINT = '该版本已被发布的申报指南使用，规则已冻结；如需调整请新建版本';

export function RulesCards({ code, version }: Props) {
  const { message } = App.useApp();
  const refresh = useRefreshProgramme(code);
  const onError = useVersionErrorHandler(code);
  const [category, setCategory] = useState<{ open: boolean; value: CategoryRule | null }>({ open: false, value: null });
  const [field, setField] = useState<{ open: boolean; value: FieldRule | null }>({ open: false, value: null });
  const frozen = version.frozen;
  const base = `/programmes/${encodeURIComponent(code)}/versions/${version.id}`;

  const remove = async (kind: 'categories' | 'fields', itemCode: string, name: string) => {
    try {
      await api.delete(`${base}/${kind}/${encodeURIComponent(itemCode)}`);
      void message.success(`已删除“${name}”`);
      refresh();
    } catch (error) {
      onError(error);
    }
  };
  const saved = () => {
    setCategory((c) => ({ ...c, open: false }));
    setField((f) => ({ ...f, open: false }));
    refresh();
  };
  const addButton = (text: string, onClick: () => void) => (
    <Tooltip title={frozen ? FROZEN_HINT : undefined}>
      <Button icon={<PlusOutlined />} disabled={frozen} onClick={onClick}>
        {text}
      </Button>
    </Tooltip>
  );
  const rowActions = (onEdit: () => void, onDelete: () => Promise<void>, name: string) =>
    frozen ? (
      <Tooltip title={FROZEN_HINT}>
        <Typography.Text type="secondary">不可修改</Typography.Text>
      </Tooltip>
    ) : (
      <Space size={12}>
        <a onClick={onEdit}>编辑</a>
        <Popconfirm title={`删除“${name}”？`} description="引用它的草稿指南须改选其他项后才能保存。" okText="删除" okButtonProps={{ danger: true }} cancelText="取消" onConfirm={onDelete}>
          <a style={{ color: '#cf1322' }}>删除</a>
        </Popconfirm>
      </Space>
    );

  return (
    <>
      <ProCard title={`类别（版本 ${version.version}）`} headerBordered extra={addButton('新增类别', () => setCategory({ open: true, value: null }))}>
        <Table<CategoryRule>
          rowKey="code"
          size="middle"
          pagination={false}
          scroll={{ x: 1100 }}
          dataSource={version.parameters.categories}
          locale={{ emptyText: '尚未设置类别' }}
          columns={[
            {
              title: '类别',
              dataIndex: 'name',
              fixed: 'left',
              width: 140,
              render: (_, r) => (
                <Flex vertical>
                  <Typography.Text strong>{r.name}</Typography.Text>
                  <Typography.Text type="secondary" style={{ fontFamily: 'monospace', fontSize: 12 }}>
                    {r.code}
                  </Typography.Text>
                </Flex>
              ),
            },
            { title: '补助比例', key: 'ratio', width: 90, render: (_, r) => (r.subsidyRatio ? `≤ ${formatRatio(r.subsidyRatio)}` : '不设') },
            { title: '补助上限', dataIndex: 'capYuan', width: 110, align: 'right', render: (_, r) => (r.capYuan === null ? '不设' : wanText(r.capYuan)) },
            { title: '支持下限', dataIndex: 'minYuan', width: 110, align: 'right', render: (_, r) => (r.minYuan === null ? '不设' : wanText(r.minYuan)) },
            { title: '自筹配套', dataIndex: 'minMatchingMultiple', width: 90, render: (_, r) => (r.minMatchingMultiple === null ? '不要求' : `1:${r.minMatchingMultiple}`) },
            { title: '最长实施期', dataIndex: 'maxDurationMonths', width: 100, render: (_, r) => (r.maxDurationMonths === null ? '不限' : `${r.maxDurationMonths}个月`) },
            { title: '牵头单位', key: 'lead', render: (_, r) => leadSentence(r) },
            { title: '产业化导向', dataIndex: 'industrialisationOriented', width: 100, render: (_, r) => (r.industrialisationOriented ? <Tag color="orange">是</Tag> : '否') },
            {
              title: '操作',
              key: 'actions',
              fixed: 'right',
              width: 110,
              render: (_, r) => rowActions(() => setCategory({ open: true, value: r }), () => remove('categories', r.code, r.name), r.name),
            },
          ]}
        />
      </ProCard>
      <ProCard title={`重点领域（版本 ${version.version}）`} headerBordered extra={addButton('新增领域', () => setField({ open: true, value: null }))}>
        <Table<FieldRule>
          rowKey="code"
          size="middle"
          pagination={false}
          dataSource={version.parameters.fields}
          locale={{ emptyText: '尚未设置领域' }}
          columns={[
            { title: '领域', dataIndex: 'name', width: 160, render: (_, r) => <Typography.Text strong>{r.name}</Typography.Text> },
            { title: '代码', dataIndex: 'code', width: 120, render: (_, r) => <Typography.Text style={{ fontFamily: 'monospace' }}>{r.code}</Typography.Text> },
            {
              title: '细分方向',
              dataIndex: 'subDirections',
              render: (_, r) =>
                r.subDirections.length ? (
                  <Flex wrap gap={4}>
                    {r.subDirections.map((s) => (
                      <Tag key={s}>{s}</Tag>
                    ))}
                  </Flex>
                ) : (
                  <Typography.Text type="secondary">不限</Typography.Text>
                ),
            },
            { title: '操作', key: 'actions', width: 110, render: (_, r) => rowActions(() => setField({ open: true, value: r }), () => remove('fields', r.code, r.name), r.name) },
          ]}
        />
      </ProCard>
      <CategoryFormModal code={code} version={version} category={category.value} open={category.open} onOpenChange={(open) => setCategory((c) => ({ ...c, open }))} onSaved={saved} />
      <FieldFormModal code={code} version={version} field={field.value} open={field.open} onOpenChange={(open) => setField((f) => ({ ...f, open }))} onSaved={saved} />
    </>
  );
}
