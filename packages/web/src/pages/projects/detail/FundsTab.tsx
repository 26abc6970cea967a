/** 资金: the project's disbursement schedule with each instalment's condition and status, payments, stage checks and recoveries. */
import { INSTALMENT_CONDITION_DETAILS, INSTALMENT_STATUS_LABELS, type DisbursementView, type InstalmentStatus } from '@kechuang/domain';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Flex, Popconfirm, Row, Statistic, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../../api/client';
import { errorText } from '../../../api/errors';
import { useApiErrorHandler } from '../../../api/form-errors';
import { formatDateTime } from '../../../lib/time';
import { wanText } from '../../../lib/wan';
import { DisburseModal, ScheduleModal, StageCheckModal } from './FundsModals';
import type { ProjectTabProps } from './tabs';

type Instalment = DisbursementView['instalments'][number];
type Recovery = DisbursementView['recoveries'][number];
type StageCheck = DisbursementView['stageChecks'][number];

const STATUS_COLORS: Record<InstalmentStatus, string> = { paid: 'green', payable: 'blue', waiting: 'orange', stopped: 'red' };

export function FundsTab({ project, refresh }: ProjectTabProps) {
  const key = ['projects', project.id, 'disbursements'];
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const onError = useApiErrorHandler();
  const q = useQuery({ queryKey: key, queryFn: ({ signal }) => api.get<DisbursementView>(`/projects/${project.id}/disbursements`, undefined, signal) });
  const [paying, setPaying] = useState<Instalment | null>(null);
  const [editing, setEditing] = useState(false);
  const [checking, setChecking] = useState(false);
  const changed = (next: DisbursementView) => {
    queryClient.setQueryData(key, next);
    refresh();
  };
  if (q.error) return <Alert type="error" showIcon title="资金信息加载失败" description={errorText(q.error)} />;
  const v = q.data;
  if (!v) return <Card loading />;
  const open = v.state !== 'terminated' && v.state !== 'revoked' && v.state !== 'failed' && v.state !== 'accepted' && v.state !== 'concluded';
  const owed = v.recoveries.filter((r) => r.status === 'open').reduce((s, r) => s + r.amountYuan, 0);

  const settle = async (r: Recovery) => {
    try {
      changed(await api.post<DisbursementView>(`/projects/${project.id}/recoveries/${r.id}/settle`));
      void message.success(`已记录到账 ${wanText(r.amountYuan)}`);
    } catch (e) {
      onError(e);
    }
  };

  return (
    <Flex vertical gap={16}>
      <Row gutter={16}>
        {([
          ['财政经费', v.fiscalYuan],
          ['已拨付', v.disbursedYuan],
          ['计划未拨付', v.openYuan],
          ['尚未拨付的承诺', v.undisbursedYuan],
          ['待缴回', owed],
        ] as const).map(([title, yuan]) => (
          <Col key={title} flex={1}><Card size="small"><Statistic title={title} value={wanText(yuan)} /></Card></Col>
        ))}
      </Row>
      <Card
        size="small"
        title="拨付计划"
        extra={v.canManage && open ? <Button onClick={() => setEditing(true)}>调整拨付计划</Button> : null}
      >
        <Typography.Paragraph type="secondary" style={{ marginBottom: 12 }}>
          首期不低于财政经费的 {v.minFirstPercent}%（{wanText(v.minFirstYuan)}），任务书签订后拨付；其余{v.midtermRequired ? `在中期检查合格后拨付（财政经费达到 ${wanText(v.midtermMandatoryFromYuan)}，须中期检查）` : '在阶段检查合格后拨付'}。
          {v.edited ? '' : '当前为默认计划。'}已合格的阶段检查：{v.stageChecksPassed} 次。
        </Typography.Paragraph>
        <Table<Instalment>
          size="small"
          rowKey="instalmentNo"
          pagination={false}
          dataSource={v.instalments}
          summary={() => (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0}>合计</Table.Summary.Cell>
              <Table.Summary.Cell index={1} align="right">{wanText(v.scheduledYuan)}</Table.Summary.Cell>
              <Table.Summary.Cell index={2} colSpan={4}>已拨付 {wanText(v.paidYuan)}，未拨付 {wanText(v.openYuan)}</Table.Summary.Cell>
            </Table.Summary.Row>
          )}
          columns={[
            { title: '期次', dataIndex: 'instalmentNo', width: 70, render: (n: number) => `第${n}期` },
            { title: '金额', dataIndex: 'amountYuan', width: 120, align: 'right', render: (y: number) => wanText(y) },
            { title: '拨付条件', dataIndex: 'conditionLabel', width: 130, render: (l: string, r) => <span title={INSTALMENT_CONDITION_DETAILS[r.condition]}>{l}</span> },
            { title: '状态', dataIndex: 'status', render: (s: InstalmentStatus, r) => <span data-testid={`instalment-${r.instalmentNo}-status`}><Tag color={STATUS_COLORS[s]}>{INSTALMENT_STATUS_LABELS[s]}</Tag>{r.statusText}</span> },
            { title: '说明', dataIndex: 'note', ellipsis: true, width: 180, render: (n: string) => n || '—' },
            {
              title: '操作', key: 'actions', width: 110,
              render: (_, r) => (v.canManage && r.status !== 'paid' && r.status !== 'stopped'
                ? <Button size="small" type={r.status === 'payable' ? 'primary' : 'default'} onClick={() => setPaying(r)}>拨付第{r.instalmentNo}期</Button>
                : null),
            },
          ]}
        />
      </Card>
      <Card
        size="small"
        title="阶段检查"
        extra={v.canManage && !v.midtermRequired && (v.state === 'executing' || v.state === 'rectifying') ? <Button onClick={() => setChecking(true)}>记录阶段检查</Button> : null}
      >
        {v.midtermRequired && <Typography.Paragraph type="secondary">本项目须中期检查，以中期检查合格作为阶段检查，不另行记录。</Typography.Paragraph>}
        <Table<StageCheck>
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={v.stageChecks}
          locale={{ emptyText: '尚无阶段检查记录' }}
          columns={[
            { title: '检查日期', dataIndex: 'checkedDate', width: 120 },
            { title: '结论', dataIndex: 'resultLabel', width: 90, render: (l: string, r) => <Tag color={r.result === 'pass' ? 'green' : 'red'}>{l}</Tag> },
            { title: '依据', dataIndex: 'basis', ellipsis: true },
            { title: '记录人', dataIndex: 'recordedBy', width: 120, render: (n: string | null) => n ?? '—' },
            { title: '记录时间', dataIndex: 'recordedAt', width: 170, render: (t: string) => formatDateTime(t) },
          ]}
        />
      </Card>
      {v.recoveries.length > 0 && (
        <Card size="small" title="资金收回">
          <Table<Recovery>
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={v.recoveries}
            columns={[
              { title: '原因', dataIndex: 'reasonLabel', width: 120 },
              { title: '应缴回', dataIndex: 'amountYuan', width: 120, align: 'right', render: (y: number) => wanText(y) },
              { title: '缴回期限', dataIndex: 'dueDate', width: 120 },
              { title: '状态', dataIndex: 'statusLabel', width: 150, render: (l: string, r) => <>{l}{r.overdue && <Tag color="red" style={{ marginLeft: 8 }}>逾期</Tag>}</> },
              { title: '依据', dataIndex: 'basis', ellipsis: true },
              {
                title: '操作', key: 'actions', width: 100,
                render: (_, r) => (v.canManage && r.status === 'open'
                  ? <Popconfirm title="记录退回资金到账" description={`将记入预算台账「退回已拨付」${wanText(r.amountYuan)}。`} okText="确认到账" cancelText="取消" onConfirm={() => settle(r)}><Button size="small">到账</Button></Popconfirm>
                  : null),
              },
            ]}
          />
        </Card>
      )}
      {paying && <DisburseModal projectId={project.id} instalment={paying} onClose={() => setPaying(null)} onDone={(next) => { setPaying(null); changed(next); }} />}
      {editing && <ScheduleModal projectId={project.id} view={v} onClose={() => setEditing(false)} onDone={(next) => { setEditing(false); changed(next); }} />}
      {checking && <StageCheckModal projectId={project.id} onClose={() => setChecking(false)} onDone={(next) => { setChecking(false); changed(next); }} />}
    </Flex>
  );
}
