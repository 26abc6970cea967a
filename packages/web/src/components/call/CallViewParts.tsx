/** Parts of the public call view: the guideline items (with bounties under 揭榜挂帅) and the proposal form outline. */
import { FORM_ITEM_KIND_LABELS, type FieldRule, type FormSection } from '@kechuang/domain';
import { Table, Tag, Typography } from 'antd';
import type { GuidelineItem } from '../../api/programmes';
import { wanText } from '../../lib/wan';

type Item = Omit<GuidelineItem, 'id'>;

export function GuidelineItemsTable({ items, fields, showBounty }: { items: Item[]; fields: FieldRule[]; showBounty: boolean }) {
  if (items.length === 0) return <Typography.Text type="secondary">本指南未列具体条目，申报人在所选类别和领域内自由申报。</Typography.Text>;
  const fieldName = (code: string | null) => (code ? (fields.find((f) => f.code === code)?.name ?? code) : '不限');
  return (
    <Table<Item>
      rowKey="code"
      size="middle"
      pagination={items.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
      dataSource={items}
      columns={[
        { title: '编号', dataIndex: 'code', width: 130 },
        {
          title: '条目名称',
          dataIndex: 'title',
          render: (_, r) => (
            <>
              <Typography.Text strong>{r.title}</Typography.Text>
              {r.description && (
                <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0', whiteSpace: 'pre-wrap' }}>
                  {r.description}
                </Typography.Paragraph>
              )}
            </>
          ),
        },
        { title: '所属领域', dataIndex: 'fieldCode', width: 120, render: (_, r) => fieldName(r.fieldCode) },
        ...(showBounty
          ? [{ title: '揭榜金额', dataIndex: 'bountyYuan', width: 140, align: 'right' as const, render: (_: unknown, r: Item) => <Typography.Text strong>{wanText(r.bountyYuan)}</Typography.Text> }]
          : []),
      ]}
    />
  );
}

export function CallFormOutline({ sections }: { sections: FormSection[] }) {
  if (sections.length === 0) return <Typography.Text type="secondary">未设定申报书提纲。</Typography.Text>;
  return (
    <ol style={{ margin: 0, paddingInlineStart: 24 }}>
      {sections.map((s) => (
        <li key={s.key} style={{ marginBottom: 12 }}>
          <Typography.Text strong>{s.title}</Typography.Text>
          <ol style={{ marginTop: 4, paddingInlineStart: 20, listStyleType: 'decimal' }}>
            {s.items.map((i) => (
              <li key={i.key}>
                {i.title}
                {i.hint && <Typography.Text type="secondary">（{i.hint}）</Typography.Text>}
                {!i.required && <Tag style={{ marginInlineStart: 8 }}>选填</Tag>}
                {i.kind !== 'richText' && (
                  <Typography.Text type="secondary" style={{ marginInlineStart: 8, fontSize: 12 }}>
                    {FORM_ITEM_KIND_LABELS[i.kind]}
                  </Typography.Text>
                )}
              </li>
            ))}
          </ol>
        </li>
      ))}
    </ol>
  );
}
