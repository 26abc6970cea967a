/**
 * An organisation's record (单位信用与绩效): its projects' performance evaluations (绩效评价, BL-12) and the
 * research-integrity records against its credit code (科研失信). Shown on the unit's own page and to the bureau.
 */
import { INTEGRITY_APPEAL_LABELS, INTEGRITY_SEVERITY_LABELS, PERFORMANCE_CLASS_LABELS, PERFORMANCE_GRADE_LABELS, formatCentiPoints, type IntegrityRecordView, type PerformanceEvaluationView } from '@kechuang/domain';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Drawer, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../../api/client';
import { formatDateTime } from '../../../lib/time';
import { IntegrityStatusTag } from '../list/IntegrityPage';

const GRADE_COLORS = { excellent: 'green', good: 'blue', pass: 'gold', fail: 'red' } as const;

export function OrganisationRecord({ organisationId }: { organisationId: string }) {
  const perf = useQuery({ queryKey: ['organisations', organisationId, 'performance'], queryFn: ({ signal }) => api.get<{ items: PerformanceEvaluationView[] }>(`/organisations/${organisationId}/performance`, undefined, signal) });
  const integrity = useQuery({ queryKey: ['organisations', organisationId, 'integrity'], queryFn: ({ signal }) => api.get<{ items: IntegrityRecordView[] }>(`/organisations/${organisationId}/integrity`, undefined, signal) });
  return (
    <>
      <Card size="small" title="项目绩效评价" style={{ marginTop: 16 }} loading={perf.isLoading}>
        <Table<PerformanceEvaluationView> size="small" rowKey="id" pagination={{ pageSize: 5, hideOnSinglePage: true }} dataSource={perf.data?.items ?? []} locale={{ emptyText: '暂无绩效评价' }} columns={[
          { title: '项目', dataIndex: 'projectTitle', ellipsis: true, render: (t: string, e) => <Link to={`/projects/${e.projectId}`}>{e.projectNo} {t}</Link> },
          { title: '负责人', dataIndex: 'leaderName', width: 90 },
          { title: '类别', dataIndex: 'classKey', width: 150, render: (k: PerformanceEvaluationView['classKey'], e) => `${PERFORMANCE_CLASS_LABELS[k]}${e.lumpSum ? '（包干制）' : ''}` },
          { title: '得分', dataIndex: 'totalCenti', width: 70, align: 'right', render: (v: number) => formatCentiPoints(v) },
          { title: '等级', dataIndex: 'grade', width: 70, render: (g: PerformanceEvaluationView['grade']) => <Tag color={GRADE_COLORS[g]}>{PERFORMANCE_GRADE_LABELS[g]}</Tag> },
          { title: '评价时间', dataIndex: 'evaluatedAt', width: 110, render: (v: string) => formatDateTime(v).slice(0, 10) },
        ]} />
      </Card>
      <Card size="small" title="科研失信记录（以本单位统一社会信用代码登记）" style={{ marginTop: 16 }} loading={integrity.isLoading}>
        <Table<IntegrityRecordView> size="small" rowKey="id" pagination={{ pageSize: 5, hideOnSinglePage: true }} dataSource={integrity.data?.items ?? []} locale={{ emptyText: '无科研失信记录' }} columns={[
          { title: '失信行为', dataIndex: 'behaviour', ellipsis: true },
          { title: '严重程度', dataIndex: 'severity', width: 80, render: (s: IntegrityRecordView['severity']) => INTEGRITY_SEVERITY_LABELS[s] },
          { title: '处理决定', dataIndex: 'decisionNo', width: 150 },
          { title: '限制期', width: 190, render: (_, r) => `${r.banFrom} 至 ${r.banUntil}` },
          { title: '申诉', dataIndex: 'appealStatus', width: 110, render: (a: IntegrityRecordView['appealStatus']) => INTEGRITY_APPEAL_LABELS[a] },
          { title: '状态', dataIndex: 'status', width: 80, render: (_, r) => <IntegrityStatusTag r={r} /> },
        ]} />
      </Card>
    </>
  );
}

/** A link that opens the organisation's record in a drawer (the bureau's organisation list). */
export function OrganisationRecordDrawer({ organisationId, name }: { organisationId: string; name: string }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button type="link" size="small" style={{ padding: 0, height: 'auto', fontSize: 12 }} onClick={() => setOpen(true)}>
        绩效与诚信档案
      </Button>
      {open && (
        <Drawer open title={`${name}：绩效评价与科研失信记录`} width={880} onClose={() => setOpen(false)} destroyOnHidden>
          <OrganisationRecord organisationId={organisationId} />
        </Drawer>
      )}
    </>
  );
}
