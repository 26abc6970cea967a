/** The submitted version of an application as the expert reads it: basic facts, text sections, team, plan and files. */
import { ProDescriptions } from '@ant-design/pro-components';
import { ATTACHMENT_KIND_LABELS, DEFAULT_PROPOSAL_TEMPLATE, formFieldLabels, TASK_TYPE_LABELS, type AttachmentKind, type ReviewApplication, type TaskType } from '@kechuang/domain';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Empty, List, Spin, Table, Tabs, Typography } from 'antd';
import { api } from '../../../api/client';

const SECTION_TITLES = formFieldLabels(DEFAULT_PROPOSAL_TEMPLATE);

interface Content {
  basic?: { title?: string; fieldCode?: string; keywords?: string[]; taskType?: string; startDate?: string; endDate?: string; industryChain?: string; innovationChain?: string };
  sections?: Record<string, string>;
  team?: { leader?: { name?: string; title?: string; birthYear?: number }; members?: { name?: string; title?: string; role?: string; timeSharePercent?: number }[] };
  indicators?: { name?: string; unit?: string; currentValue?: string; targetValue?: string }[];
}

export function ApplicationReader({ assignmentId }: { assignmentId: string }) {
  const q = useQuery({ queryKey: ['expert', 'review', assignmentId, 'application'], queryFn: () => api.get<ReviewApplication>(`/review/assignments/${assignmentId}/application`) });
  if (q.isLoading) return <Spin style={{ display: 'block', marginTop: 40 }} />;
  if (!q.data) return <Empty description="无法读取申报书" />;
  const a = q.data;
  const c = a.content as Content;
  const sections = Object.entries(c.sections ?? {}).filter(([, v]) => v.trim());
  return (
    <Card size="small" title="申报书（提交版本）">
      <Tabs
        items={[
          {
            key: 'basic',
            label: '基本信息',
            children: (
              <ProDescriptions column={1} size="small" dataSource={c.basic ?? {}} columns={[
                { title: '项目名称', dataIndex: 'title' },
                { title: '申报编号', render: () => a.applicationNo },
                { title: '所属领域', dataIndex: 'fieldCode' },
                { title: '任务类型', render: () => (c.basic?.taskType ? (TASK_TYPE_LABELS[c.basic.taskType as TaskType] ?? c.basic.taskType) : '—') },
                { title: '起止日期', render: () => `${c.basic?.startDate ?? '—'} 至 ${c.basic?.endDate ?? '—'}` },
                { title: '关键词', render: () => (c.basic?.keywords ?? []).join('、') || '—' },
                { title: '产业链/创新链', render: () => `${c.basic?.industryChain ?? '—'} / ${c.basic?.innovationChain ?? '—'}` },
              ]} />
            ),
          },
          {
            key: 'sections',
            label: '项目内容',
            children: sections.length ? sections.map(([k, v]) => (
              <div key={k} style={{ marginBottom: 12 }}>
                <Typography.Title level={5}>{SECTION_TITLES[k] ?? k}</Typography.Title>
                <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{v}</Typography.Paragraph>
              </div>
            )) : <Empty />,
          },
          {
            key: 'team',
            label: '项目团队',
            children: (
              <>
                <Typography.Paragraph>项目负责人：{c.team?.leader?.name ?? '—'}（{c.team?.leader?.title ?? '—'}）</Typography.Paragraph>
                <Table size="small" rowKey={(_, i) => String(i)} pagination={false} dataSource={c.team?.members ?? []} columns={[
                  { title: '姓名', dataIndex: 'name' },
                  { title: '职称', dataIndex: 'title' },
                  { title: '分工', dataIndex: 'role' },
                  { title: '投入比例', dataIndex: 'timeSharePercent', render: (v) => (v === undefined ? '—' : `${v}%`) },
                ]} />
              </>
            ),
          },
          {
            key: 'indicators',
            label: '考核指标',
            children: <Table size="small" rowKey={(_, i) => String(i)} pagination={false} dataSource={c.indicators ?? []} columns={[{ title: '指标', dataIndex: 'name' }, { title: '单位', dataIndex: 'unit' }, { title: '现有值', dataIndex: 'currentValue' }, { title: '目标值', dataIndex: 'targetValue' }]} />,
          },
          {
            key: 'files',
            label: `附件（${a.attachments.length}）`,
            children: (
              <List
                size="small"
                dataSource={a.attachments}
                renderItem={(f) => (
                  <List.Item actions={[<Button key="dl" size="small" type="link" onClick={() => void api.download(`/review/assignments/${assignmentId}/attachments/${f.id}`, undefined, f.fileName)}>下载</Button>]}>
                    {ATTACHMENT_KIND_LABELS[f.kind as AttachmentKind] ?? f.kind}：{f.fileName}
                  </List.Item>
                )}
              />
            ),
          },
        ]}
      />
    </Card>
  );
}
