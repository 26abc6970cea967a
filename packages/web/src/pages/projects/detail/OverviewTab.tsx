/** 概况: the project's terms (NB-7 shares, dates, the rule set's settings) and its money, movement by movement. */
import { BUDGET_ENTRY_LABELS, TASK_BOOK_KIND_LABELS, TASK_BOOK_PARTY_LABELS, TASK_BOOK_STATUS_LABELS, type ProjectDetail } from '@kechuang/domain';
import { Card, Col, Descriptions, Row, Statistic, Table, Tag } from 'antd';
import { Link } from 'react-router';
import { formatDateTime } from '../../../lib/time';
import { wanText } from '../../../lib/wan';
import type { ProjectTabProps } from './tabs';

type Movement = ProjectDetail['ledger']['movements'][number];
type Version = ProjectDetail['taskBookVersions'][number];

export function OverviewTab({ project: p }: ProjectTabProps) {
  const l = p.ledger;
  return (
    <>
      <Row gutter={16} style={{ marginBottom: 16 }}>
        {[
          ['立项承诺', l.committedYuan],
          ['已拨付', l.disbursedYuan],
          ['尚未拨付', l.undisbursedYuan],
          ['已收回未拨付', l.releasedYuan],
          ['已退回', l.repaidYuan],
        ].map(([title, v]) => (
          <Col key={title as string} span={4}><Card size="small"><Statistic title={title as string} value={wanText(v as number)} /></Card></Col>
        ))}
      </Row>
      <Card size="small" title="项目信息" style={{ marginBottom: 16 }}>
        <Descriptions size="small" column={3} items={[
          { key: 'org', label: '承担单位', children: `${p.organisation.name}（${p.organisation.creditCode}）` },
          { key: 'programme', label: '计划 / 年度', children: `${p.programmeCode} / ${p.budgetYear}` },
          { key: 'category', label: '类别 / 领域', children: `${p.category.name} / ${p.fieldName ?? '—'}` },
          { key: 'city', label: '市级财政（NB-7）', children: wanText(p.fiscalCityYuan) },
          { key: 'district', label: '区级财政（NB-7）', children: wanText(p.fiscalDistrictYuan) },
          { key: 'lump', label: '经费包干制', children: p.lumpSum ? '是（P315-4）' : '否' },
          { key: 'start', label: '开始日期', children: p.startDate ?? '—' },
          { key: 'end', label: '任务书结束日期', children: p.endDate ?? '—' },
          { key: 'effective', label: '有效结束日期（含延期）', children: p.effectiveEndDate ?? '—' },
          { key: 'application', label: '来源申报书', children: <Link to={`/applications/${p.application.id}`}>{p.application.applicationNo}</Link> },
          { key: 'approved', label: '立项时间', children: formatDateTime(p.approvedAt) },
          { key: 'department', label: '主管部门', children: p.department ?? '无' },
        ]} />
      </Card>
      <Card size="small" title="任务书版本" style={{ marginBottom: 16 }}>
        <Table<Version> size="small" rowKey="id" pagination={false} dataSource={p.taskBookVersions} columns={[
          { title: '版本', dataIndex: 'versionNo', width: 64, render: (v: number) => `第${v}版` },
          { title: '类型', dataIndex: 'kind', width: 100, render: (k: Version['kind']) => TASK_BOOK_KIND_LABELS[k] },
          { title: '状态', dataIndex: 'status', width: 140, render: (s: Version['status']) => <Tag color={s === 'signed' ? 'green' : s === 'superseded' ? 'default' : 'blue'}>{TASK_BOOK_STATUS_LABELS[s]}</Tag> },
          { title: '签署', dataIndex: 'signatures', render: (sigs: Version['signatures']) => sigs.map((s) => `${TASK_BOOK_PARTY_LABELS[s.party]} ${s.signerName}`).join('；') || '—' },
          { title: '内容摘要（SHA-256）', dataIndex: 'contentHash', width: 200, render: (h: string) => <code title={h}>{h.slice(0, 16)}…</code> },
        ]} />
      </Card>
      <Card size="small" title="资金台账（与年度预算台账逐笔一致）">
        <Table<Movement> size="small" rowKey="id" pagination={{ pageSize: 10, hideOnSinglePage: true }} dataSource={l.movements} columns={[
          { title: '时间', dataIndex: 'createdAt', width: 170, render: (v: string) => formatDateTime(v) },
          { title: '类型', dataIndex: 'kind', width: 120, render: (k: Movement['kind']) => BUDGET_ENTRY_LABELS[k] },
          { title: '金额', dataIndex: 'amountYuan', width: 140, align: 'right', render: (v: number) => wanText(v) },
          { title: '说明', dataIndex: 'note', ellipsis: true },
        ]} />
      </Card>
    </>
  );
}
